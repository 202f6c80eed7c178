import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { DEAL_KINDS, DEAL_STATUSES, LAYERS } from "@/lib/domain/vocabulary";
import type { DealFilters } from "@/lib/db/queries/deals";
import { buildTempDatabase, preparedDuring } from "./helpers";

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

describe("deal timeline counts", () => {
  it("per-year counts plus undated deals add up to countDeals under every filter", async () => {
    const { countDeals } = await import("@/lib/db/queries/deals");
    const { countUndatedDeals, dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const cases: DealFilters[] = [
      {},
      ...LAYERS.map((layer) => ({ layer })),
      ...DEAL_KINDS.map((kind) => ({ kind })),
      ...DEAL_STATUSES.map((status) => ({ status })),
      { fromYear: 2018, toYear: 2023 },
      { fromYear: 2024 },
      { q: "moon" },
      { layer: "application", kind: "partnership" },
    ];
    for (const f of cases) {
      const dated = dealCountsByYearAndKind(f).reduce((a, r) => a + r.count, 0);
      expect(dated + countUndatedDeals(f), JSON.stringify(f)).toBe(countDeals(f));
    }
  });

  it("counts each year and kind as listDeals does", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const expected = new Map<string, number>();
    for (const d of listDeals()) {
      if (!d.sortDate) continue;
      const key = `${d.sortDate.slice(0, 4)}:${d.kind}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(dealCountsByYearAndKind().map((r) => [`${r.year}:${r.kind}`, r.count]));
    expect(got).toEqual(expected);
  });

  it("under a name filter, facets, chart, undated count and sources (one pass over a cube) agree with the deal rows", async () => {
    const { dealFacets, listDeals } = await import("@/lib/db/queries/deals");
    const { countUndatedDeals, dealCountsByYearAndKind, dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
    const { dealSourcesByYear } = await import("@/lib/db/queries/deal-year-sources");
    const cases: DealFilters[] = [
      { q: "a" },
      { q: "ali" },
      { q: "an", kind: "equity-investment" },
      { q: "an", layer: { in: [], out: ["application"] } },
      { q: "a", status: { in: ["completed", "announced"], out: [] }, fromYear: 2015 },
      { q: "a", asof: "2024-06-30" },
    ];
    for (const f of cases) {
      const rows = listDeals(f, { limit: 100_000 });
      const label = JSON.stringify(f);
      // Each facet counts the deals the other filters leave.
      for (const key of ["layer", "kind", "status"] as const) {
        const others = listDeals({ ...f, [key]: undefined }, { limit: 100_000 });
        const expected: Record<string, number> = {};
        for (const d of others) if (d[key] !== null) expected[d[key]!] = (expected[d[key]!] ?? 0) + 1;
        expect(dealFacets(f)[key], `${label} ${key}`).toEqual(expected);
      }
      const years = new Map<string, number>();
      for (const d of rows) if (d.sortDate) years.set(`${d.sortDate.slice(0, 4)}:${d.kind}`, (years.get(`${d.sortDate.slice(0, 4)}:${d.kind}`) ?? 0) + 1);
      expect(new Map(dealCountsByYearAndKind(f).map((r) => [`${r.year}:${r.kind}`, r.count])), label).toEqual(years);
      expect(countUndatedDeals(f), label).toBe(rows.filter((d) => !d.sortDate).length);
      const bySource = new Map<string, number>();
      for (const d of rows) for (const slug of new Set(d.citations.map((c) => c.sourceSlug))) bySource.set(slug, (bySource.get(slug) ?? 0) + 1);
      expect(new Map(dealSourceSummary(f).map((c) => [c.sourceSlug, c.dealCount])), label).toEqual(bySource);
      const perYear = [...dealSourcesByYear(f).values()].flat().reduce((n, c) => n + c.dealCount!, 0);
      // Per year and source, each count and the order (years ascending, sources by slug within a year).
      const perYearSource = new Map<string, number>();
      for (const d of rows) {
        if (!d.sortDate) continue;
        for (const slug of new Set(d.citations.map((c) => c.sourceSlug))) {
          const k = `${d.sortDate.slice(0, 4)}:${slug}`;
          perYearSource.set(k, (perYearSource.get(k) ?? 0) + 1);
        }
      }
      const listed = [...dealSourcesByYear(f).entries()].flatMap(([y, cs]) => cs.map((c) => [`${y}:${c.sourceSlug}`, c.dealCount] as const));
      expect(new Map(listed), label).toEqual(perYearSource);
      expect(listed.map(([k]) => k), label).toEqual([...listed.map(([k]) => k)].sort());
      expect(perYear, label).toBe([...bySource.values()].reduce((a, b) => a + b, 0) - rows.filter((d) => !d.sortDate).reduce((n, d) => n + new Set(d.citations.map((c) => c.sourceSlug)).size, 0));
    }
  });

  it("under a name filter, a summary row outside the vocabulary is refused, not counted in some other cell", async () => {
    const { countDeals } = await import("@/lib/db/queries/deals");
    const before = countDeals({ q: "moon" });
    expect(before).toBeGreaterThan(0);
    const db = new Database(process.env.PORTFOLIO_DB!);
    const org = db.prepare("SELECT d.organization_id FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE lower(o.name) LIKE '%moon%' LIMIT 1").pluck().get() as number;
    // organization_deal_counts has no CHECK of its own (deals has): a row a bad write could leave.
    db.prepare("INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals) VALUES (?, 2020, 'grant', 'completed', 1)").run(org);
    try {
      expect(() => countDeals({ q: "moon" })).toThrow(/outside the vocabulary/);
    } finally {
      db.prepare("DELETE FROM organization_deal_counts WHERE kind = 'grant'").run();
      db.close();
    }
    expect(countDeals({ q: "moon" })).toBe(before);
  });

  it("under a name filter, a packed row that is not one array of integers is refused, not read in part", async () => {
    const { countDeals } = await import("@/lib/db/queries/deals");
    const before = countDeals({ q: "moon" });
    const db = new Database(process.env.PORTFOLIO_DB!);
    const org = db.prepare("SELECT d.organization_id FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE lower(o.name) LIKE '%moon%' LIMIT 1").pluck().get() as number;
    const cells = db.prepare("SELECT cells FROM organization_deal_cells WHERE organization_id = ?").pluck().get(org) as string;
    const write = db.prepare("UPDATE organization_deal_cells SET cells = ? WHERE organization_id = ?");
    try {
      for (const bad of [cells.slice(1), cells.slice(0, -1), cells.replace(",", ", "), `${cells.slice(0, -1)},7]`, "[1.5,2]"]) {
        write.run(bad, org);
        expect(() => countDeals({ q: "moon" }), bad).toThrow(/outside the vocabulary/);
      }
    } finally {
      write.run(cells, org);
      db.close();
    }
    expect(countDeals({ q: "moon" })).toBe(before);
  });

  it("under a name filter, a source row outside the vocabulary is refused by the sources per source and per cell alike", async () => {
    const { dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
    const { dealSourcesByYear } = await import("@/lib/db/queries/deal-year-sources");
    const before = dealSourceSummary({ q: "moon" });
    expect(before.length).toBeGreaterThan(0);
    const db = new Database(process.env.PORTFOLIO_DB!);
    const [org, source] = db
      .prepare("SELECT organization_id, source_id FROM organization_deal_source_counts c JOIN organizations o ON o.id = c.organization_id WHERE lower(o.name) LIKE '%moon%' LIMIT 1")
      .raw()
      .get() as [number, number];
    db.prepare("INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals) VALUES (?, ?, 2020, 'grant', 'completed', 1)").run(org, source);
    try {
      expect(() => dealSourceSummary({ q: "moon" })).toThrow(/outside the vocabulary/);
      expect(() => dealSourcesByYear({ q: "moon" })).toThrow(/outside the vocabulary/);
    } finally {
      db.prepare("DELETE FROM organization_deal_source_counts WHERE kind = 'grant'").run();
      db.close();
    }
    expect(dealSourceSummary({ q: "moon" })).toEqual(before);
  });

  it("packed sums equal the summary rows they pack (organization_deal_counts and organization_deal_source_counts, grouped in SQL)", async () => {
    const { packedSums } = await import("@/lib/db/queries/deals");
    const db = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
    const kind = `CASE c.kind ${DEAL_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(" ")} END`;
    const status = `CASE c.status ${DEAL_STATUSES.map((k, i) => `WHEN '${k}' THEN ${i}`).join(" ")} END`;
    const layer = `coalesce(CASE p.layer ${LAYERS.map((l, i) => `WHEN '${l}' THEN ${i + 1}`).join(" ")} END, 0)`;
    const named = (q: string) => `(SELECT o.id FROM organizations o WHERE lower(o.name) LIKE '%${q}%' UNION SELECT a.organization_id FROM organization_aliases a WHERE lower(a.alias) LIKE '%${q}%')`;
    const cases: [DealFilters, string, string][] = [
      [{ q: "a" }, named("a"), "1"],
      [{ q: "ali" }, named("ali"), "1"],
      [{ q: "moon" }, named("moon"), "1"],
      [{ q: "an", layer: "application" }, named("an"), "p.layer = 'application'"],
      [{ q: "an", layer: { in: [], out: ["application"] } }, named("an"), "(p.layer IS NULL OR p.layer <> 'application')"],
      [{ organization: "unitree" }, "(SELECT id FROM organizations WHERE slug = 'unitree')", "1"],
      [{ q: "zzzz" }, named("zzzz"), "1"],
    ];
    try {
      for (const [f, ids, sourceLayer] of cases) {
        const cube = db
          .prepare(`SELECT ((c.year * 8 + ${kind}) * 8 + ${status}) * 4 + ${layer} AS k, sum(deals) AS n FROM organization_deal_counts c
            LEFT JOIN positions p ON p.organization_id = c.organization_id WHERE c.organization_id IN ${ids} GROUP BY 1 HAVING n > 0`)
          .raw()
          .all() as [number, number][];
        const sources = db
          .prepare(`SELECT ((c.year * 8 + ${kind}) * 8 + ${status}) * 4294967296 + c.source_id AS k, sum(deals) AS n FROM organization_deal_source_counts c
            LEFT JOIN positions p ON p.organization_id = c.organization_id WHERE c.organization_id IN ${ids} AND ${sourceLayer} GROUP BY 1 HAVING n > 0`)
          .raw()
          .all() as [number, number][];
        const totals = db
          .prepare(`SELECT c.source_id AS k, sum(deals) AS n FROM organization_deal_source_counts c
            LEFT JOIN positions p ON p.organization_id = c.organization_id WHERE c.organization_id IN ${ids} AND ${sourceLayer} GROUP BY 1 HAVING n > 0`)
          .raw()
          .all() as [number, number][];
        const got = packedSums(f, "cell");
        const byTotal = packedSums(f, "total");
        const byKey = (pairs: [number, number][]) => new Map(pairs);
        expect(byKey(got.cube), JSON.stringify(f)).toEqual(byKey(cube));
        expect(byKey(got.sources), JSON.stringify(f)).toEqual(byKey(sources));
        expect(byKey(byTotal.cube), JSON.stringify(f)).toEqual(byKey(cube));
        expect(byKey(byTotal.sources), JSON.stringify(f)).toEqual(byKey(totals));
        // Not an empty comparison: these name companies with deals and sources.
        if (f.q === "a" || f.q === "moon" || f.organization) expect(got.cube.length * got.sources.length * byTotal.sources.length, JSON.stringify(f)).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  });

  it("under a name filter, counts of many digits and cells cancelled to zero are read as packed", async () => {
    const { countDeals, dealFacets } = await import("@/lib/db/queries/deals");
    const before = countDeals({ q: "moon" });
    const facetsBefore = dealFacets({ q: "moon" });
    const db = new Database(process.env.PORTFOLIO_DB!);
    const org = db.prepare("SELECT d.organization_id FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE lower(o.name) LIKE '%moon%' LIMIT 1").pluck().get() as number;
    // Through the packing triggers (migration 0015), as a bulk import's summaries would write them.
    const add = db.prepare("INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals) VALUES (?, ?, ?, ?, ?)");
    add.run(org, 1999, "acquisition", "denied", 1_234_567);
    add.run(org, 1998, "acquisition", "denied", 0);
    try {
      expect(countDeals({ q: "moon" })).toBe(before + 1_234_567);
      expect(dealFacets({ q: "moon" }).status.denied).toBe((facetsBefore.status.denied ?? 0) + 1_234_567);
      expect(countDeals({ q: "moon", fromYear: 1998, toYear: 1998 })).toBe(0);
    } finally {
      db.prepare("DELETE FROM organization_deal_counts WHERE year IN (1998, 1999)").run();
      db.close();
    }
    expect(countDeals({ q: "moon" })).toBe(before);
  });

  it("under a name filter, the cube and the per-year sources read one packed row per matching company, not its summary rows", async () => {
    const { countDeals } = await import("@/lib/db/queries/deals");
    const { dealSourcesByYear } = await import("@/lib/db/queries/deal-year-sources");
    const statements = await preparedDuring(() => {
      expect(countDeals({ q: "a", fromYear: 2020 })).toBeGreaterThan(0);
      expect(dealSourcesByYear({ q: "a", kind: "equity-investment" }).size).toBeGreaterThan(0);
    });
    const read = statements.flatMap((text) => text.match(/\borganization_deal_\w+/g) ?? []);
    // Both packed tables and the layer, in one row per company (0016).
    expect(new Set(read)).toEqual(new Set(["organization_deal_packs"]));
  });

  it("under a name filter, one statement sums the cells and the sources (what a render's cube and sources share), per source unless a kind, status or year narrows them", async () => {
    const { packedSums } = await import("@/lib/db/queries/deals");
    const { dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
    for (const [f, column] of [
      [{ q: "a", layer: "application" }, "source_totals"],
      [{ q: "a", layer: "application", kind: "equity-investment" }, "source_cells"],
      [{ q: "a", fromYear: 2020 }, "source_cells"],
    ] as const) {
      let sums!: ReturnType<typeof packedSums>;
      const statements = await preparedDuring(() => {
        sums = packedSums(f);
      });
      expect(statements, JSON.stringify(f)).toHaveLength(1);
      expect(statements[0]).toMatch(/"organization_deal_packs"\."cells"/);
      expect(statements[0]).toMatch(new RegExp(`"organization_deal_packs"\\."${column}"`));
      expect(statements[0]).not.toMatch(new RegExp(`"organization_deal_packs"\\."${column === "source_cells" ? "source_totals" : "source_cells"}"`));
      expect(sums.cube.length).toBeGreaterThan(0);
      expect(sums.sources.length).toBeGreaterThan(0);
    }
    // The chart's sources from the totals are those the cells give once summed per source.
    for (const q of ["a", "moon", "ali"]) {
      const bySource = new Map<number, number>();
      for (const [key, n] of packedSums({ q }, "cell").sources) bySource.set(key % 2 ** 32, (bySource.get(key % 2 ** 32) ?? 0) + n);
      expect(new Map(packedSums({ q }, "total").sources), q).toEqual(bySource);
      expect(dealSourceSummary({ q }).reduce((a, c) => a + c.dealCount!, 0), q).toBe([...bySource.values()].reduce((a, b) => a + b, 0));
    }
  });

  it("a name filter's first pages are the same whether or not they fit in the first deals of the timeline", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    for (const q of ["a", "ali", "moon", "zzzz"]) {
      const all = listDeals({ q }, { limit: 100_000 }).map((d) => d.slug);
      for (const [limit, offset] of [[5, 0], [5, 5], [50, 0], [3, 20]] as const) {
        expect(listDeals({ q }, { limit, offset }).map((d) => d.slug), `${q} ${limit}@${offset}`).toEqual(all.slice(offset, offset + limit));
      }
    }
  });
});
