import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTempDatabase } from "./helpers";

/**
 * Past views beyond the portfolio and the deals: the overview's counts, /sources, /search
 * and the organizations API. Expectations are read straight from the tables with SQL of
 * the test's own (a position counts from its earliest dated source or first dated state),
 * so the query layer's answer is checked against a second reading of the same record.
 */

let file: string;
let raw: Database.Database;
// Before every source, between the February 2025 articles and the July one, and after all of them.
const DAYS = ["2024-12-31", "2025-02-10", "2025-03-01", "2025-08-01", "2025-12-31"];

beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
  raw = new Database(file, { readonly: true });
});

/** Positions known on a day, by this test's own reading of citations and status changes. */
function knownPositions(day: string): { layer: string; segment: string; relationship: string; org: string }[] {
  return raw
    .prepare(
      `SELECT p.layer, p.segment, p.relationship, o.slug AS org FROM positions p JOIN organizations o ON o.id = p.organization_id
       WHERE p.id IN (SELECT c.position_id FROM citations c JOIN sources s ON s.id = c.source_id WHERE s.published_date <= ?)
          OR p.id IN (SELECT position_id FROM status_changes WHERE known_from <= ?)`,
    )
    .all(day, day) as { layer: string; segment: string; relationship: string; org: string }[];
}

/** Organisations named by a source by then: cited themselves, or through any fact about them (deals by investor too). */
function knownOrganizations(day: string): string[] {
  return raw
    .prepare(
      `WITH facts AS (
         SELECT coalesce(c.organization_id, p.organization_id, d.organization_id, f.organization_id, sp.organization_id) AS org, d.investor_id AS investor
         FROM citations c JOIN sources s ON s.id = c.source_id
         LEFT JOIN positions p ON p.id = c.position_id LEFT JOIN deals d ON d.id = c.deal_id
         LEFT JOIN financials f ON f.id = c.financial_id LEFT JOIN spending sp ON sp.id = c.spending_id
         WHERE s.published_date <= @day
         UNION ALL
         SELECT coalesce(p.organization_id, d.organization_id), d.investor_id FROM status_changes sc
         LEFT JOIN positions p ON p.id = sc.position_id LEFT JOIN deals d ON d.id = sc.deal_id WHERE sc.known_from <= @day
       )
       SELECT slug FROM organizations WHERE id IN (SELECT org FROM facts UNION SELECT investor FROM facts) ORDER BY slug`,
    )
    .pluck()
    .all({ day }) as string[];
}

describe("layer and segment counts in a past view", () => {
  it("listLayers, listSegments and the layer-by-relationship counts are the day's, and agree with the portfolio's own count", async () => {
    const { countPortfolio, listLayers, listSegments, portfolioByLayerAndRelationship } = await import("@/lib/db/queries/portfolio");
    let grew = false;
    for (const day of DAYS) {
      const known = knownPositions(day);
      const layers = listLayers(day);
      expect(layers.map((l) => l.slug)).toEqual(["basic", "technology", "application"]);
      for (const l of layers) {
        expect(l.companyCount, `${l.slug} on ${day}`).toBe(known.filter((p) => p.layer === l.slug).length);
        expect(countPortfolio({ layer: l.slug, asof: day })).toBe(l.companyCount);
      }
      const segments = listSegments(day);
      expect(segments.reduce((n, s) => n + s.companyCount, 0)).toBe(known.length);
      for (const s of segments) expect(s.companyCount).toBe(known.filter((p) => p.layer === s.layer && p.segment === s.segment).length);
      const byRel = portfolioByLayerAndRelationship(day);
      for (const l of layers) expect(byRel.filter((r) => r.layer === l.slug).reduce((n, r) => n + r.companyCount, 0)).toBe(l.companyCount);
      if (known.length < listLayers().reduce((n, l) => n + l.companyCount, 0)) grew = true;
    }
    // The days chosen must show a smaller portfolio than today's, or the test proves nothing.
    expect(grew).toBe(true);
    expect(listLayers("2024-12-31").every((l) => l.companyCount === 0)).toBe(true);
  });

  it("the kind groups count DeepSeek as a rumour in February 2025 (reported) and today (denied)", async () => {
    const { positionKindGroups } = await import("@/lib/db/queries/portfolio");
    const feb = positionKindGroups("2025-02-10");
    expect(feb.reduce((n, g) => n + g.companies, 0)).toBe(knownPositions("2025-02-10").length);
    const deepseekSegment = raw.prepare("SELECT p.segment FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE o.slug = 'deepseek'").pluck().get();
    expect(feb.some((g) => g.segment === deepseekSegment && g.status === "reported")).toBe(true);
    expect(positionKindGroups().some((g) => g.segment === deepseekSegment && g.status === "denied")).toBe(true);
  });
});

describe("sources, search and organizations in a past view", () => {
  it("listSources keeps the sources published by the day, never an undated one", async () => {
    const { listSources } = await import("@/lib/db/queries/sources");
    for (const day of DAYS) {
      const expected = raw.prepare("SELECT slug FROM sources WHERE published_date <= ? ORDER BY slug").pluck().all(day);
      expect(listSources(day).map((s) => s.slug)).toEqual(expected);
    }
    expect(listSources()).toHaveLength(raw.prepare("SELECT count(*) FROM sources").pluck().get() as number);
  });

  it("search finds a source, a company and its deals only once a source had published them", async () => {
    const { searchAll } = await import("@/lib/db/queries/search");
    const today = await searchAll("deepseek");
    expect(today.organizations.map((h) => h.ref)).toContain("deepseek");
    expect(today.deals.length).toBeGreaterThan(0);
    expect((await searchAll("deepseek", 20, "2025-02-10")).organizations.map((h) => h.ref)).toContain("deepseek");
    const before = await searchAll("deepseek", 20, "2024-12-31");
    expect([...before.organizations, ...before.deals, ...before.sources]).toEqual([]);

    const july = raw.prepare("SELECT slug, title FROM sources WHERE published_date = '2025-07-16'").get() as { slug: string; title: string };
    const word = july.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w))!;
    expect((await searchAll(word)).sources.map((h) => h.ref)).toContain(july.slug);
    expect((await searchAll(word, 20, "2025-07-15")).sources.map((h) => h.ref)).not.toContain(july.slug);
    expect((await searchAll(word, 20, "2025-07-16")).sources.map((h) => h.ref)).toContain(july.slug);
  });

  it("the organizations API lists only organisations named by then, with the position's status of the day", async () => {
    const { countOrganizations, listOrganizations } = await import("@/lib/db/queries/organizations");
    for (const day of DAYS) {
      const expected = knownOrganizations(day);
      expect(listOrganizations({ asof: day }).map((o) => o.slug).sort(), day).toEqual(expected);
      expect(countOrganizations({ asof: day })).toBe(expected.length);
    }
    const all = countOrganizations();
    const mar = listOrganizations({ asof: "2025-03-01" });
    expect(mar.length).toBe(countOrganizations({ asof: "2025-03-01" }));
    expect(mar.length).toBeGreaterThan(0);
    expect(mar.length).toBeLessThan(all);
    // Every position known by then is there with its layer; none known later is.
    const known = new Set(knownPositions("2025-03-01").map((p) => p.org));
    for (const o of mar) expect(o.layer !== null, o.slug).toBe(known.has(o.slug));
    for (const org of known) expect(mar.map((o) => o.slug)).toContain(org);
    expect(listOrganizations({ asof: "2025-02-10", q: "deepseek" })[0]?.status).toBe("reported");
    expect(listOrganizations({ q: "deepseek" })[0]?.status).toBe("denied");
  });

  it("a company's profile has its position only once a source had it, with the status of the day", async () => {
    const { getOrganizationBySlug, listOrganizations } = await import("@/lib/db/queries/organizations");
    const withPosition = raw.prepare("SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id ORDER BY o.slug").pluck().all() as string[];
    for (const day of DAYS) {
      const known = new Set(knownPositions(day).map((p) => p.org));
      const listed = new Map(listOrganizations({ asof: day }).map((o) => [o.slug, o.status]));
      for (const slug of withPosition) {
        const profile = getOrganizationBySlug(slug, day)!;
        expect(profile.layer !== null, `${slug} ${day}`).toBe(known.has(slug));
        if (known.has(slug)) expect(profile.status, `${slug} ${day}`).toBe(listed.get(slug));
      }
    }
    expect(getOrganizationBySlug("deepseek", "2025-02-10")?.status).toBe("reported");
    expect(getOrganizationBySlug("deepseek")?.status).toBe("denied");
  });

  it("a conflict is shown on a day only when two claims published by then differ, with only those claims", async () => {
    const { listConflicts } = await import("@/lib/db/queries/sources");
    const { fetchResource } = await import("@/lib/views/api-records");
    const shown = (asof?: string) => listConflicts({ asof }).map((c) => [c.slug, c.claims.length, c.claimsLater ?? 0]);
    // On 1 March 2025 only the share fall (2.5% against "as much as 3%") was disputed; the
    // other four each had claims that agreed (53 bn and 53 bn, 2025 and 2025, ...).
    expect(shown("2025-03-01")).toEqual([["alibaba-share-drop-on-announcement", 2, 0]]);
    expect((fetchResource("conflicts", { asof: "2025-03-01" }).rows as { slug: string }[]).map((c) => c.slug)).toEqual(["alibaba-share-drop-on-announcement"]);
    // July's article brings 55 and 38 bn, 2024, and "since 2009"; Microsoft's scope dispute
    // (every claim 80 bn dollars) only once its dated claims are all out, in October.
    expect(shown("2025-07-16")).toEqual([
      ["pledge-usd-equivalent", 4, 0],
      ["pledge-announcement-year", 3, 0],
      ["alibaba-share-drop-on-announcement", 2, 0],
      ["alibaba-ai-entry-timing", 3, 1],
    ]);
    expect(shown("2025-10-09").map(([slug]) => slug)).toHaveLength(5);
    expect(shown("2025-10-09").find(([slug]) => slug === "microsoft-80bn-scope")).toEqual(["microsoft-80bn-scope", 4, 1]);
    // Today: every conflict with every claim, and no past-view field.
    const today = listConflicts();
    expect(today.map((c) => c.claims.length)).toEqual([4, 3, 2, 5, 4]);
    expect(today.some((c) => "claimsLater" in c)).toBe(false);
  });

  it("a position whose history had not begun has the status from before it: Zhipu AI active on 2025-03-01, listing in progress from 2025-04-01", async () => {
    // Zhipu's position is cited from 24 February 2025; its listing guidance is known from 1 April.
    const { countPortfolio, listPortfolio, listPortfolioTiles, portfolioFacets, positionKindGroups } = await import("@/lib/db/queries/portfolio");
    const { getOrganizationBySlug, listOrganizations } = await import("@/lib/db/queries/organizations");
    const { fetchResource } = await import("@/lib/views/api-records");
    for (const [day, status] of [["2025-03-01", "active"], ["2025-04-01", "listing-in-progress"]] as const) {
      expect(getOrganizationBySlug("zhipu-ai", day)?.status, `company page ${day}`).toBe(status);
      expect(listOrganizations({ asof: day, q: "zhipu" }).find((o) => o.slug === "zhipu-ai")?.status, `organizations ${day}`).toBe(status);
      expect(listPortfolio({ asof: day }, { limit: 1000 }).find((p) => p.slug === "zhipu-ai")?.status, `portfolio table ${day}`).toBe(status);
      const api = fetchResource("positions", { asof: day, limit: 1000 }) as { rows: { slug: string; status: string }[] };
      expect(api.rows.find((p) => p.slug === "zhipu-ai")?.status, `API ${day}`).toBe(status);
      // The overview's card and the map: counted, named and faceted under the day's status.
      const listing = { asof: day, status: "listing-in-progress" as const };
      expect(listPortfolioTiles(listing, { limit: 12 }).map((t) => t.slug).includes("zhipu-ai"), `listings card ${day}`).toBe(status === "listing-in-progress");
      expect(countPortfolio(listing), `listings count ${day}`).toBe(status === "listing-in-progress" ? 1 : 0);
      const facet = portfolioFacets({ asof: day }).status;
      expect(facet["listing-in-progress"] ?? 0, `status facet ${day}`).toBe(status === "listing-in-progress" ? 1 : 0);
      const active = positionKindGroups(day).filter((g) => g.status === "active").reduce((n, g) => n + g.companies, 0);
      expect(active, `active kind groups ${day}`).toBe(facet.active ?? 0);
      expect(countPortfolio({ asof: day, status: "active" }), `active count ${day}`).toBe(facet.active ?? 0);
    }
    expect((portfolioFacets({ asof: "2025-03-01" }).status.active ?? 0) - (portfolioFacets({ asof: "2025-04-01" }).status.active ?? 0)).toBe(1);
  });
});

/** Deals known on a day, in a company or all, with their status that day, by this test's own reading. */
function knownDeals(day: string, org?: string): { slug: string; sortDate: string | null; id: number; status: string }[] {
  return raw
    .prepare(
      `SELECT d.slug, d.sort_date AS sortDate, d.id,
         coalesce((SELECT CASE WHEN sc.state = 'built' THEN 'completed' WHEN sc.state IN ('denied', 'reported', 'rumoured', 'announced', 'completed') THEN sc.state END
           FROM status_changes sc WHERE sc.deal_id = d.id AND sc.known_from <= @day ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1),
           -- A history not begun by the day: only reported then, whatever it became.
           CASE WHEN d.id IN (SELECT deal_id FROM status_changes WHERE deal_id IS NOT NULL) THEN 'reported' ELSE d.status END) AS status
       FROM deals d JOIN organizations o ON o.id = d.organization_id
       WHERE (@org IS NULL OR o.slug = @org)
         AND (d.id IN (SELECT c.deal_id FROM citations c JOIN sources s ON s.id = c.source_id WHERE s.published_date <= @day)
           OR d.id IN (SELECT deal_id FROM status_changes WHERE known_from <= @day))`,
    )
    .all({ day, org: org ?? null }) as { slug: string; sortDate: string | null; id: number; status: string }[];
}

describe("facts known on a day", () => {
  it("are the same read from fact_first_citations by date or by kind, and as the citations and status changes give them", async () => {
    const { knownOnThrough } = await import("@/lib/db/queries/asof");
    const { getDb } = await import("@/lib/db/client");
    const { sql } = await import("drizzle-orm");
    let known = 0;
    for (const [table, column] of [["deals", "deal_id"], ["positions", "position_id"], ["financials", "financial_id"], ["spending", "spending_id"]] as const) {
      for (const day of [...DAYS, "2015-06-01", "2025-10-09"]) {
        const history = column === "deal_id" || column === "position_id" ? `OR id IN (SELECT ${column} FROM status_changes WHERE known_from <= @day)` : "";
        const want = raw
          .prepare(`SELECT id FROM ${table} WHERE id IN (SELECT c.${column} FROM citations c JOIN sources s ON s.id = c.source_id WHERE s.published_date <= @day) ${history} ORDER BY id`)
          .pluck()
          .all({ day }) as number[];
        for (const through of ["date", "kind"] as const) {
          const got = getDb()
            .all<{ id: number }>(sql`SELECT id FROM ${sql.raw(table)} WHERE ${knownOnThrough(column, sql.raw("id"), day, through)} ORDER BY id`)
            .map((r) => r.id);
          expect(got, `${table} ${day} ${through}`).toEqual(want);
        }
        known += want.length;
      }
    }
    expect(known).toBeGreaterThan(50);
  });
});

/** Past-view deal counts and pages (both orders, limits, an offset) against knownDeals' recount, on the test's days. */
async function expectPastDealLists(orgs: (string | undefined)[]): Promise<number> {
  const { countDeals, listDeals } = await import("@/lib/db/queries/deals");
  const timeline = (a: { sortDate: string | null; id: number }, b: { sortDate: string | null; id: number }) =>
    Number(a.sortDate === null) - Number(b.sortDate === null) || (a.sortDate ?? "").localeCompare(b.sortDate ?? "") || a.id - b.id;
  const newest = (a: { sortDate: string | null; id: number }, b: { sortDate: string | null; id: number }) =>
    Number(a.sortDate === null) - Number(b.sortDate === null) || (b.sortDate ?? "").localeCompare(a.sortDate ?? "") || b.id - a.id;
  let listed = 0;
  for (const day of [...DAYS, "2015-06-01", "2025-10-09"]) {
    for (const organization of orgs) {
      const want = knownDeals(day, organization);
      const label = `${day} ${organization ?? "all"}`;
      expect(countDeals({ asof: day, organization }), label).toBe(want.length);
      for (const [order, by] of [["timeline", timeline], ["recent", newest]] as const) {
        const expected = [...want].sort(by).map((d) => `${d.slug} ${d.status}`);
        for (const limit of [1, 3, 100]) {
          const got = listDeals({ asof: day, organization }, { limit, order }).map((d) => `${d.slug} ${d.status}`);
          expect(got, `${label} ${order} ${limit}`).toEqual(expected.slice(0, limit));
        }
        expect(listDeals({ asof: day, organization }, { limit: 2, offset: 1, order }).map((d) => `${d.slug} ${d.status}`), `${label} ${order} offset`).toEqual(expected.slice(1, 3));
      }
      listed += want.length;
    }
  }
  return listed;
}

describe("deals listed in a past view", () => {
  it("are the day's deals in timeline and newest-first order, for all companies and for one, walked", async () => {
    // The company with most deals, and those of deals with a status history (known from a state before any source).
    const orgs = raw
      .prepare(
        `SELECT slug FROM (SELECT o.slug FROM deals d JOIN organizations o ON o.id = d.organization_id GROUP BY o.id ORDER BY count(*) DESC, o.slug LIMIT 1)
         UNION SELECT o.slug FROM status_changes sc JOIN deals d ON d.id = sc.deal_id JOIN organizations o ON o.id = d.organization_id`,
      )
      .pluck()
      .all() as string[];
    expect(orgs.length).toBeGreaterThan(2);
    expect(await expectPastDealLists([undefined, ...orgs])).toBeGreaterThan(20);
  });

});

// These two run last: they write to the file the other tests read.
describe("the past-view banner's facts", () => {
  it("are the facts whose earliest dated source has an estimated date, with every such source, as a recount of the citations gives", async () => {
    const { listEstimatedDateFacts } = await import("@/lib/db/queries/asof");
    // Two estimated sources the seed lacks: a later one re-citing a fact dated earlier (not
    // listed for it), and an earlier one citing a fact a printed date dated (listed now).
    const rw = new Database(file);
    rw.pragma("foreign_keys = ON");
    const printed = rw
      .prepare("SELECT c.deal_id FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.deal_id IS NOT NULL AND s.published_date_estimated = 0 AND s.published_date IS NOT NULL ORDER BY c.id LIMIT 2")
      .pluck()
      .all() as number[];
    for (const [slug, date, deal] of [["test-estimated-later", "2026-01-01", printed[0]], ["test-estimated-earlier", "2020-01-01", printed[1]]] as const) {
      const id = rw.prepare("INSERT INTO sources (slug, title, published_date, published_date_estimated, summary) VALUES (?, ?, ?, 1, 'test') RETURNING id").pluck().get(slug, slug, date);
      rw.prepare("INSERT INTO citations (source_id, locator, deal_id) VALUES (?, '¶1', ?)").run(id, deal);
    }
    rw.close();
    // Written out: each fact's earliest dated source date, then its sources of that date
    // whose date is estimated.
    const rows = raw
      .prepare(
        `SELECT CASE WHEN c.deal_id IS NOT NULL THEN 'deal' WHEN c.position_id IS NOT NULL THEN 'position' WHEN c.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AS type,
                coalesce(c.deal_id, c.position_id, c.financial_id, c.spending_id) AS id, s.published_date AS date, s.published_date_estimated AS estimated, s.title
         FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.organization_id IS NULL AND s.published_date IS NOT NULL`,
      )
      .all() as { type: string; id: number; date: string; estimated: number; title: string }[];
    const first = new Map<string, string>();
    for (const r of rows) {
      const key = `${r.type}:${r.id}`;
      if (!first.has(key) || r.date < first.get(key)!) first.set(key, r.date);
    }
    const expected = new Map<string, { knownFrom: string; sources: Set<string> }>();
    for (const r of rows) {
      const key = `${r.type}:${r.id}`;
      if (!r.estimated || r.date !== first.get(key)) continue;
      const e = expected.get(key) ?? { knownFrom: r.date, sources: new Set<string>() };
      e.sources.add(r.title);
      expected.set(key, e);
    }
    const got = listEstimatedDateFacts();
    expect(expected.size).toBeGreaterThan(5);
    expect(got).toHaveLength(expected.size);
    const slugOf = (type: string, id: number) =>
      (type === "position"
        ? raw.prepare("SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?")
        : raw.prepare(`SELECT slug FROM ${type === "deal" ? "deals" : type === "financial" ? "financials" : "spending"} WHERE id = ?`)
      )
        .pluck()
        .get(id) as string;
    const want = [...expected].map(([key, e]) => {
      const [type, id] = key.split(":");
      return { type, slug: slugOf(type!, Number(id)), knownFrom: e.knownFrom, sources: [...e.sources].sort() };
    });
    expect(got.map((f) => ({ type: f.type, slug: f.slug, knownFrom: f.knownFrom, sources: [...f.sources].sort() })).sort((a, b) => `${a.type}:${a.slug}`.localeCompare(`${b.type}:${b.slug}`))).toEqual(
      want.sort((a, b) => `${a.type}:${a.slug}`.localeCompare(`${b.type}:${b.slug}`)),
    );
    const days = got.map((f) => f.knownFrom);
    expect(days).toEqual([...days].sort());
  });
});

describe("a company's deals listed in a past view", () => {
  it("are the same for a company of which under 1% of deals were known, listed from its own index", async () => {
    // Deals no source cites yet (as an import of drafts would leave them) push the company's
    // known share under listDeals' walking threshold, so its pages come from the list read.
    const slug = raw
      .prepare("SELECT o.slug FROM deals d JOIN organizations o ON o.id = d.organization_id GROUP BY o.id ORDER BY count(*) DESC, o.slug LIMIT 1")
      .pluck()
      .get() as string;
    const writer = new Database(file);
    writer.transaction(() => {
      const org = writer.prepare("SELECT id FROM organizations WHERE slug = ?").pluck().get(slug);
      const add = writer.prepare(
        `INSERT INTO deals (slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, qualifier, description)
         VALUES (?, @org, @org, ?, 'day', 'exact', ?, 'partnership', 'announced', 'exact', 'Not yet cited')`,
      );
      for (let i = 0; i < 2_000; i++) {
        const date = `20${String(10 + (i % 16)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`;
        add.run(`uncited-${i}`, date, date, { org });
      }
    })();
    writer.close();
    expect(knownDeals("2025-12-31", slug).length).toBeLessThan(20);
    expect(await expectPastDealLists([slug])).toBeGreaterThan(0);
  });
});

/**
 * The day's positions grouped by every column a summary reads, by this test's own reading:
 * known through a dated citation or a state by then, with the status the history gave then.
 */
function knownPositionGroups(day: string): Map<string, number> {
  const rows = raw
    .prepare(
      `SELECT coalesce(p.kind, '') AS kind, p.layer, p.relationship, p.segment, o.kind AS orgKind, p.status,
         (SELECT sc.state FROM status_changes sc WHERE sc.position_id = p.id AND sc.known_from <= @day ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1) AS state,
         p.id IN (SELECT position_id FROM status_changes WHERE position_id IS NOT NULL) AS hasHistory
       FROM positions p JOIN organizations o ON o.id = p.organization_id
       WHERE p.id IN (SELECT c.position_id FROM citations c JOIN sources s ON s.id = c.source_id WHERE s.published_date <= @day)
          OR p.id IN (SELECT position_id FROM status_changes WHERE known_from <= @day)`,
    )
    .all({ day }) as { kind: string; layer: string; relationship: string; segment: string; orgKind: string; status: string; state: string | null; hasHistory: number }[];
  // The portfolio's word for each state of a position's history (none: the stored status).
  const words: Record<string, string> = { denied: "denied", "wound-down": "wound-down", "listing-guidance": "listing-in-progress", "listing-application": "listing-in-progress", listed: "active", reported: "reported", rumoured: "reported" };
  // Before its history began, a status only a history gives had not begun: the position was active.
  const before = (r: (typeof rows)[number]) => (r.hasHistory && ["listing-in-progress", "wound-down", "denied"].includes(r.status) ? "active" : r.status);
  const groups = new Map<string, number>();
  for (const r of rows) {
    const key = [r.kind, r.layer, r.relationship, r.state ? (words[r.state] ?? r.status) : before(r), r.segment, r.orgKind].join("|");
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return groups;
}

/** Every past-view summary of the positions (kind groups, layers, segments, relationships, facets, count) against knownPositionGroups. */
async function expectDayPositionSummaries(): Promise<void> {
  const { countPortfolio, listLayers, listPortfolio, listSegments, portfolioByLayerAndRelationship, portfolioFacets, positionCitations, positionKindGroups } = await import("@/lib/db/queries/portfolio");
  const sum = (groups: Map<string, number>, pick: (k: string[]) => string) => {
    const out = new Map<string, number>();
    for (const [key, n] of groups) out.set(pick(key.split("|")), (out.get(pick(key.split("|"))) ?? 0) + n);
    return out;
  };
  for (const day of [...DAYS, "2025-10-09"]) {
    const want = knownPositionGroups(day);
    const got = new Map(positionKindGroups(day).map((g) => [[g.kind ?? "", g.layer, g.relationship, g.status, g.segment, g.organizationKind].join("|"), g.companies]));
    expect(got, `kind groups on ${day}`).toEqual(want);
    const total = [...want.values()].reduce((a, b) => a + b, 0);
    expect(countPortfolio({ asof: day }), day).toBe(total);
    const byLayer = sum(want, (k) => k[1]!);
    expect(new Map(listLayers(day).filter((l) => l.companyCount > 0).map((l) => [l.slug, l.companyCount])), day).toEqual(byLayer);
    expect(new Map(listSegments(day).map((s) => [`${s.layer}|${s.segment}`, s.companyCount])), day).toEqual(sum(want, (k) => `${k[1]}|${k[4]}`));
    expect(new Map(portfolioByLayerAndRelationship(day).map((r) => [`${r.layer}|${r.relationship}`, r.companyCount])), day).toEqual(sum(want, (k) => `${k[1]}|${k[2]}`));
    const facets = portfolioFacets({ asof: day });
    expect(new Map(Object.entries(facets.status)), day).toEqual(sum(want, (k) => k[3]!));
    expect(new Map(Object.entries(facets.relationship)), day).toEqual(sum(want, (k) => k[2]!));
    // Filtered by a facet, the count is the cells that pass it.
    for (const [layer, n] of byLayer) expect(countPortfolio({ asof: day, layer: layer as never }), `${layer} on ${day}`).toBe(n);
    // The overview's grouped citations: every known position's, under the day's status.
    const cited = new Set<string>();
    for (const p of listPortfolio({ asof: day }, { limit: 100_000 })) for (const c of p.citations) cited.add([p.layer, p.segment, p.status, c.sourceSlug, c.locator].join("|"));
    expect(new Set(positionCitations(day).map((g) => [g.layer, g.segment, g.status, g.citation.sourceSlug, g.citation.locator].join("|"))), `citations on ${day}`).toEqual(cited);
  }
}

describe("the positions' summaries in a past view", () => {
  it("are the day's, read as today's summary less the positions not known yet, and as the known positions grouped", async () => {
    // A position known since February 2025 that a later state winds down: from September its
    // day's status is not the stored one, so today's groups must give it up.
    const winding = new Database(file);
    winding
      .prepare(
        `INSERT INTO status_changes (position_id, state, date, date_precision, date_qualifier, known_from, source_id, locator, note)
         SELECT p.id, 'wound-down', '2025-09-01', 'day', 'exact', '2025-09-01', (SELECT id FROM sources WHERE slug = 'three-year-plan-53bn-2025-02'), '¶1', 'test'
         FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE o.slug = 'tongyi-qianwen'`,
      )
      .run();
    winding.close();
    const { getOrganizationBySlug } = await import("@/lib/db/queries/organizations");
    expect(getOrganizationBySlug("tongyi-qianwen", "2025-08-01")?.status).not.toBe("wound-down");
    expect(getOrganizationBySlug("tongyi-qianwen", "2025-12-31")?.status).toBe("wound-down");
    // The seeded data: every position has a dated citation, so the summaries come from today's.
    await expectDayPositionSummaries();
    // A position no dated source cites: the known positions are grouped instead.
    const rw = new Database(file);
    rw.transaction(() => {
      const org = rw.prepare("INSERT INTO organizations (slug, name, kind, description) VALUES ('test-uncited', 'Test Uncited', 'portfolio', 'test') RETURNING id").pluck().get();
      rw.prepare("INSERT INTO positions (organization_id, layer, segment, relationship, status) VALUES (?, 'application', 'robots', 'equity-investment', 'active')").run(org);
    })();
    rw.close();
    await expectDayPositionSummaries();
  });
});

describe("a deal whose history had not begun by the day", () => {
  it("is only reported then, on its lists and in its counts, whatever it became", async () => {
    // Moonshot AI's 2024 round is cited from 24 February 2025; a completion first known in
    // September leaves it with a history not yet begun on 1 March.
    const rw = new Database(file);
    rw.prepare(
      `INSERT INTO status_changes (deal_id, state, date, date_precision, date_qualifier, known_from, source_id, locator, note)
       SELECT d.id, 'completed', '2025-09-01', 'day', 'exact', '2025-09-01', (SELECT id FROM sources WHERE slug = 'three-year-plan-53bn-2025-02'), '¶1', 'test'
       FROM deals d WHERE d.slug = 'moonshot-ai-2024'`,
    ).run();
    rw.close();
    const { countDeals, listDeals } = await import("@/lib/db/queries/deals");
    for (const [day, status] of [["2025-03-01", "reported"], ["2025-09-01", "completed"]] as const) {
      expect(listDeals({ organization: "moonshot-ai", asof: day }).find((d) => d.slug === "moonshot-ai-2024")?.status, day).toBe(status);
      expect(knownDeals(day, "moonshot-ai").find((d) => d.slug === "moonshot-ai-2024")?.status, `the test's own reading on ${day}`).toBe(status);
      const reported = knownDeals(day).filter((d) => d.status === "reported").length;
      expect(countDeals({ asof: day, status: "reported" }), day).toBe(reported);
    }
  });
});
