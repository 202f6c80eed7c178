import type Database from "better-sqlite3";
import { type ImportRecord, parseRow, type RecordType } from "../../validation/import";
import { sortDateOf } from "../seed";
import type { RawRow } from "./read";

export interface ImportProblem {
  row: number | null;
  column: string | null;
  record: string | null;
  message: string;
}

export type Action = "insert" | "update" | "unchanged";

export interface PlannedChange {
  row: number;
  type: RecordType;
  key: string;
  action: Action;
  /** For an update, the fields that differ from the database. */
  fields: string[];
  /** For an update, what each changed list loses and gains ("co_investors: drops geely"), for the dry run. */
  detail: string[];
  record: ImportRecord;
}

export const TYPE_ORDER: Record<RecordType, number> = { source: 0, organization: 1, deal: 2, financial: 3, spending: 4 };
const TABLE: Record<RecordType, string> = {
  source: "sources",
  organization: "organizations",
  deal: "deals",
  financial: "financials",
  spending: "spending",
};
const CITED_BY: Partial<Record<RecordType, string>> = {
  organization: "organization_id",
  deal: "deal_id",
  financial: "financial_id",
  spending: "spending_id",
};

type Row = Record<string, unknown>;

/** The columns an import writes, as the database stores them, for comparing with what is there. */
export function columnsOf(r: ImportRecord, orgId: (slug: string) => number | null): Row {
  switch (r.type) {
    case "source":
      return { title: r.value.title, outlet: r.value.outlet, published_date: r.value.publishedDate, url: r.value.url, summary: r.value.summary };
    case "organization":
      return { name: r.value.name, kind: r.value.kind, country: r.value.country, description: r.value.description };
    case "deal": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), investor_id: orgId(v.investor), date: v.date, date_precision: v.datePrecision,
        date_qualifier: v.dateQualifier, kind: v.kind, status: v.status, amount: v.amount, currency: v.currency,
        qualifier: v.qualifier, stake_percent: v.stakePercent, description: v.description,
      };
    }
    case "financial": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), metric: v.metric, period_label: v.periodLabel, period_start: v.periodStart,
        period_end: v.periodEnd, value: v.value, unit: v.unit, qualifier: v.qualifier, change_percent: v.changePercent,
        change_basis: v.changeBasis ?? null, description: v.description,
      };
    }
    case "spending": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), kind: v.kind, scope: v.scope, period_label: v.periodLabel,
        period_start: v.periodStart, period_end: v.periodEnd, amount: v.amount, currency: v.currency,
        qualifier: v.qualifier, change_percent: v.changePercent, description: v.description,
      };
    }
  }
}

export function citationsOf(r: ImportRecord): { source: string; locator: string }[] {
  return r.type === "source" ? [] : r.value.citations.map((c) => ({ source: c.source, locator: c.locator }));
}

/** The planned writes, staged in a temporary table of the planning connection (see ImportPlanner). */
export const PLAN_TABLE = "temp.import_plan";

/** Problems kept for the report; past this many only the count grows. */
const KEPT_PROBLEMS = 1_000;

/**
 * Validates rows a batch at a time and compares them with the database, collecting every
 * problem rather than stopping at the first, so the analyst fixes the file in one pass.
 * Reads the database only: what it learns goes to temporary tables of its connection (a
 * file in the temporary directory, not memory), so a file of any length is planned in
 * flat memory, and the writer reads the plan back from the same connection.
 *
 * - `import_plan`: one row per record that parsed, its action, the validated record as
 *   JSON, and the keys the duplicate checks compare (its id, and the fact it states);
 * - `import_refs`: references to organizations or sources not in the database, settled
 *   at the end against the ones the file itself adds (a deal may name a company from a
 *   later row);
 * - `import_problems`: the problems found with a row against the database (a twin already
 *   there, a locator past a source's end), kept until finish() knows which rows repeat an id.
 *
 * The duplicate checks inside the file are set-based, in finish(): one pass over the plan
 * per key instead of a lookup and an insert in a temporary B-tree per row (most of the
 * planning's SQLite time on a large file: tests/perf/README.md, import12). A plan with any
 * problem is never written, so the rows it refuses may stay in it.
 */
export class ImportPlanner {
  /** Problems with a row's cells (parseRow), found as the file streams by: the first KEPT_PROBLEMS. */
  private problems: ImportProblem[] = [];
  private problemCount = 0;
  private seen = 0;
  /** Planned actions of the rows not refused so far; exact for a plan without problems, the only one written. */
  private readonly counts: Record<Action, number> = { insert: 0, update: 0, unchanged: 0 };
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      DROP TABLE IF EXISTS temp.import_plan; DROP TABLE IF EXISTS temp.import_refs; DROP TABLE IF EXISTS temp.import_problems;
      DROP TABLE IF EXISTS temp.import_id_dups; DROP TABLE IF EXISTS temp.import_natural_dups;
      CREATE TEMP TABLE import_plan (row INTEGER PRIMARY KEY, type_order INTEGER NOT NULL, type TEXT NOT NULL,
        key TEXT NOT NULL, action TEXT NOT NULL, fields TEXT NOT NULL, detail TEXT, record TEXT NOT NULL,
        id_key TEXT NOT NULL, natural TEXT, twin INTEGER NOT NULL);
      CREATE TEMP TABLE import_refs (row INTEGER NOT NULL, col TEXT NOT NULL, record TEXT, kind TEXT NOT NULL, slug TEXT NOT NULL, message TEXT NOT NULL);
      CREATE TEMP TABLE import_problems (row INTEGER NOT NULL, col TEXT, record TEXT, message TEXT NOT NULL);
    `);
    this.stmts = {
      ref: db.prepare("INSERT INTO temp.import_refs (row, col, record, kind, slug, message) VALUES (?, ?, ?, ?, ?, ?)"),
      problem: db.prepare("INSERT INTO temp.import_problems (row, col, record, message) VALUES (?, ?, ?, ?)"),
      position: db.prepare("SELECT layer, segment, relationship, status, kind, merged_into_id, since, note FROM positions WHERE organization_id = ?"),
      // A record's lists, as the file states them, for an update's comparison: the write
      // replaces them with the file's, so a list that differs is a changed field like any column.
      aliases: db.prepare("SELECT alias FROM organization_aliases WHERE organization_id = ? ORDER BY alias").pluck(),
      coInvestors: db.prepare("SELECT o.slug FROM deal_co_investors c JOIN organizations o ON o.id = c.organization_id WHERE c.deal_id = ? ORDER BY o.slug").pluck(),
      terms: db.prepare("SELECT term FROM deal_terms WHERE deal_id = ? ORDER BY sort_order").pluck(),
      plan: db.prepare(`INSERT INTO ${PLAN_TABLE} (type_order, row, type, key, action, fields, detail, record, id_key, natural, twin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  private problem(p: ImportProblem): void {
    this.problemCount++;
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push(p);
  }

  /**
   * Plans one batch of rows (in file order), in one transaction: it writes only temporary
   * tables, so it takes no lock on the database, and it commits the staging file once per
   * batch instead of once per row.
   */
  addBatch(rows: RawRow[]): void {
    this.db.transaction(() => this.plan(rows))();
  }

  private plan(rows: RawRow[]): void {
    const { db, stmts } = this;
    const parsed: { row: number; record: ImportRecord }[] = [];
    for (const raw of rows) {
      const { record, problems: cellProblems } = parseRow(raw.cells);
      const key = raw.cells.id?.trim() || null;
      for (const p of cellProblems) this.problem({ row: raw.row, column: p.column, record: key, message: p.message });
      if (!record) continue;
      parsed.push({ row: raw.row, record });
    }
    this.seen += rows.length;

    // Every database lookup is batched: one statement per kind of question over all the
    // keys this batch needs (json_each), instead of several queries per row.
    const lookups = lookupsFor(db, parsed.map((p) => p.record));
    const orgId = (slug: string) => lookups.orgIds.get(slug) ?? null;
    const citationsBy = new Map<string, Database.Statement>();

    for (const { row, record } of parsed) {
      // Kept with the row until finish(): a row that repeats an earlier id is reported for that alone.
      const push = (column: string | null, message: string) => stmts.problem.run(row, column, record.key, message);
      const plan = (action: Action, fields: string[], natural: string | null, twin: boolean, detail: string[] = []) =>
        stmts.plan.run(TYPE_ORDER[record.type], row, record.type, record.key, action, fields.join(","), detail.length ? JSON.stringify(detail) : null, JSON.stringify(record), `${record.type}:${record.key}`, natural, twin ? 1 : 0);
      // References to organizations and sources not in the database may still be added by
      // the file, before or after this row: settled in finish().
      const org = (column: string, slug: string, message: string) => {
        if (orgId(slug) === null) stmts.ref.run(row, column, record.key, "organization", slug, message);
      };
      if (record.type === "deal" || record.type === "financial" || record.type === "spending") {
        org("organization", record.value.organization, `unknown organization "${record.value.organization}": add an organization row first, or use an existing slug`);
      }
      if (record.type === "organization" && record.position?.mergedInto) {
        org("merged_into", record.position.mergedInto, `unknown organization "${record.position.mergedInto}"`);
      }
      if (record.type === "deal") {
        org("investor", record.value.investor, `unknown organization "${record.value.investor}"`);
        for (const co of record.value.coInvestors) org("co_investors", co, `unknown organization "${co}"`);
      }
      for (const c of citationsOf(record)) {
        const src = lookups.sources.get(c.source);
        if (!src) {
          stmts.ref.run(row, "sources", record.key, "source", c.source, `unknown source "${c.source}": add a source row first, or use an existing source slug`);
        } else if (src.paragraph_count && Number(c.locator.slice(1).split("-").at(-1)) > src.paragraph_count) {
          push("sources", `${c.locator} is past the end of "${c.source}" (${src.paragraph_count} paragraphs)`);
        }
      }

      const before = lookups.existing[record.type].get(record.key);

      // A different id for a fact already in the database (or earlier in the file) is a duplicate, not an update.
      let twin: string | undefined;
      let natural: string;
      if (record.type === "source") {
        twin = lookups.sourceByTitle(record.value.title);
        natural = `source:${record.value.title.toLowerCase()}`;
      } else if (record.type === "organization") {
        for (const name of [record.value.name, ...record.value.aliases]) {
          const owners = lookups.orgsByName(name).filter((s) => s !== record.key);
          if (owners.length) {
            twin = owners[0];
            break;
          }
        }
        natural = `organization:${record.value.name.toLowerCase()}`;
      } else if (record.type === "deal") {
        const v = record.value;
        twin = lookups.twins.get(record);
        natural = `deal:${v.organization}|${v.investor}|${v.kind}|${v.date}|${v.amount}`;
      } else if (record.type === "financial") {
        const v = record.value;
        twin = lookups.twins.get(record);
        natural = `financial:${v.organization}|${v.metric}|${v.periodLabel}|${v.value}|${v.unit}`;
      } else {
        const v = record.value;
        twin = lookups.twins.get(record);
        natural = `spending:${v.organization}|${v.kind}|${v.scope}|${v.periodStart}|${v.periodEnd}`;
      }
      if (twin && twin !== record.key) {
        push("id", `duplicates ${record.type} "${twin}" already in the database; to change it, use id "${twin}"`);
        // In the plan only for its id: a later row with the same id repeats it.
        plan("insert", [], null, true);
        continue;
      }

      let action: Action = "insert";
      let fields: string[] = [];
      const detail: string[] = [];
      // A list the row states anew replaces the stored one (applyPlan): a changed list is a
      // changed field, and what it loses is said before the write, not found after it.
      const list = (field: string, had: string[], want: readonly string[], ordered: boolean) => {
        const now = ordered ? [...want] : [...new Set(want)].sort();
        if (JSON.stringify(had) === JSON.stringify(now)) return;
        fields.push(field);
        const drops = had.filter((x) => !now.includes(x));
        const adds = now.filter((x) => !had.includes(x));
        const parts = [...(drops.length ? [`drops ${drops.join("; ")}`] : []), ...(adds.length ? [`adds ${adds.join("; ")}`] : [])];
        detail.push(`${field}: ${parts.length ? parts.join(", ") : "same items, new order"}`);
      };
      if (before) {
        const after = columnsOf(record, orgId);
        fields = Object.keys(after).filter((k) => after[k] !== before[k]);
        const column = CITED_BY[record.type];
        if (column) {
          // Only records already in the database get here: usually a handful, so one query each.
          let stmt = citationsBy.get(column);
          if (!stmt) {
            stmt = db.prepare(`SELECT s.slug AS source, c.locator FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.${column} = ? ORDER BY c.id`);
            citationsBy.set(column, stmt);
          }
          const cite = (c: { source: string; locator: string }) => `${c.source} ${c.locator}`;
          list("sources", (stmt.all(before.id as number) as { source: string; locator: string }[]).map(cite), citationsOf(record).map(cite), true);
        }
        // Aliases and co-investors are sets (stored without an order); terms keep the file's order.
        if (record.type === "organization") list("aliases", stmts.aliases.all(before.id) as string[], record.value.aliases, false);
        if (record.type === "deal") {
          list("co_investors", stmts.coInvestors.all(before.id) as string[], record.value.coInvestors, false);
          list("terms", stmts.terms.all(before.id) as string[], record.value.terms, true);
        }
        // A company's position is written with it: a change of layer, status… is an update too.
        if (record.type === "organization" && record.position) {
          const p = record.position;
          const had = stmts.position.get(before.id as number) as Row | undefined;
          const want: Row = {
            layer: p.layer, segment: p.segment, relationship: p.relationship, status: p.status, kind: p.kind,
            merged_into_id: p.mergedInto === null ? null : orgId(p.mergedInto), since: p.since, note: p.note ?? null,
          };
          if (!had || Object.keys(want).some((k) => String(want[k] ?? "") !== String(had[k] ?? ""))) fields.push("position");
        }
        action = fields.length ? "update" : "unchanged";
      }
      this.counts[action]++;
      plan(action, fields, natural, false, detail);
    }
  }

  /** How many records the plan adds, updates and leaves unchanged (after finish(); exact when it has no problems). */
  get actionCounts(): Readonly<Record<Action, number>> {
    return this.counts;
  }

  /** Rows planned so far (progress). */
  get rowsSeen(): number {
    return this.seen;
  }

  /**
   * Settles the references the file itself may satisfy, and returns the problems (the
   * first KEPT_PROBLEMS, in row order), their total, and the counts of each action.
   */
  finish(): { problems: ImportProblem[]; problemCount: number; counts: Record<Action, number> } {
    const { db } = this;
    // A repeated id: every row after the first with it (window functions, one sort of the
    // keys). The rows that repeat no id and are no twin of a record already in the
    // database then state each fact once: every row after the first that states it again.
    db.exec(`
      CREATE TEMP TABLE import_id_dups AS SELECT row, type, key, first FROM (
        SELECT row, type, key, min(row) OVER (PARTITION BY id_key) AS first FROM ${PLAN_TABLE}) WHERE row > first;
      CREATE TEMP TABLE import_natural_dups AS SELECT row, type, key, first FROM (
        SELECT row, type, key, min(row) OVER (PARTITION BY natural) AS first FROM ${PLAN_TABLE}
        WHERE twin = 0 AND row NOT IN (SELECT row FROM temp.import_id_dups)) WHERE row > first;
    `);
    // In the order the checks run on a row: a repeated id alone, else the row's own
    // problems (locators, a twin), then a repeated fact.
    const rowProblems = `
      SELECT row, 0 AS k, 0 AS seq, 'id' AS col, key AS record, 'the same ' || type || ' id as row ' || first || '; give each record once' AS message
      FROM temp.import_id_dups
      UNION ALL SELECT row, 1, rowid, col, record, message FROM temp.import_problems WHERE row NOT IN (SELECT row FROM temp.import_id_dups)
      UNION ALL SELECT row, 2, 0, 'id', key, 'states the same ' || type || ' as row ' || first FROM temp.import_natural_dups`;
    const found = db.prepare(`SELECT row, col, record, message FROM (${rowProblems}) ORDER BY row, k, seq LIMIT ${KEPT_PROBLEMS}`).all() as Unresolved[];
    const foundCount = db.prepare(`SELECT count(*) FROM (${rowProblems})`).pluck().get() as number;
    // The cells' problems and these, each in row order, merged as one pass over the file
    // would have found them (a row has either kind, never both), the first KEPT_PROBLEMS kept.
    const streamed = [...this.problems, ...found.map((u) => ({ row: u.row, column: u.col, record: u.record, message: u.message }))];
    this.problems = streamed.sort((x, y) => (x.row ?? 0) - (y.row ?? 0)).slice(0, KEPT_PROBLEMS);
    this.problemCount += foundCount;

    // References settle against the ids of every row that parsed and repeats no earlier id.
    const refs = db.prepare("SELECT count(*) FROM temp.import_refs").pluck().get() as number;
    if (refs) {
      db.exec(`CREATE INDEX temp.import_plan_id ON import_plan (id_key)`);
      const open = `FROM temp.import_refs r WHERE NOT EXISTS (SELECT 1 FROM ${PLAN_TABLE} i WHERE i.id_key = r.kind || ':' || r.slug)
        AND r.row NOT IN (SELECT row FROM temp.import_id_dups)`;
      const unresolved = db.prepare(`SELECT row, col, record, message ${open} ORDER BY row LIMIT ${KEPT_PROBLEMS}`).all() as Unresolved[];
      const total = db.prepare(`SELECT count(*) ${open}`).pluck().get() as number;
      for (const u of unresolved) this.problem({ row: u.row, column: u.col, record: u.record, message: u.message });
      this.problemCount += total - unresolved.length;
    }
    const problems = this.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    // The writer reads the plan in this order: sources, organizations, then what cites them.
    db.exec("CREATE INDEX temp.import_plan_order ON import_plan (type_order, row, action)");
    return { problems, problemCount: this.problemCount, counts: { ...this.counts } };
  }

  /**
   * The sources the file adds or changes without a published date, with their rows. Their
   * facts count from no day: past views, /changes and the feeds leave them out, which an
   * editor should hear before the import rather than notice after it.
   */
  undatedSources(): { key: string; row: number }[] {
    return this.db
      .prepare(
        `SELECT key, row FROM ${PLAN_TABLE} WHERE type_order = ${TYPE_ORDER.source} AND action <> 'unchanged'
         AND record ->> '$.value.publishedDate' IS NULL ORDER BY row`,
      )
      .all() as { key: string; row: number }[];
  }

  /**
   * Planned changes other than "unchanged", in write order, `limit` at a time after `after`;
   * `withoutNewDeals` leaves out the new deals, which the writer inserts set-based (applyPlan).
   */
  changes(after: { typeOrder: number; row: number } | null, limit: number, withUnchanged = false, withoutNewDeals = false): PlannedChange[] {
    const rows = this.db
      .prepare(
        `SELECT type_order, row, type, key, action, fields, detail, record FROM ${PLAN_TABLE}
         WHERE (type_order, row) > (?, ?) ${withUnchanged ? "" : "AND action <> 'unchanged'"}
         ${withoutNewDeals ? `AND NOT (type_order = ${TYPE_ORDER.deal} AND action = 'insert')` : ""} ORDER BY type_order, row LIMIT ?`,
      )
      .all(after?.typeOrder ?? -1, after?.row ?? -1, limit) as { type_order: number; row: number; type: RecordType; key: string; action: Action; fields: string; detail: string | null; record: string }[];
    return rows.map((r) => ({
      row: r.row,
      type: r.type,
      key: r.key,
      action: r.action,
      fields: r.fields ? r.fields.split(",") : [],
      detail: r.detail ? (JSON.parse(r.detail) as string[]) : [],
      record: JSON.parse(r.record) as ImportRecord,
    }));
  }
}

interface Unresolved {
  row: number;
  col: string | null;
  record: string | null;
  message: string;
}

interface Lookups {
  orgIds: Map<string, number>;
  sources: Map<string, { id: number; paragraph_count: number | null }>;
  existing: Record<RecordType, Map<string, Row>>;
  /** Slugs of organizations whose name or alias is `name` (case-insensitive as SQLite's lower()), sorted like the UNION it replaces. */
  orgsByName: (name: string) => string[];
  sourceByTitle: (title: string) => string | undefined;
  /** For a deal, figure or spending row: the slug of the same fact already in the database. */
  twins: Map<ImportRecord, string>;
}

/** All the database facts the planner needs about these records, in a few set-based queries. */
function lookupsFor(db: Database.Database, records: ImportRecord[]): Lookups {
  // `uses` = how many times the statement names the list (better-sqlite3 binds ?1 only by name).
  const all = <T>(sql: string, values: unknown[], uses = 1): T[] =>
    values.length ? (db.prepare(sql).all(...Array<string>(uses).fill(JSON.stringify(values))) as T[]) : [];
  const IN = "IN (SELECT value FROM json_each(?))";

  const orgSlugs = new Set<string>();
  const sourceSlugs = new Set<string>();
  const keys: Record<RecordType, string[]> = { source: [], organization: [], deal: [], financial: [], spending: [] };
  const names = new Set<string>();
  const titles = new Set<string>();
  for (const r of records) {
    keys[r.type].push(r.key);
    if (r.type === "source") titles.add(r.value.title);
    else {
      for (const c of r.value.citations) sourceSlugs.add(c.source);
      if (r.type === "organization") {
        for (const n of [r.value.name, ...r.value.aliases]) names.add(n);
        if (r.position?.mergedInto) orgSlugs.add(r.position.mergedInto);
      } else orgSlugs.add(r.value.organization);
      if (r.type === "deal") {
        orgSlugs.add(r.value.investor);
        for (const co of r.value.coInvestors) orgSlugs.add(co);
      }
    }
  }

  const orgIds = new Map(all<{ slug: string; id: number }>(`SELECT slug, id FROM organizations WHERE slug ${IN}`, [...orgSlugs]).map((r) => [r.slug, r.id]));
  const sources = new Map(
    all<{ slug: string; id: number; paragraph_count: number | null }>(`SELECT slug, id, paragraph_count FROM sources WHERE slug ${IN}`, [...sourceSlugs]).map(
      (r) => [r.slug, { id: r.id, paragraph_count: r.paragraph_count }],
    ),
  );
  const existing = Object.fromEntries(
    (Object.keys(TABLE) as RecordType[]).map((t) => [t, new Map(all<Row>(`SELECT * FROM ${TABLE[t]} WHERE slug ${IN}`, keys[t]).map((r) => [r.slug as string, r]))]),
  ) as Record<RecordType, Map<string, Row>>;

  // Case-folding stays in SQL (its lower() folds ASCII only), so a name matches exactly what it matched before.
  const folded = (values: Set<string>) =>
    new Map(all<{ q: string; k: string }>("SELECT value AS q, lower(value) AS k FROM json_each(?)", [...values]).map((r) => [r.q, r.k]));
  const nameKeys = folded(names);
  const owners = new Map<string, Set<string>>();
  for (const r of all<{ k: string; slug: string }>(
    `SELECT lower(o.name) AS k, o.slug FROM organizations o WHERE lower(o.name) IN (SELECT lower(value) FROM json_each(?))
     UNION ALL SELECT lower(a.alias), o.slug FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id
     WHERE lower(a.alias) IN (SELECT lower(value) FROM json_each(?))`,
    [...names],
    2,
  )) {
    let set = owners.get(r.k);
    if (!set) owners.set(r.k, (set = new Set()));
    set.add(r.slug);
  }
  const titleKeys = folded(titles);
  const titleOwner = new Map<string, string>();
  for (const r of all<{ k: string; slug: string }>(
    "SELECT lower(title) AS k, slug FROM sources WHERE lower(title) IN (SELECT lower(value) FROM json_each(?)) ORDER BY id",
    [...titles],
  )) {
    if (!titleOwner.has(r.k)) titleOwner.set(r.k, r.slug);
  }

  // Same fact, other id: each row's natural key probed through the table's index, first match by id.
  const twins = new Map<ImportRecord, string>();
  const probe = (type: RecordType, sql: string, key: (r: ImportRecord) => unknown[] | null) => {
    const pairs: { record: ImportRecord; key: unknown[] }[] = [];
    for (const r of records) {
      if (r.type !== type) continue;
      const k = key(r);
      if (k) pairs.push({ record: r, key: k });
    }
    // In organization order the index probes walk the index forwards instead of jumping
    // around it: about a third less work on a million deals.
    pairs.sort((a, b) => (a.key[0] as number) - (b.key[0] as number));
    const batch = pairs.map((p) => p.record);
    const values = pairs.map((p) => p.key);
    for (const row of all<{ i: number; slug: string }>(sql, values)) {
      const r = batch[row.i]!;
      if (!twins.has(r)) twins.set(r, row.slug);
    }
  };
  const id = (slug: string) => orgIds.get(slug);
  // A deal's twin has the same date, so the same sort date (sortDateOf, as every writer
  // stores it): the probe seeks (company, undated, day) in deals_organization_timeline_idx,
  // a few rows even for a company with 300,000 deals. The unary pluses keep SQLite off the
  // investor's and the kind's timeline indexes, as good a match to it for the planner but
  // holding many deals a day (Alibaba invests in most deals).
  probe(
    "deal",
    `SELECT j.key AS i, d.slug FROM json_each(?) j JOIN deals d ON d.organization_id = j.value ->> 0
     AND (d.sort_date IS NULL) = (j.value ->> 5 IS NULL) AND d.sort_date IS j.value ->> 5 AND +d.investor_id = j.value ->> 1
     AND +d.kind = j.value ->> 2 AND d.date IS j.value ->> 3 AND d.amount IS j.value ->> 4 ORDER BY j.key, d.id`,
    (r) =>
      r.type === "deal" && id(r.value.organization) && id(r.value.investor)
        ? [id(r.value.organization), id(r.value.investor), r.value.kind, r.value.date, r.value.amount, sortDateOf(r.value.date)]
        : null,
  );
  probe(
    "financial",
    `SELECT j.key AS i, f.slug FROM json_each(?) j JOIN financials f ON f.organization_id = j.value ->> 0 AND f.metric = j.value ->> 1
     AND f.period_label = j.value ->> 2 AND f.value = j.value ->> 3 AND f.unit = j.value ->> 4 ORDER BY j.key, f.id`,
    (r) => (r.type === "financial" && id(r.value.organization) ? [id(r.value.organization), r.value.metric, r.value.periodLabel, r.value.value, r.value.unit] : null),
  );
  probe(
    "spending",
    `SELECT j.key AS i, s.slug FROM json_each(?) j JOIN spending s ON s.organization_id = j.value ->> 0 AND s.kind = j.value ->> 1
     AND s.scope = j.value ->> 2 AND s.period_start = j.value ->> 3 AND s.period_end = j.value ->> 4 ORDER BY j.key, s.id`,
    (r) => (r.type === "spending" && id(r.value.organization) ? [id(r.value.organization), r.value.kind, r.value.scope, r.value.periodStart, r.value.periodEnd] : null),
  );

  return {
    orgIds,
    sources,
    existing,
    orgsByName: (name) => [...(owners.get(nameKeys.get(name) ?? "") ?? [])].sort(),
    sourceByTitle: (title) => titleOwner.get(titleKeys.get(title) ?? ""),
    twins,
  };
}
