// The summary tables (lib/db/summaries.ts: SUMMARY_TABLES) and the queries
// that read them: the triggers keep them equal to a recount under any sequence of writes,
// and the pages' counts, facets and chart figures read from them are the ones the base
// tables give.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fc, test } from "@fast-check/vitest";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { SUMMARY_TABLES, rebuildSummaries, refillSummaries, summaryRows } from "@/lib/db/summaries";
import type { DealFilters } from "@/lib/db/queries/deals";
import type { PortfolioFilters } from "@/lib/db/queries/portfolio";
import { DEAL_KINDS, DEAL_STATUSES, LAYERS, ORG_KINDS, POSITION_KINDS, POSITION_STATUSES, RELATIONSHIPS } from "@/lib/domain/vocabulary";
import { MIGRATIONS, buildTempDatabase } from "./helpers";

let file: string;
let image: Buffer;

beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
  // The setup leaves the file in WAL mode, and an in-memory image of a WAL database cannot
  // be opened: take the image in rollback-journal mode (this is a temporary copy).
  const db = new Database(file);
  db.pragma("journal_mode = DELETE");
  image = db.serialize();
  db.close();
});

/** Every summary table as readers see it. */
function snapshot(db: Database.Database): Record<(typeof SUMMARY_TABLES)[number], Record<string, unknown>[]> {
  return Object.fromEntries(SUMMARY_TABLES.map((t) => [t, summaryRows(db, t)])) as Record<(typeof SUMMARY_TABLES)[number], Record<string, unknown>[]>;
}

/** The same tables recounted from scratch, on a copy so `db` stays as it is. */
function recount(db: Database.Database) {
  const copy = new Database(db.serialize());
  try {
    rebuildSummaries(copy);
    return snapshot(copy);
  } finally {
    copy.close();
  }
}

describe("summary tables", () => {
  it("hold the seeded data's counts, and the migration's initial fill counts the same", () => {
    const db = new Database(image);
    try {
      const seeded = snapshot(db);
      expect(seeded.deal_counts.length).toBeGreaterThan(0);
      expect(seeded.position_counts.length).toBeGreaterThan(0);
      expect(seeded.deal_source_counts.length).toBeGreaterThan(0);
      expect(seeded).toEqual(recount(db));

      // Migration 0006 fills the tables for a database that already has rows; its
      // statements after the triggers must count what lib/db/summaries.ts counts.
      const migration = readFileSync(path.join(MIGRATIONS, "0006_summary_triggers.sql"), "utf8");
      const fill = migration.split("--> statement-breakpoint").filter((s) => !/CREATE TRIGGER/.test(s));
      expect(fill.length).toBe(6);
      for (const statement of fill) db.exec(statement);
      expect(snapshot(db)).toEqual(seeded);
    } finally {
      db.close();
    }
  });

  // Writes of every kind the triggers handle, on arbitrary rows: the seed and db:import
  // only insert, upsert and replace citations, but a summary that drifts on any write
  // would show wrong counts until the next full rebuild.
  const op = fc.oneof(
    fc.record({ t: fc.constant("insertDeal" as const), org: fc.nat(), kind: fc.nat(), status: fc.nat(), date: fc.nat(3) }),
    fc.record({ t: fc.constant("updateDeal" as const), deal: fc.nat(), field: fc.constantFrom("kind", "status", "sort_date", "organization_id"), v: fc.nat() }),
    fc.record({ t: fc.constant("deleteDeal" as const), deal: fc.nat() }),
    fc.record({ t: fc.constant("cite" as const), deal: fc.nat(), source: fc.nat() }),
    fc.record({ t: fc.constant("uncite" as const), citation: fc.nat() }),
    fc.record({ t: fc.constant("moveCitation" as const), citation: fc.nat(), deal: fc.nat(), source: fc.nat() }),
    fc.record({ t: fc.constant("insertPosition" as const), org: fc.nat(), layer: fc.nat(), v: fc.nat() }),
    fc.record({ t: fc.constant("updatePosition" as const), position: fc.nat(), field: fc.constantFrom("layer", "relationship", "status", "segment", "organization_id", "kind"), v: fc.nat() }),
    fc.record({ t: fc.constant("deletePosition" as const), position: fc.nat() }),
    fc.record({ t: fc.constant("updateOrganizationKind" as const), org: fc.nat(), v: fc.nat() }),
    fc.record({ t: fc.constant("deleteOrganization" as const), org: fc.nat() }),
    fc.record({ t: fc.constant("deleteSource" as const), source: fc.nat() }),
    // Citations of positions (0019): the paragraph and note are part of the group.
    fc.record({ t: fc.constant("citePosition" as const), position: fc.nat(), source: fc.nat(), v: fc.nat() }),
    fc.record({ t: fc.constant("uncitePosition" as const), citation: fc.nat() }),
    fc.record({ t: fc.constant("recitePosition" as const), citation: fc.nat(), position: fc.nat(), field: fc.constantFrom("position_id", "source_id", "locator", "note"), v: fc.nat() }),
    // A source's date decides which citation dated each fact it cites first (0020).
    fc.record({ t: fc.constant("redateSource" as const), source: fc.nat(), date: fc.nat(3) }),
  );
  const LOCATORS = ["¶1", "¶2", "¶3-4"];
  const NOTES = [null, "", "as stated"];
  const DATES = [null, "2019-05-01", "2021-01-01", "2024-12-31"];
  const SEGMENTS = ["robotics", "chips", "models"];

  test.prop([fc.array(op, { minLength: 1, maxLength: 25 })], { numRuns: 40 })(
    "stay equal to a recount after any sequence of inserts, updates and deletes",
    (ops) => {
      const db = new Database(image);
      db.pragma("foreign_keys = ON");
      try {
        const ids = (sql: string) => (db.prepare(sql).all() as { id: number }[]).map((r) => r.id);
        const pick = <T>(xs: T[], n: number) => (xs.length ? xs[n % xs.length] : undefined);
        const orgs = () => ids("SELECT id FROM organizations ORDER BY id");
        const unplaced = () => ids("SELECT id FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM positions p WHERE p.organization_id = o.id) ORDER BY id");
        const dealIds = () => ids("SELECT id FROM deals ORDER BY id");
        const positionIds = () => ids("SELECT id FROM positions ORDER BY id");
        const sourceIds = () => ids("SELECT id FROM sources ORDER BY id");
        const dealCitations = () => ids("SELECT id FROM citations WHERE deal_id IS NOT NULL ORDER BY id");
        const positionCitations = () => ids("SELECT id FROM citations WHERE position_id IS NOT NULL ORDER BY id");
        let slug = 0;
        for (const o of ops) {
          try {
            switch (o.t) {
              case "insertDeal": {
                const org = pick(orgs(), o.org);
                const date = DATES[o.date % DATES.length]!;
                db.prepare(
                  `INSERT INTO deals (slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, qualifier, description)
                   VALUES (?, ?, ?, ?, ?, 'exact', ?, ?, ?, 'exact', 'test')`,
                ).run(`test-deal-${slug++}`, org, org, date, date ? "day" : "unknown", date, DEAL_KINDS[o.kind % DEAL_KINDS.length], DEAL_STATUSES[o.status % DEAL_STATUSES.length]);
                break;
              }
              case "updateDeal": {
                const deal = pick(dealIds(), o.deal);
                const value = {
                  kind: DEAL_KINDS[o.v % DEAL_KINDS.length],
                  status: DEAL_STATUSES[o.v % DEAL_STATUSES.length],
                  sort_date: DATES[o.v % DATES.length],
                  organization_id: pick(orgs(), o.v),
                }[o.field];
                db.prepare(`UPDATE deals SET ${o.field} = ? WHERE id = ?`).run(value, deal);
                break;
              }
              case "deleteDeal":
                db.prepare("DELETE FROM deals WHERE id = ?").run(pick(dealIds(), o.deal));
                break;
              case "cite":
                db.prepare("INSERT INTO citations (source_id, locator, deal_id) VALUES (?, '¶1', ?)").run(pick(sourceIds(), o.source), pick(dealIds(), o.deal));
                break;
              case "uncite":
                db.prepare("DELETE FROM citations WHERE id = ?").run(pick(dealCitations(), o.citation));
                break;
              case "moveCitation":
                db.prepare("UPDATE citations SET deal_id = ?, source_id = ? WHERE id = ?").run(
                  pick(dealIds(), o.deal),
                  pick(sourceIds(), o.source),
                  pick(dealCitations(), o.citation),
                );
                break;
              case "insertPosition":
                db.prepare("INSERT INTO positions (organization_id, layer, segment, relationship, status) VALUES (?, ?, ?, ?, ?)").run(
                  pick(unplaced(), o.org),
                  LAYERS[o.layer % LAYERS.length],
                  SEGMENTS[o.v % SEGMENTS.length],
                  RELATIONSHIPS[o.v % RELATIONSHIPS.length],
                  POSITION_STATUSES[o.v % POSITION_STATUSES.length],
                );
                break;
              case "updatePosition": {
                const value = {
                  layer: LAYERS[o.v % LAYERS.length],
                  relationship: RELATIONSHIPS[o.v % RELATIONSHIPS.length],
                  status: POSITION_STATUSES[o.v % POSITION_STATUSES.length],
                  segment: SEGMENTS[o.v % SEGMENTS.length],
                  organization_id: pick(unplaced(), o.v),
                  kind: [...POSITION_KINDS, null][o.v % (POSITION_KINDS.length + 1)],
                }[o.field];
                db.prepare(`UPDATE positions SET ${o.field} = ? WHERE id = ?`).run(value, pick(positionIds(), o.position));
                break;
              }
              case "deletePosition":
                db.prepare("DELETE FROM positions WHERE id = ?").run(pick(positionIds(), o.position));
                break;
              case "updateOrganizationKind":
                db.prepare("UPDATE organizations SET kind = ? WHERE id = ?").run(ORG_KINDS[o.v % ORG_KINDS.length], pick(orgs(), o.org));
                break;
              case "deleteOrganization":
                db.prepare("DELETE FROM organizations WHERE id = ?").run(pick(orgs(), o.org));
                break;
              case "deleteSource":
                db.prepare("DELETE FROM sources WHERE id = ?").run(pick(sourceIds(), o.source));
                break;
              case "citePosition":
                db.prepare("INSERT INTO citations (source_id, locator, note, position_id) VALUES (?, ?, ?, ?)").run(
                  pick(sourceIds(), o.source),
                  LOCATORS[o.v % LOCATORS.length],
                  NOTES[o.v % NOTES.length],
                  pick(positionIds(), o.position),
                );
                break;
              case "redateSource":
                db.prepare("UPDATE sources SET published_date = ? WHERE id = ?").run(DATES[o.date % DATES.length], pick(sourceIds(), o.source));
                break;
              case "uncitePosition":
                db.prepare("DELETE FROM citations WHERE id = ?").run(pick(positionCitations(), o.citation));
                break;
              case "recitePosition": {
                const value = {
                  position_id: pick(positionIds(), o.position),
                  source_id: pick(sourceIds(), o.v),
                  locator: LOCATORS[o.v % LOCATORS.length],
                  note: NOTES[o.v % NOTES.length],
                }[o.field];
                db.prepare(`UPDATE citations SET ${o.field} = ? WHERE id = ?`).run(value, pick(positionCitations(), o.citation));
                break;
              }
            }
          } catch (e) {
            // A write the schema refuses (a foreign key still pointing at the row, a NULL
            // pick) is rolled back with its trigger work; the summaries must still hold.
            if (!(e instanceof Database.SqliteError)) throw e;
          }
        }
        expect(snapshot(db)).toEqual(recount(db));
      } finally {
        db.close();
      }
    },
  );
});

// What the pages showed before the summaries, straight from the base tables.
function reference(db: Database.Database) {
  // A past view written out from the base tables (asof.ts's rules): a deal counts once a
  // source dated by then cites it or a state of its history is known by then, under the last
  // state known by then ("built" is "completed"). The day is a test constant, inlined.
  const known = (asof: string) => `(EXISTS (SELECT 1 FROM citations kc JOIN sources ks ON ks.id = kc.source_id WHERE kc.deal_id = d.id AND ks.published_date <= '${asof}')
    OR EXISTS (SELECT 1 FROM status_changes ksc WHERE ksc.deal_id = d.id AND ksc.known_from <= '${asof}'))`;
  const status = (f: DealFilters) =>
    f.asof
      ? `coalesce((SELECT CASE WHEN sc.state = 'built' THEN 'completed' WHEN sc.state IN (${DEAL_STATUSES.map((v) => `'${v}'`).join(", ")}) THEN sc.state END
          FROM status_changes sc WHERE sc.deal_id = d.id AND sc.known_from <= '${f.asof}' ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1),
          CASE WHEN d.id IN (SELECT deal_id FROM status_changes WHERE deal_id IS NOT NULL) THEN 'reported' ELSE d.status END)`
      : "d.status";
  const dealWhere = (f: DealFilters, except?: string) => {
    const parts: string[] = ["1"];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      parts.push(condition);
      params.push(value);
    };
    if (f.asof) parts.push(known(f.asof));
    if (f.layer && except !== "layer") add("p.layer = ?", f.layer);
    if (f.kind && except !== "kind") add("d.kind = ?", f.kind);
    if (f.status && except !== "status") add(`${status(f)} = ?`, f.status);
    if (f.fromYear !== undefined) add("d.sort_date IS NOT NULL AND d.sort_date >= ?", `${f.fromYear}-01-01`);
    if (f.toYear !== undefined) add("d.sort_date IS NOT NULL AND d.sort_date <= ?", `${f.toYear}-12-31`);
    return { where: parts.join(" AND "), params };
  };
  const FROM = "FROM deals d JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id";
  const all = <T>(sql: string, params: unknown[]) => db.prepare(sql).all(...params) as T[];
  return {
    countDeals: (f: DealFilters) => {
      const w = dealWhere(f);
      return all<{ n: number }>(`SELECT count(*) AS n ${FROM} WHERE ${w.where}`, w.params)[0]!.n;
    },
    dealFacets: (f: DealFilters) =>
      Object.fromEntries(
        (["layer", "kind", "status"] as const).map((key) => {
          const w = dealWhere(f, key);
          const col = key === "layer" ? "p.layer" : key === "status" ? status(f) : `d.${key}`;
          const rows = all<{ v: string | null; n: number }>(`SELECT ${col} AS v, count(*) AS n ${FROM} WHERE ${w.where} GROUP BY ${col}`, w.params);
          return [key, Object.fromEntries(rows.filter((r) => r.v !== null).map((r) => [r.v, r.n]))];
        }),
      ),
    byYearAndKind: (f: DealFilters) => {
      const w = dealWhere(f);
      return all<{ year: string; kind: string; count: number }>(
        `SELECT substr(d.sort_date, 1, 4) AS year, d.kind, count(*) AS count ${FROM} WHERE d.sort_date IS NOT NULL AND ${w.where} GROUP BY 1, 2 ORDER BY 1, 2`,
        w.params,
      ).map((r) => ({ ...r, year: Number(r.year) }));
    },
    undated: (f: DealFilters) => {
      if (f.fromYear !== undefined || f.toYear !== undefined) return 0;
      const w = dealWhere(f);
      return all<{ n: number }>(`SELECT count(*) AS n ${FROM} WHERE d.sort_date IS NULL AND ${w.where}`, w.params)[0]!.n;
    },
    cited: (f: DealFilters, byYear: boolean) => {
      const w = dealWhere(f);
      const year = byYear ? "substr(d.sort_date, 1, 4)" : "NULL";
      // A past view cites the sources published by then, and the sources of each deal's
      // states known by then.
      const shown = f.asof
        ? ` AND (s.published_date <= '${f.asof}' OR c.source_id IN (SELECT sc.source_id FROM status_changes sc WHERE sc.deal_id = d.id AND sc.known_from <= '${f.asof}'))`
        : "";
      return all<{ year: string | null; sourceSlug: string; n: number }>(
        `SELECT ${year} AS year, s.slug AS sourceSlug, count(DISTINCT d.id) AS n
         FROM citations c JOIN sources s ON s.id = c.source_id JOIN deals d ON d.id = c.deal_id
           JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id
         WHERE ${byYear ? "d.sort_date IS NOT NULL AND " : ""}${w.where}${shown} GROUP BY ${byYear ? "1, s.id" : "s.id"} ORDER BY 1, 2`,
        w.params,
      ).map((r) => ({ year: r.year === null ? null : Number(r.year), sourceSlug: r.sourceSlug, dealCount: Number(r.n) }));
    },
    portfolio: (f: PortfolioFilters, except?: string) => {
      const parts = ["1"];
      const params: unknown[] = [];
      for (const key of ["layer", "relationship", "status", "segment"] as const) {
        if (f[key] && except !== key) {
          parts.push(`p.${key} = ?`);
          params.push(f[key]);
        }
      }
      return { where: parts.join(" AND "), params };
    },
  };
}

describe("counts read from the summaries", () => {
  const dealCases: DealFilters[] = [];
  for (const layer of [undefined, ...LAYERS])
    for (const kind of [undefined, "equity-investment", "partnership"] as const)
      for (const status of [undefined, "completed"] as const)
        for (const years of [{}, { fromYear: 2018, toYear: 2023 }, { fromYear: 2024 }, { toYear: 2019 }])
          dealCases.push({ ...(layer && { layer }), ...(kind && { kind }), ...(status && { status }), ...years });
  // Past views (deal_known_counts, 0021): days before, between and after the seeded sources
  // and status changes, under filters that a day's status changes move deals between.
  for (const asof of ["2015-06-01", "2025-02-01", "2025-03-01", "2025-08-01", "2025-10-09", "2026-01-01"])
    for (const f of [{}, { layer: "application" }, { status: "completed" }, { status: "denied" }, { status: "reported" }, { kind: "partnership" }, { fromYear: 2018, toYear: 2023 }] as DealFilters[])
      dealCases.push({ ...f, asof });

  /** The deals page's figures under each filter against the reference; how many were not empty. */
  async function compareDeals(cases: DealFilters[]): Promise<number> {
    const { countDeals, dealFacets } = await import("@/lib/db/queries/deals");
    const { citedDealCounts, countUndatedDeals, dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const db = new Database(file, { readonly: true });
    try {
      const ref = reference(db);
      let nonEmpty = 0;
      for (const f of cases) {
        const label = JSON.stringify(f);
        expect(countDeals(f), label).toBe(ref.countDeals(f));
        if (ref.countDeals(f) > 0) nonEmpty++;
        expect(dealFacets(f), label).toEqual(ref.dealFacets(f));
        expect(dealCountsByYearAndKind(f), label).toEqual(ref.byYearAndKind(f));
        expect(countUndatedDeals(f), label).toBe(ref.undated(f));
        for (const byYear of [false, true]) {
          expect(
            citedDealCounts(f, byYear).map(({ year, sourceSlug, dealCount }) => ({ year, sourceSlug, dealCount })),
            `${label} byYear=${byYear}`,
          ).toEqual(ref.cited(f, byYear));
        }
      }
      return nonEmpty;
    } finally {
      db.close();
    }
  }

  it("give the deals page the counts, facets, chart and sources the deal rows give", async () => {
    // The cases are not all empty: the comparison says something.
    expect(await compareDeals(dealCases)).toBeGreaterThan(dealCases.length / 4);
  });

  it("give past views the same when a deal with a status history is cited before its last state, and later or undated sources cite known deals (left out)", async () => {
    // The seed's deals with a history are cited only on or after their last state's day, so a
    // source dated between two states is written here: the day's state must then replace
    // today's status in that source's counts. Removed after, so the tests below see the seed.
    const rw = new Database(file);
    const added: number[] = [];
    try {
      const history = rw.prepare("SELECT deal_id FROM status_changes WHERE deal_id IS NOT NULL GROUP BY deal_id HAVING count(*) > 1").pluck().all() as number[];
      const plain = rw.prepare("SELECT d.id FROM deals d WHERE d.id NOT IN (SELECT deal_id FROM status_changes WHERE deal_id IS NOT NULL) AND d.id IN (SELECT deal_id FROM citations) ORDER BY d.id LIMIT 3").pluck().all() as number[];
      expect(history.length).toBeGreaterThan(0);
      // A deal only the undated source cites: never known in a past view, whichever side
      // knownCitedByYear starts from.
      const uncited = rw
        .prepare(
          `INSERT INTO deals (slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, amount, currency, qualifier, stake_percent, description)
           SELECT 'only-undated-' || slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, amount, currency, qualifier, stake_percent, description FROM deals WHERE id = ? RETURNING id`,
        )
        .pluck()
        .get(plain[0]) as number;
      for (const [slug, date, cites] of [
        ["between-states-2025-03", "2025-03-15", [...history, plain[0]!]],
        ["later-2026-03", "2026-03-01", [plain[1]!, history[0]!]],
        ["undated-recap", null, [plain[2]!, uncited, ...history]],
      ] as const) {
        const id = rw.prepare("INSERT INTO sources (slug, title, published_date, summary) VALUES (?, ?, ?, 'test') RETURNING id").pluck().get(slug, slug, date) as number;
        added.push(id);
        for (const deal of cites) rw.prepare("INSERT INTO citations (source_id, locator, deal_id) VALUES (?, '¶1', ?)").run(id, deal);
      }
      const pastCases = dealCases.filter((f) => f.asof);
      expect(await compareDeals(pastCases)).toBeGreaterThan(pastCases.length / 4);
    } finally {
      for (const id of added) rw.prepare("DELETE FROM sources WHERE id = ?").run(id);
      rw.prepare("DELETE FROM deals WHERE slug LIKE 'only-undated-%'").run();
      rw.close();
    }
  });

  it("give the portfolio page the counts, facets, segments and layers the positions give", async () => {
    const { countPortfolio, listLayers, listSegments, portfolioFacets, portfolioByLayerAndRelationship } = await import("@/lib/db/queries/portfolio");
    const db = new Database(file, { readonly: true });
    try {
      const ref = reference(db);
      const segments = (db.prepare("SELECT DISTINCT segment FROM positions ORDER BY 1").all() as { segment: string }[]).map((r) => r.segment);
      const cases: PortfolioFilters[] = [{}, { segment: segments[0] }, { layer: "application", status: "active" }];
      for (const layer of LAYERS) for (const relationship of RELATIONSHIPS) cases.push({ layer, relationship });
      for (const status of POSITION_STATUSES) cases.push({ status }, { status, segment: segments.at(-1) });
      const count = (sql: string, params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
      for (const f of cases) {
        const w = ref.portfolio(f);
        expect(countPortfolio(f), JSON.stringify(f)).toBe(count(`SELECT count(*) AS n FROM positions p WHERE ${w.where}`, w.params));
        const facets = portfolioFacets(f);
        for (const key of ["layer", "relationship", "status", "segment"] as const) {
          const fw = ref.portfolio(f, key);
          const rows = db.prepare(`SELECT p.${key} AS v, count(*) AS n FROM positions p WHERE ${fw.where} GROUP BY 1`).all(...fw.params) as { v: string; n: number }[];
          expect(facets[key], `${JSON.stringify(f)} ${key}`).toEqual(Object.fromEntries(rows.map((r) => [r.v, r.n])));
        }
      }
      expect(listSegments()).toEqual(
        db
          .prepare("SELECT p.layer, p.segment, count(*) AS companyCount FROM positions p JOIN layers l ON l.slug = p.layer GROUP BY 1, 2 ORDER BY l.sort_order, p.segment")
          .all(),
      );
      expect(portfolioByLayerAndRelationship()).toEqual(
        db
          .prepare(
            "SELECT p.layer, p.relationship, count(*) AS companyCount FROM positions p JOIN layers l ON l.slug = p.layer GROUP BY 1, 2 ORDER BY l.sort_order, p.relationship",
          )
          .all(),
      );
      for (const l of listLayers()) expect(l.companyCount).toBe(count("SELECT count(*) AS n FROM positions WHERE layer = ?", [l.slug]));
    } finally {
      db.close();
    }
  });

  it("fall back to the deal rows under a name, company or participant filter", async () => {
    const { countDeals, dealFacets, listDeals } = await import("@/lib/db/queries/deals");
    const { countUndatedDeals, dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const all = listDeals({}, { limit: 10_000 });
    const org = all[0]!.organization;
    for (const f of [{ organization: org.slug }, { q: org.name.slice(0, 4) }, { participant: all[0]!.investor.slug }, { q: org.name.slice(0, 4), layer: all[0]!.layer ?? undefined }]) {
      const rows = listDeals(f, { limit: 10_000 });
      expect(rows.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(countDeals(f)).toBe(rows.length);
      const facets = dealFacets(f);
      expect(Object.values(facets.kind).reduce((a, b) => a + b, 0)).toBe(f.layer ? countDeals({ ...f }) : rows.length);
      const dated = dealCountsByYearAndKind(f).reduce((a, r) => a + r.count, 0);
      expect(dated + countUndatedDeals(f)).toBe(rows.length);
    }
    expect(countDeals({ organization: "no-such-company" })).toBe(0);
  });
});

describe("pages of companies and deals", () => {
  it("pages the portfolio one layer at a time in the same order as one sorted query", async () => {
    const { listPortfolio } = await import("@/lib/db/queries/portfolio");
    const db = new Database(file, { readonly: true });
    try {
      for (const f of [{}, { status: "active" }, { relationship: "partnership" }, { layer: "technology" }] as PortfolioFilters[]) {
        const where = Object.entries(f).map(([k]) => `p.${k} = ?`).join(" AND ") || "1";
        const expected = db
          .prepare(
            `SELECT o.slug, (SELECT count(*) FROM deals d WHERE d.organization_id = o.id) AS dealCount FROM positions p
             JOIN organizations o ON o.id = p.organization_id JOIN layers l ON l.slug = p.layer
             WHERE ${where} ORDER BY l.sort_order, p.segment, o.name, o.id`,
          )
          .all(...Object.values(f)) as { slug: string; dealCount: number }[];
        expect(expected.length, JSON.stringify(f)).toBeGreaterThan(3);
        const paged = [];
        for (let offset = 0; offset < expected.length + 3; offset += 3) paged.push(...listPortfolio(f, { limit: 3, offset }));
        expect(paged.map(({ slug, dealCount }) => ({ slug, dealCount })), JSON.stringify(f)).toEqual(expected);
      }
    } finally {
      db.close();
    }
  });

  it("gives the map's tiles the rows of the table without deal counts and sources", async () => {
    const { listPortfolio, listPortfolioTiles } = await import("@/lib/db/queries/portfolio");
    for (const f of [{}, { layer: "application" }, { status: "active" }] as PortfolioFilters[]) {
      const rows = listPortfolio(f, { limit: 500 });
      expect(rows.length).toBeGreaterThan(0);
      expect(listPortfolioTiles(f, { limit: 500 }), JSON.stringify(f)).toEqual(rows.map(({ kind: _k, dealCount: _d, citations: _c, ...tile }) => (void _k, void _d, void _c, tile)));
    }
  });

  it("orders deals under a year, layer or kind-and-status filter as the timeline does", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const timeline = listDeals({}, { limit: 10_000 });
    const cases: [DealFilters, (d: (typeof timeline)[number]) => boolean][] = [
      [{ fromYear: 2020 }, (d) => d.sortDate !== null && d.sortDate >= "2020-01-01"],
      [{ toYear: 2023, kind: "equity-investment" }, (d) => d.sortDate !== null && d.sortDate <= "2023-12-31" && d.kind === "equity-investment"],
      [{ layer: "application" }, (d) => d.layer === "application"],
      [{ kind: "equity-investment", status: "completed" }, (d) => d.kind === "equity-investment" && d.status === "completed"],
    ];
    for (const [f, keep] of cases) {
      const kept = timeline.filter(keep);
      const expected = kept.map((d) => d.slug);
      expect(expected.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(listDeals(f, { limit: 10_000 }).map((d) => d.slug), JSON.stringify(f)).toEqual(expected);
      // Newest first, and undated deals still last.
      const recent = [...kept.filter((d) => d.sortDate !== null).reverse(), ...kept.filter((d) => d.sortDate === null).reverse()];
      expect(listDeals(f, { limit: 10_000, order: "recent" }).map((d) => d.slug), JSON.stringify(f)).toEqual(recent.map((d) => d.slug));
    }
  });

  it("pages newest first with undated deals last, across the dated ones' end", async () => {
    // "recent" and the table by date descending read the dated deals, then the undated ones
    // (two statements): every page, including those that straddle the boundary and those
    // wholly past it, is that slice of the one order.
    const { listDeals } = await import("@/lib/db/queries/deals");
    for (const f of [{}, { layer: "application" }] as DealFilters[]) {
      const kept = listDeals(f, { limit: 10_000 });
      const recent = [...kept.filter((d) => d.sortDate !== null).reverse(), ...kept.filter((d) => d.sortDate === null).reverse()].map((d) => d.slug);
      const dated = kept.filter((d) => d.sortDate !== null).length;
      expect(dated, JSON.stringify(f)).toBeGreaterThan(3);
      expect(recent.length - dated, JSON.stringify(f)).toBeGreaterThan(3);
      for (const offset of [0, dated - 2, dated, dated + 1, recent.length - 1, recent.length]) {
        const want = recent.slice(offset, offset + 3);
        expect(listDeals(f, { limit: 3, offset, order: "recent" }).map((d) => d.slug), `${JSON.stringify(f)} at ${offset}`).toEqual(want);
        expect(listDeals(f, { limit: 3, offset, sort: { key: "date", descending: true } }).map((d) => d.slug), `${JSON.stringify(f)} at ${offset}`).toEqual(want);
      }
    }
  });
});

describe("rebuildOrganizationSummaries", () => {
  it("recounts only the given organizations, to what a full recount gives", async () => {
    const { rebuildOrganizationSummaries } = await import("@/lib/db/summaries");
    const db = new Database(image);
    try {
      const before = recount(db);
      // The organizations with the most deals, their rows wrecked, plus one row of another left wrong on purpose.
      const ids = (db.prepare("SELECT organization_id AS id FROM deals GROUP BY 1 ORDER BY count(*) DESC LIMIT 3").all() as { id: number }[]).map((r) => r.id);
      expect(ids.length).toBe(3);
      db.prepare("UPDATE organization_deal_counts SET deals = deals + 7 WHERE organization_id IN (?, ?, ?)").run(...ids);
      db.prepare("DELETE FROM organization_deal_source_counts WHERE organization_id IN (?, ?, ?)").run(...ids);
      const other = db.prepare("SELECT organization_id AS id FROM organization_deal_counts WHERE organization_id NOT IN (?, ?, ?) LIMIT 1").get(...ids) as { id: number };
      db.prepare("UPDATE organization_deal_counts SET deals = deals + 1 WHERE organization_id = ?").run(other.id);
      rebuildOrganizationSummaries(db, ids);
      const after = snapshot(db);
      expect(after.organization_deal_source_counts).toEqual(before.organization_deal_source_counts);
      // Only the named organizations were recounted: the other one keeps its wrong count.
      expect(after.organization_deal_counts.filter((r) => r.organization_id !== other.id)).toEqual(
        before.organization_deal_counts.filter((r) => r.organization_id !== other.id),
      );
      expect(after.organization_deal_counts).not.toEqual(before.organization_deal_counts);
      rebuildOrganizationSummaries(db, [other.id]);
      expect(snapshot(db)).toEqual(before);
    } finally {
      db.close();
    }
  });
});

describe("withSummariesSetBased and the packed per-company tables (0015, 0016)", () => {
  it("drops their packing triggers for the whole step (no repack per summary row) and repacks the companies in scope once", async () => {
    const { withSummariesSetBased, SUMMARY_SCOPE } = await import("@/lib/db/summaries");
    const db = new Database(image);
    const packingTriggers = () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'organization_deal_%cells_%' ORDER BY name").pluck().all() as string[]);
    try {
      const all = packingTriggers();
      // 0015's four per packed table, and 0016's three on each packed table (those on positions stay).
      expect(all).toHaveLength(14);
      const deal = db.prepare("SELECT id, organization_id AS org FROM deals WHERE kind <> 'acquisition' LIMIT 1").get() as { id: number; org: number };
      const seen: string[][] = [];
      db.transaction(() =>
        withSummariesSetBased(
          db,
          () => {
            seen.push(packingTriggers());
            db.prepare(`INSERT INTO ${SUMMARY_SCOPE} (kind, id) VALUES ('deal', ?)`).run(deal.id);
          },
          () => db.prepare("UPDATE deals SET kind = 'acquisition' WHERE id = ?").run(deal.id),
        ),
      )();
      // Absent while the scope was taken (before the adjustments, both times), back after.
      expect(seen).toEqual([[], []]);
      expect(packingTriggers()).toEqual(all);
      expect(snapshot(db)).toEqual(recount(db));
      const cells = db.prepare("SELECT cells FROM organization_deal_cells WHERE organization_id = ?").pluck().get(deal.org) as string;
      // Kind 1 (acquisition) is in the company's packed cells now.
      expect((JSON.parse(cells) as number[]).filter((_, i) => i % 2 === 0).some((cell) => Math.floor(cell / 8) % 8 === 1)).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe("refillSummaries", () => {
  it("fills each table once, packed tables after their sources and the packs once, and leaves the packing triggers as they were", () => {
    const db = new Database(image);
    const fills: string[] = [];
    const exec = db.exec.bind(db);
    db.exec = ((sql: string) => {
      const filled = /^\s*INSERT INTO (\w+)/.exec(sql)?.[1];
      if (filled) fills.push(filled);
      return exec(sql);
    }) as typeof db.exec;
    const triggers = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    try {
      const before = triggers();
      const expected = snapshot(db);
      db.transaction(() => refillSummaries(db, ["organization_deal_counts", "organization_deal_source_counts"]))();
      expect(fills).toEqual(["organization_deal_counts", "organization_deal_source_counts", "organization_deal_cells", "organization_deal_source_cells", "organization_deal_packs"]);
      expect(triggers()).toEqual(before);
      expect(snapshot(db)).toEqual(expected);

      fills.length = 0;
      rebuildSummaries(db);
      expect(fills).toEqual([...SUMMARY_TABLES]);
      expect(snapshot(db)).toEqual(expected);
    } finally {
      db.close();
    }
  });
});
