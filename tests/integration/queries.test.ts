import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { readDataset } from "@/lib/db/dataset";
import type { Dataset } from "@/lib/validation/dataset";
import { LAYERS } from "@/lib/domain/vocabulary";
import { buildTempDatabase, DATA } from "./helpers";

let d: Dataset;

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
  d = readDataset(DATA).dataset;
});

const isIsoDate = (v: string | null) => v === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v);

describe("portfolio queries", () => {
  it("listLayers gives the three layers in order with their company counts", async () => {
    const { listLayers } = await import("@/lib/db/queries/portfolio");
    const layers = listLayers();
    expect(layers.map((l) => l.slug)).toEqual(["basic", "technology", "application"]);
    for (const l of layers) expect(l.companyCount).toBe(d.positions.filter((p) => p.layer === l.slug).length);
  });

  it("listPortfolio filters by each layer and countPortfolio agrees", async () => {
    const { listPortfolio, countPortfolio } = await import("@/lib/db/queries/portfolio");
    for (const layer of LAYERS) {
      const rows = listPortfolio({ layer });
      const expected = d.positions.filter((p) => p.layer === layer).map((p) => p.organization).sort();
      expect(rows.map((r) => r.slug).sort()).toEqual(expected);
      expect(countPortfolio({ layer })).toBe(expected.length);
      for (const r of rows) expect(r.citations.length).toBeGreaterThan(0);
    }
    expect(countPortfolio()).toBe(d.positions.length);
  });

  it("a name match reads each hit's organization from the index's rowid, aliases included, after writes through the triggers", async () => {
    const { organizationIdsNamed } = await import("@/lib/db/queries/portfolio");
    const { SQLiteSyncDialect } = await import("drizzle-orm/sqlite-core");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!);
    const dialect = new SQLiteSyncDialect();
    const sorted = (xs: unknown[]) => (xs as number[]).sort((a, b) => a - b);
    const ids = (q: string) => {
      const query = dialect.sqlToQuery(organizationIdsNamed(q));
      return sorted(raw.prepare(query.sql).pluck().all(...query.params));
    };
    // What the index's own column says (a read of its content table per hit).
    const stored = (q: string) => sorted(raw.prepare(`SELECT organization_id FROM organization_names WHERE organization_names MATCH ?`).pluck().all(`"${q}"`));
    const withAlias = d.organizations.find((o) => o.aliases.length > 0)!;
    const alias = withAlias.aliases[0]!;
    const orgId = (slug: string) => raw.prepare(`SELECT id FROM organizations WHERE slug = ?`).pluck().get(slug) as number;
    const other = d.organizations.find((o) => o.slug !== withAlias.slug)!;
    raw.exec("BEGIN");
    try {
      // Moved, added and renamed through the same writes an import makes; rolled back after.
      raw.prepare(`UPDATE organization_aliases SET organization_id = ? WHERE alias = ? AND organization_id = ?`).run(orgId(other.slug), alias, orgId(withAlias.slug));
      raw.prepare(`INSERT INTO organization_aliases (organization_id, alias) VALUES (?, 'Quokkatron Robotics')`).run(orgId(withAlias.slug));
      raw.prepare(`UPDATE organizations SET name = 'Quokkatron Labs' WHERE id = ?`).run(orgId(other.slug));
      let hits = 0;
      for (const q of [alias.slice(0, 4).toLowerCase(), "quokkatron", "robot", "tech", "ali", other.name.slice(0, 3)]) {
        expect(ids(q), q).toEqual(stored(q));
        hits += stored(q).length;
      }
      expect(ids("quokkatron")).toEqual(sorted([orgId(withAlias.slug), orgId(other.slug)]));
      expect(hits).toBeGreaterThan(5);
    } finally {
      raw.exec("ROLLBACK");
      raw.close();
    }
  });

  it("name search matches aliases, case-insensitively, and treats % literally", async () => {
    const { listPortfolio } = await import("@/lib/db/queries/portfolio");
    const withAlias = d.organizations.find((o) => o.aliases.length > 0 && d.positions.some((p) => p.organization === o.slug))!;
    const alias = withAlias.aliases[0]!;
    expect(listPortfolio({ q: alias.toUpperCase() }).map((r) => r.slug)).toContain(withAlias.slug);
    expect(listPortfolio({ q: "%" })).toEqual([]);
    expect(listPortfolio({ q: "zzzz-nothing" })).toEqual([]);
  });

  it("facet counts for a layer leave the other layers' counts visible", async () => {
    const { portfolioFacets } = await import("@/lib/db/queries/portfolio");
    const facets = portfolioFacets({ layer: "application" });
    for (const layer of LAYERS) expect(facets.layer[layer] ?? 0).toBe(d.positions.filter((p) => p.layer === layer).length);
    const appStatuses = d.positions.filter((p) => p.layer === "application");
    const total = Object.values(facets.status).reduce((a, b) => a + b, 0);
    expect(total).toBe(appStatuses.length);
  });

  it("listSegments and portfolioByLayerAndRelationship add up to every position", async () => {
    const { listSegments, portfolioByLayerAndRelationship } = await import("@/lib/db/queries/portfolio");
    expect(listSegments().reduce((a, s) => a + s.companyCount, 0)).toBe(d.positions.length);
    expect(portfolioByLayerAndRelationship().reduce((a, s) => a + s.companyCount, 0)).toBe(d.positions.length);
  });
});

describe("deal queries", () => {
  it("listDeals returns every deal, oldest first, undated last, with ISO dates and citations", async () => {
    const { listDeals, countDeals } = await import("@/lib/db/queries/deals");
    const rows = listDeals();
    expect(rows).toHaveLength(d.deals.length);
    expect(countDeals()).toBe(d.deals.length);
    const dated = rows.filter((r) => r.sortDate !== null).map((r) => r.sortDate!);
    expect(dated).toEqual([...dated].sort());
    expect(rows.slice(dated.length).every((r) => r.sortDate === null)).toBe(true);
    for (const r of rows) {
      expect(isIsoDate(r.date)).toBe(true);
      expect(r.citations.length).toBeGreaterThan(0);
      if (r.amount !== null) expect(typeof r.amount).toBe("number");
    }
  });

  it("filters by status and kind, and keeps co-investors and terms", async () => {
    const { listDeals, dealFacets } = await import("@/lib/db/queries/deals");
    const denied = listDeals({ status: "denied" });
    expect(denied.map((r) => r.slug).sort()).toEqual(d.deals.filter((x) => x.status === "denied").map((x) => x.id).sort());
    const withCo = d.deals.find((x) => x.coInvestors.length > 0)!;
    const row = listDeals().find((r) => r.slug === withCo.id)!;
    expect(row.coInvestors.map((c) => c.slug).sort()).toEqual([...withCo.coInvestors].sort());
    const withTerms = d.deals.find((x) => x.terms.length > 0)!;
    expect(listDeals().find((r) => r.slug === withTerms.id)!.terms).toEqual(withTerms.terms);
    const facets = dealFacets();
    expect(Object.values(facets.kind).reduce((a, b) => a + b, 0)).toBe(d.deals.length);
  });

  it("a year range keeps only dated deals inside it", async () => {
    const { listDeals, dealYearRange } = await import("@/lib/db/queries/deals");
    const range = dealYearRange()!;
    expect(range.from).toBeLessThanOrEqual(range.to);
    const rows = listDeals({ fromYear: 2020, toYear: 2024 });
    expect(rows.length).toBe(d.deals.filter((x) => x.date && Number(x.date.slice(0, 4)) >= 2020 && Number(x.date.slice(0, 4)) <= 2024).length);
  });

  it("paginates", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const all = listDeals();
    expect(listDeals({}, { limit: 3, offset: 2 }).map((r) => r.slug)).toEqual(all.slice(2, 5).map((r) => r.slug));
  });
});

describe("organization queries", () => {
  it("getOrganizationBySlug returns the profile with aliases, position and citations", async () => {
    const { getOrganizationBySlug } = await import("@/lib/db/queries/organizations");
    const pos = d.positions[0]!;
    const org = d.organizations.find((o) => o.slug === pos.organization)!;
    const p = getOrganizationBySlug(org.slug)!;
    expect(p.name).toBe(org.name);
    expect(p.aliases).toEqual(org.aliases);
    expect(p.layer).toBe(pos.layer);
    expect(p.citations.map((c) => c.sourceSlug).sort()).toEqual(org.citations.map((c) => c.source).sort());
    expect(p.positionCitations.length).toBe(pos.citations.length);
    expect(getOrganizationBySlug("no-such-company")).toBeNull();
  });

  it("listOrganizations and countOrganizations agree, filtered by kind", async () => {
    const { listOrganizations, countOrganizations } = await import("@/lib/db/queries/organizations");
    expect(listOrganizations()).toHaveLength(d.organizations.length);
    expect(countOrganizations({ kind: "competitor" })).toBe(d.organizations.filter((o) => o.kind === "competitor").length);
  });

  it("partnersOf names the investor and co-investors of a company's listed deals, never the company itself", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { partnersOf } = await import("@/components/company/partners-list");
    const deal = d.deals.find((x) => x.coInvestors.length > 0)!;
    const partners = partnersOf(deal.organization, listDeals({ organization: deal.organization }, { limit: 100 }));
    for (const co of deal.coInvestors) expect(partners.some((p) => p.slug === co && p.role === "co-investor" && p.dealSlug === deal.id)).toBe(true);
    expect(partners.some((p) => p.slug === deal.investor && p.role === "investor")).toBe(true);
    expect(partners.some((p) => p.slug === deal.organization)).toBe(false);
    expect(partnersOf(deal.organization, [])).toEqual([]);
  });
});

describe("spending, financials, sources, conflicts and rates", () => {
  it("listSpending filters by scope and kind", async () => {
    const { listSpending } = await import("@/lib/db/queries/spending");
    expect(listSpending()).toHaveLength(d.spending.length);
    expect(listSpending({ kind: "pledge" }).length).toBe(d.spending.filter((s) => s.kind === "pledge").length);
    const scope = d.spending[0]!.scope;
    expect(listSpending({ scope }).every((s) => s.scope === scope)).toBe(true);
  });

  it("listFinancials returns numbers and each row's citations", async () => {
    const { listFinancials } = await import("@/lib/db/queries/spending");
    const rows = listFinancials();
    expect(rows).toHaveLength(d.financials.length);
    for (const r of rows) {
      expect(typeof r.value).toBe("number");
      expect(r.citations.length).toBeGreaterThan(0);
    }
    const org = d.financials[0]!.organization;
    expect(listFinancials({ organization: org }).length).toBe(d.financials.filter((f) => f.organization === org).length);
  });

  it("listFxRates keeps one default per currency and the sources that imply it", async () => {
    const { listFxRates } = await import("@/lib/db/queries/spending");
    const rates = listFxRates();
    expect(rates).toHaveLength(d["fx-rates"].length);
    const cny = rates.find((r) => r.currency === "CNY" && r.isDefault)!;
    expect(cny.perUsd).toBeCloseTo(380 / 53, 3);
    expect(cny.sources.length).toBeGreaterThan(0);
  });

  it("listSources counts what each article contributed; listConflicts keeps every claim", async () => {
    const { listSources, listConflicts } = await import("@/lib/db/queries/sources");
    const sources = listSources();
    expect(sources).toHaveLength(d.sources.length);
    // Distinct facts: a record cited at several paragraphs of one article counts once.
    const cited = (slug: string) =>
      (["organizations", "positions", "deals", "financials", "spending"] as const).reduce(
        (n, t) => n + d[t].filter((r) => r.citations.some((c) => c.source === slug)).length,
        0,
      );
    for (const s of sources) {
      const c = s.contributions;
      expect(c.organizations + c.positions + c.deals + c.financials + c.spending).toBe(cited(s.slug));
    }
    for (const s of sources) {
      expect(s.contributions.conflicts).toBe(d.conflicts.filter((c) => c.claims.some((k) => k.source === s.slug)).length);
    }
    const conflicts = listConflicts();
    expect(conflicts).toHaveLength(d.conflicts.length);
    for (const c of conflicts) expect(c.claims.length).toBeGreaterThanOrEqual(2);
  });

  it("getDataAsOf is the newest source date", async () => {
    const { getDataAsOf } = await import("@/lib/db/queries/meta");
    expect(getDataAsOf()).toBe(d.sources.map((s) => s.publishedDate).filter(Boolean).sort().at(-1));
  });
});

describe("citations", () => {
  it("carry the cited paragraph's paraphrase from data/paragraphs.json and the source's estimated-date flag", async () => {
    const { listPortfolio } = await import("@/lib/db/queries/portfolio");
    const lines = new Map(d.paragraphs.map((p) => [`${p.source} ¶${p.paragraph}`, p.supports]));
    const estimated = new Set(d.sources.filter((s) => s.publishedDateEstimated).map((s) => s.slug));
    let checked = 0;
    for (const row of listPortfolio({}, { limit: 500, offset: 0 })) {
      for (const c of row.citations) {
        const first = c.locator.slice(1).split("-")[0];
        expect(c.paraphrase).toBe(lines.get(`${c.sourceSlug} ¶${first}`));
        expect(c.dateEstimated).toBe(estimated.has(c.sourceSlug));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("portfolio map and table", () => {
  // The map shows at most one table page of tiles (MAP_LIMIT) and its notice sends readers
  // to the table: the tiles must be the table's first rows, in the same order.
  it("the map's first n tiles are the table's first n rows, under any filter", async () => {
    const { listPortfolio, listPortfolioTiles } = await import("@/lib/db/queries/portfolio");
    const cases = [{}, { q: "a" }, { layer: "application" as const }, { q: "an", status: "active" as const }, { asof: "2025-03-01" }];
    for (const f of cases) {
      for (const n of [1, 5, 12]) {
        const table = listPortfolio(f, { limit: n }).map((r) => r.slug);
        expect(table.length, JSON.stringify(f)).toBeGreaterThan(0);
        expect(listPortfolioTiles(f, { limit: n }).map((t) => t.slug), `${JSON.stringify(f)} ${n}`).toEqual(table);
      }
    }
  });
});

describe("the portfolio's citations, grouped", () => {
  it("are every position's citations, with the columns that decide its kind, today and in past views", async () => {
    const { listPortfolio, positionCitations } = await import("@/lib/db/queries/portfolio");
    const { positionKind } = await import("@/lib/domain/position-kinds");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
    onTestFinished(() => {
      raw.close();
    });
    for (const asof of [undefined, "2025-02-10", "2025-03-01", "2025-08-01"]) {
      // Every position with its own citations, keyed by what the overview groups them by;
      // the kind the data states read here, as listPortfolio's rows do not carry it.
      const stated = new Map(raw.prepare("SELECT o.slug, p.kind FROM positions p JOIN organizations o ON o.id = p.organization_id").all().map((r) => {
        const { slug, kind } = r as { slug: string; kind: string | null };
        return [slug, kind];
      }));
      const expected = new Map<string, unknown>();
      for (const p of listPortfolio({ asof }, { limit: 100_000 })) {
        const kind = positionKind({ ...p, kind: stated.get(p.slug) });
        for (const c of p.citations) expected.set(JSON.stringify([p.layer, p.status, kind, c.sourceSlug, c.locator, c.note]), c);
      }
      const got = new Map(positionCitations(asof).map((g) => [JSON.stringify([g.layer, g.status, positionKind(g), g.citation.sourceSlug, g.citation.locator, g.citation.note]), g.citation]));
      expect(expected.size, String(asof)).toBeGreaterThan(0);
      expect(got, String(asof)).toEqual(expected);
      // By source, then by the paragraph each cites, in both paths: the numbered sources follow it.
      const order = positionCitations(asof).map((g) => [g.citation.sourceSlug, Number(g.citation.locator.slice(1).split("-")[0])] as const);
      const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      expect(order, String(asof)).toEqual(sorted);
    }
  });
});

describe("a position's kind", () => {
  it("is the kind the data states, where it states one, in the rows the table, the CSV and the API share", async () => {
    const { listPortfolio } = await import("@/lib/db/queries/portfolio");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
    const stated = raw.prepare("SELECT o.slug, p.kind FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.kind IS NOT NULL").all() as { slug: string; kind: string }[];
    raw.close();
    const rows = new Map(listPortfolio({}, { limit: 100_000 }).map((r) => [r.slug, r.kind]));
    expect(stated.length).toBeGreaterThan(0);
    for (const s of stated) expect(rows.get(s.slug), s.slug).toBe(s.kind);
    // Alibaba Cloud is a subsidiary the data calls an in-house unit, not a holding.
    expect(rows.get("alibaba-cloud")).toBe("in-house");
  });
});

describe("portfolio under a name filter or in a past view", () => {
  it("under a name filter, a page is the matching positions in the page's order, sliced under the facets", async () => {
    const { listPortfolio, listPortfolioTiles } = await import("@/lib/db/queries/portfolio");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
    // Written out here rather than taken from the module: the order and filters the table promises.
    const reference = (q: string, where: string, limit: number, offset: number) =>
      raw
        .prepare(
          `SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id JOIN layers l ON l.slug = p.layer
           WHERE p.organization_id IN (SELECT organization_id FROM organization_names WHERE lower(name) LIKE ?) ${where}
           ORDER BY l.sort_order, p.segment, o.name, o.id LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(`%${q.toLowerCase()}%`, limit, offset);
    const cases: [Parameters<typeof listPortfolio>[0], string][] = [
      [{ q: "an" }, ""],
      [{ q: "ali" }, ""],
      [{ q: "an", layer: "application" }, "AND p.layer = 'application'"],
      [{ q: "a", relationship: { in: [], out: ["subsidiary"] } }, "AND p.relationship <> 'subsidiary'"],
      [{ q: "e", status: "active", segment: "cloud" }, "AND p.status = 'active' AND p.segment = 'cloud'"],
    ];
    try {
      for (const [f, where] of cases) {
        for (const [limit, offset] of [[5, 0], [3, 4], [100, 0], [2, 1000]]) {
          const expected = reference(f!.q!, where, limit!, offset!);
          expect(listPortfolio(f, { limit, offset }).map((r) => r.slug), `${JSON.stringify(f)} ${limit}/${offset}`).toEqual(expected);
          expect(listPortfolioTiles(f, { limit, offset }).map((r) => r.slug), `${JSON.stringify(f)} ${limit}/${offset}`).toEqual(expected);
        }
      }
    } finally {
      raw.close();
    }
  });

  it("count and facets (sums over one cube of the matching positions) agree with the listed rows", async () => {
    const { countPortfolio, listPortfolio, portfolioFacets } = await import("@/lib/db/queries/portfolio");
    const cases = [
      { q: "a" },
      { q: "ali" },
      { q: "an", layer: "application" as const },
      { q: "a", relationship: { in: [], out: ["subsidiary" as const] } },
      { q: "e", status: "active" as const },
      { asof: "2024-06-30" },
      { q: "a", asof: "2025-03-01", layer: "basic" as const },
    ];
    for (const f of cases) {
      const label = JSON.stringify(f);
      expect(countPortfolio(f), label).toBe(listPortfolio(f, { limit: 100_000 }).length);
      const facets = portfolioFacets(f);
      for (const key of ["layer", "relationship", "status", "segment"] as const) {
        const expected: Record<string, number> = {};
        for (const r of listPortfolio({ ...f, [key]: undefined }, { limit: 100_000 })) expected[r[key]] = (expected[r[key]] ?? 0) + 1;
        expect(facets[key], `${label} ${key}`).toEqual(expected);
      }
    }
  });

  it("the map's count and facets are the queries' answers, and its tiles are dealt a few per segment when they do not all fit", async () => {
    const { countPortfolio, listPortfolio, listPortfolioTiles, portfolioFacets, portfolioMap } = await import("@/lib/db/queries/portfolio");
    // Written out here rather than taken from lib/domain/map-tiles: every company of the
    // selection in the map's order, ranked within its segment; the first `limit` by rank,
    // earlier segments first within a rank, drawn back in the map's order.
    const dealt = (f: Parameters<typeof listPortfolio>[0], limit: number) => {
      const all = listPortfolio(f, { limit: 1_000_000 });
      const groups = [...new Set(all.map((r) => `${r.layer}/${r.segment}`))];
      const ranked = all.map((r, index) => ({ slug: r.slug, index, group: groups.indexOf(`${r.layer}/${r.segment}`), rank: all.slice(0, index).filter((o) => o.layer === r.layer && o.segment === r.segment).length }));
      const taken = [...ranked].sort((a, b) => a.rank - b.rank || a.group - b.group).slice(0, limit);
      const segments = groups.map((g) => {
        const [layer, segment] = g.split("/");
        return { layer, segment, companies: all.filter((r) => r.layer === layer && r.segment === segment).length };
      });
      return { tiles: taken.sort((a, b) => a.index - b.index).map((t) => t.slug), segments: all.length > limit ? segments : null };
    };
    const cases = [
      // From the summary table and the positions' indexes.
      {},
      { layer: "basic" as const },
      { status: "active" as const },
      { relationship: { in: [], out: ["subsidiary" as const] } },
      // From the one statement behind a name filter or a past view.
      { q: "a" },
      { q: "an", layer: "application" as const },
      { q: "a", relationship: { in: [], out: ["subsidiary" as const] } },
      { q: "e", status: "active" as const, segment: "cloud" },
      { q: "zzzz" },
      { asof: "2025-03-01" },
      // Between the sources: the segments hold companies known then and companies named later.
      { asof: "2025-08-01" },
      { asof: "2025-08-01", layer: "application" as const },
      { asof: "2026-06-01", status: { in: [], out: ["active" as const] } },
      { q: "a", asof: "2025-03-01", layer: "basic" as const },
    ];
    let cut = 0;
    let whole = 0;
    for (const f of cases) {
      for (const limit of [1, 2, 3, 4, 7, 20, 100]) {
        const label = `${JSON.stringify(f)} ${limit}`;
        const map = portfolioMap(f, limit);
        const expected = dealt(f, limit);
        expect(map.total, label).toBe(countPortfolio(f));
        expect(map.facets, label).toEqual(portfolioFacets(f));
        expect(map.tiles.map((t) => t.slug), label).toEqual(expected.tiles);
        expect(map.segments, label).toEqual(expected.segments);
        if (map.segments) cut += 1;
        else {
          whole += 1;
          // Every tile when they fit: the tiles' page, details and all.
          expect(map.tiles, label).toEqual(listPortfolioTiles(f, { limit }));
        }
      }
    }
    // Both kinds of map, on both paths, were checked.
    expect(cut).toBeGreaterThan(15);
    expect(whole).toBeGreaterThan(5);
  });
});
