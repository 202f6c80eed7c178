import type Database from "better-sqlite3";
import { writeDataVersion } from "../connection";
import { reindexRecords } from "../search-index";
import { sortDateOf } from "../seed";
import { SUMMARY_SCOPE, withSummariesSetBased } from "../summaries";
import { citationsOf, columnsOf, type ImportPlanner, PLAN_TABLE, type PlannedChange, TYPE_ORDER } from "./plan";
import { recordRevision, type RevisionInfo } from "./revision";

export interface ApplyResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Planned rows read back and written at a time: one prepared-statement batch. */
const WRITE_BATCH = 5_000;

/**
 * Writes a validated plan in one transaction: all of it or, on any error (or a killed
 * process), none of it. The plan is read back from the planner's staging table a batch at
 * a time, so memory stays flat in the file's size. Rows are upserted by their slug; a record's aliases, co-investors,
 * terms and citations are replaced by the file's, since the file states the fact anew.
 *
 * Foreign keys are deferred to COMMIT: SQLite still counts every broken reference as rows
 * are written, and refuses the COMMIT if any remain, so nothing checks the whole database
 * afterwards. Deferring also spares each INSERT a statement journal (an immediate foreign
 * key makes SQLite copy every page a statement touches, in case it must undo just that
 * statement): that copying was most of the write time on a large database.
 */
/**
 * The summary tables are kept set-based, not by their triggers (withSummariesSetBased):
 * the records the plan writes are taken out of the counts before and counted again after.
 *
 * `onRow` runs after each written row, inside the transaction (progress output, and the crash test's pause).
 */
export function applyPlan(
  db: Database.Database,
  planner: ImportPlanner,
  onRow?: (done: number) => void,
  revision?: RevisionInfo,
  onPhase?: (phase: string) => void,
): ApplyResult {
  db.pragma("foreign_keys = ON");
  // The pages a large import touches (a million-deal database has ~280 MB of deal
  // indexes, much of it touched) stay in the cache up to 64 MB; past it SQLite writes them
  // to the WAL early and reads them back. A bound, so the import's memory (under 400 MB for
  // 300,000 rows, tests/perf/README.md) does not grow with the database or the file. At
  // 96 MB the same import peaked anywhere from 334 to 392 MiB, too close to that budget;
  // at 64 MB 323-335 MiB, for about 2 s more of its ~50 (session 20).
  db.pragma("cache_size = -65536");

  // Ids of the organizations and sources each batch names, in two indexed lookups per
  // batch (records the file adds are in the database by the time a later batch asks).
  const orgCache = new Map<string, number>();
  const sourceCache = new Map<string, number>();
  const load = (table: string, slugs: Set<string>, into: Map<string, number>) => {
    into.clear();
    if (!slugs.size) return;
    const rows = db.prepare(`SELECT slug, id FROM ${table} WHERE slug IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...slugs]));
    for (const { slug, id } of rows as { slug: string; id: number }[]) into.set(slug, id);
  };
  const loadFor = (changes: PlannedChange[]) => {
    const orgSlugs = new Set<string>();
    const sourceSlugs = new Set<string>();
    for (const { record: r } of changes) {
      for (const c of citationsOf(r)) sourceSlugs.add(c.source);
      if (r.type === "deal") [r.value.organization, r.value.investor, ...r.value.coInvestors].forEach((o) => orgSlugs.add(o));
      else if (r.type === "financial" || r.type === "spending") orgSlugs.add(r.value.organization);
      else if (r.type === "organization" && r.position?.mergedInto) orgSlugs.add(r.position.mergedInto);
    }
    load("organizations", orgSlugs, orgCache);
    load("sources", sourceSlugs, sourceCache);
  };
  const orgId = (slug: string) => {
    const id = orgCache.get(slug);
    if (id === undefined) throw new Error(`organization "${slug}" vanished during the import`);
    return id;
  };
  const sourceId = (slug: string) => {
    const id = sourceCache.get(slug);
    if (id === undefined) throw new Error(`source "${slug}" vanished during the import`);
    return id;
  };

  // Prepared once per statement text; better-sqlite3 statements are cheap to reuse.
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const upsert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    const conflict = table === "positions" ? "organization_id" : "slug";
    return stmt(
      `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
       ON CONFLICT(${conflict}) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(", ")}
       RETURNING id`,
    ).get(...cols.map((c) => row[c])) as { id: number };
  };
  // A new record: a plain one-row INSERT (no conflict clause, no RETURNING); its id is the new rowid.
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    const info = stmt(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    return { id: Number(info.lastInsertRowid) };
  };
  // A new record has no children yet (AUTOINCREMENT never reuses an id), so only an update deletes them first.
  const replaceCitations = (column: string, id: number, change: PlannedChange, isNew: boolean) => {
    if (!isNew) stmt(`DELETE FROM citations WHERE ${column} = ?`).run(id);
    for (const c of citationsOf(change.record)) {
      stmt(`INSERT INTO citations (source_id, locator, ${column}) VALUES (?, ?, ?)`).run(sourceId(c.source), c.locator, id);
    }
  };

  const result: ApplyResult = { inserted: 0, updated: 0, unchanged: 0 };
  const touched = { organizations: [] as number[], deals: [] as number[], sources: [] as number[] };
  let done = 0;
  const writeOne = (change: PlannedChange) => {
    const isNew = change.action === "insert";
    const put = isNew ? insert : upsert;
    const r = change.record;
    const cols = columnsOf(r, orgId);
    switch (r.type) {
      case "source": {
        const { id } = put("sources", { slug: r.key, ...cols });
        sourceCache.set(r.key, id);
        touched.sources.push(id);
        break;
      }
      case "organization": {
        const { id } = put("organizations", { slug: r.key, ...cols });
        orgCache.set(r.key, id);
        touched.organizations.push(id);
        if (!isNew) stmt("DELETE FROM organization_aliases WHERE organization_id = ?").run(id);
        for (const alias of r.value.aliases) stmt("INSERT INTO organization_aliases (organization_id, alias) VALUES (?, ?)").run(id, alias);
        replaceCitations("organization_id", id, change, isNew);
        if (r.position) {
          const p = r.position;
          const pos = upsert("positions", {
            organization_id: id, layer: p.layer, segment: p.segment, relationship: p.relationship, status: p.status,
            kind: p.kind, merged_into_id: p.mergedInto === null ? null : orgId(p.mergedInto),
            since: p.since, note: p.note ?? null,
          });
          replaceCitations("position_id", pos.id, change, false);
        }
        break;
      }
      case "deal": {
        const { id } = put("deals", { slug: r.key, ...cols, sort_date: sortDateOf(r.value.date) });
        touched.deals.push(id);
        if (!isNew) stmt("DELETE FROM deal_co_investors WHERE deal_id = ?").run(id);
        for (const co of r.value.coInvestors) stmt("INSERT INTO deal_co_investors (deal_id, organization_id) VALUES (?, ?)").run(id, orgId(co));
        if (!isNew) stmt("DELETE FROM deal_terms WHERE deal_id = ?").run(id);
        r.value.terms.forEach((term, j) => stmt("INSERT INTO deal_terms (deal_id, sort_order, term) VALUES (?, ?, ?)").run(id, j, term));
        replaceCitations("deal_id", id, change, isNew);
        break;
      }
      case "financial": {
        const { id } = put("financials", { slug: r.key, ...cols });
        replaceCitations("financial_id", id, change, isNew);
        break;
      }
      case "spending": {
        const { id } = put("spending", { slug: r.key, ...cols });
        replaceCitations("spending_id", id, change, isNew);
        break;
      }
    }
    if (isNew) result.inserted++;
    else result.updated++;
    onRow?.(++done);
  };
  // What the plan writes, by id, for the summaries (see withSummariesSetBased): before the
  // write the rows it will update, after it every row it wrote (new deals by their id range).
  // Each list reads the plan's rows of one type through its order index (type_order, row),
  // not the whole plan: on a large file a scan of it reads every staged record.
  const scope = () => {
    db.exec(`
      INSERT OR IGNORE INTO ${SUMMARY_SCOPE} (kind, id)
      SELECT 'organization', o.id FROM ${PLAN_TABLE} s JOIN organizations o ON o.slug = s.key WHERE s.type_order = ${TYPE_ORDER.organization} AND s.action <> 'unchanged';
      INSERT OR IGNORE INTO ${SUMMARY_SCOPE} (kind, id)
      SELECT 'position', o.id FROM ${PLAN_TABLE} s JOIN organizations o ON o.slug = s.key
      WHERE s.type_order = ${TYPE_ORDER.organization} AND s.action <> 'unchanged' AND s.record ->> '$.position' IS NOT NULL;
      ${(["deal", "financial", "spending"] as const)
        .map(
          (t) => `INSERT OR IGNORE INTO ${SUMMARY_SCOPE} (kind, id)
      SELECT '${t}', x.id FROM ${PLAN_TABLE} s JOIN ${t === "deal" ? "deals" : t === "financial" ? "financials" : "spending"} x ON x.slug = s.key
      WHERE s.type_order = ${TYPE_ORDER[t]} AND s.action ${t === "deal" ? "= 'update'" : "<> 'unchanged'"};`,
        )
        .join("\n")}
      INSERT OR IGNORE INTO ${SUMMARY_SCOPE} (kind, id) SELECT 'deal', id FROM deals WHERE id > ${lastDealId};
    `);
  };
  // New deals (what a large import mostly is) go in set-based, straight from the staged
  // plan: one INSERT … SELECT per table and per chunk of rows, instead of a statement per
  // row and per child row from JavaScript. Their ids are the ones above lastDealId, read
  // inside the transaction (write), where no other writer can add a deal.
  let lastDealId = Number.MAX_SAFE_INTEGER;
  const bulk = bulkDealInserts(db);
  const writeNewDeals = () => {
    for (let from = 0; ; ) {
      const to = bulk.chunkEnd(from);
      if (to === null) break;
      const n = bulk.write(from, to);
      result.inserted += n;
      done += n;
      onRow?.(done);
      from = to;
    }
  };
  const write = () => {
    lastDealId = db.prepare("SELECT coalesce(max(id), 0) FROM deals").pluck().get() as number;
    withSummariesSetBased(db, scope, () => {
      let after: { typeOrder: number; row: number } | null = null;
      let newDealsWritten = false;
      for (;;) {
        const batch = planner.changes(after, WRITE_BATCH, false, true);
        // Sources and organizations first: the new deals name them.
        const firstLater = batch.findIndex((c) => TYPE_ORDER[c.type] >= TYPE_ORDER.deal);
        if (!newDealsWritten && firstLater !== -1) {
          loadFor(batch.slice(0, firstLater));
          for (const change of batch.slice(0, firstLater)) writeOne(change);
          writeNewDeals();
          newDealsWritten = true;
          const rest = batch.slice(firstLater);
          loadFor(rest);
          for (const change of rest) writeOne(change);
        } else {
          loadFor(batch);
          for (const change of batch) writeOne(change);
        }
        if (batch.length < WRITE_BATCH) break;
        const last = batch.at(-1)!;
        after = { typeOrder: TYPE_ORDER[last.type], row: last.row };
      }
      if (!newDealsWritten) writeNewDeals();
      onPhase?.("rows written");
    });
    onPhase?.("summaries counted");
    result.unchanged = planner.actionCounts.unchanged;
    // A newer imported article moves the "data as of" date forward.
    db.prepare(
      `INSERT INTO meta (key, value) SELECT 'data_as_of', max(published_date) FROM sources WHERE published_date IS NOT NULL
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ).run();
    // Committed with the rows: the server's validators (ETags) change exactly when the data does.
    writeDataVersion(db);
    reindexRecords(db, touched, lastDealId);
    onPhase?.("search index updated");
    if (revision) recordRevision(db, revision, planner.actionCounts);
  };

  db.exec("BEGIN IMMEDIATE");
  try {
    // Reset by SQLite at every COMMIT and ROLLBACK, so it applies to this transaction only.
    db.pragma("defer_foreign_keys = ON");
    write();
    try {
      db.exec("COMMIT");
      onPhase?.("committed");
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
        throw new Error(`the import would break a reference (${(err as Error).message})`);
      }
      throw err;
    }
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw err;
  }
  return result;
}

/**
 * The new deals of the staged plan (action "insert"), written set-based a chunk of file rows
 * at a time: the deal rows, then their co-investors, terms and citations, in file order (so
 * ids follow the file as a row-by-row write would give them). A name that does not resolve
 * (an organization or source gone since planning) leaves a NULL in a NOT NULL column, and
 * SQLite refuses the statement: the import rolls back rather than drop the row.
 */
function bulkDealInserts(db: Database.Database) {
  const CHUNK = 50_000;
  const isNew = (p: string) => `${p}.type_order = ${TYPE_ORDER.deal} AND ${p}.action = 'insert' AND ${p}.row > @from AND ${p}.row <= @to`;
  // The staged deals of the chunk, each with one of its lists (staged as a small JSON array,
  // NULL when empty: such a deal costs nothing here). Its id is the one it was written with;
  // neither the plan's whole records nor the deal table's slug index are read again.
  const eachOf = (list: string, join = "") =>
    `FROM temp.import_new_deals d CROSS JOIN json_each(d.${list}) x ${join} ORDER BY d.row, x.key`;
  // The record's fields as applyPlan's row-by-row path writes them (columnsOf); the sort
  // date through the same sortDateOf, so the rule lives in one place.
  db.function("sort_date_of", { deterministic: true }, (date: unknown) => sortDateOf(typeof date === "string" ? date : null));
  // The chunk's deal rows are first read out of their JSON into a temporary table, then
  // inserted from it: the same rows, but SQLite then adds them to the deal table and its
  // indexes in one tight pass. Measured on 50,000 deals into the synthetic database
  // (alternating, same process): 4.7 s of CPU against 5.4 s for one INSERT … SELECT that
  // reads the JSON as it inserts (tests/perf/README.md, import9).
  const DEAL_COLUMNS = `slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status,
      amount, currency, qualifier, stake_percent, description`;
  // Each staged deal keeps its plan row, is given the id AUTOINCREMENT would give it
  // (after the largest id ever used, in file order), and its lists, so they are written
  // from here.
  db.exec(`DROP TABLE IF EXISTS temp.import_new_deals;
    CREATE TEMP TABLE import_new_deals (row INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE,
      ${DEAL_COLUMNS}, co_investors, terms, citations)`);
  const stage = db.prepare(`
    INSERT INTO temp.import_new_deals (row, id, ${DEAL_COLUMNS}, co_investors, terms, citations)
    SELECT p.row, (SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'deals'), 0), coalesce((SELECT max(id) FROM deals), 0)))
        + row_number() OVER (ORDER BY p.row),
      p.key, o.id, i.id, p.v ->> 'date', p.v ->> 'datePrecision', p.v ->> 'dateQualifier',
      sort_date_of(p.v ->> 'date'),
      p.v ->> 'kind', p.v ->> 'status', p.v ->> 'amount', p.v ->> 'currency', p.v ->> 'qualifier', p.v ->> 'stakePercent', p.v ->> 'description',
      nullif(p.v -> 'coInvestors', '[]'), nullif(p.v -> 'terms', '[]'), nullif(p.v -> 'citations', '[]')
    FROM (SELECT row, key, record -> '$.value' AS v FROM ${PLAN_TABLE} p WHERE ${isNew("p")}) p
    LEFT JOIN organizations o ON o.slug = p.v ->> 'organization' LEFT JOIN organizations i ON i.slug = p.v ->> 'investor'
    ORDER BY p.row`);
  const deals = db.prepare(`INSERT INTO deals (id, ${DEAL_COLUMNS}) SELECT id, ${DEAL_COLUMNS} FROM temp.import_new_deals ORDER BY row`);
  const unstage = db.prepare("DELETE FROM temp.import_new_deals");
  const coInvestors = db.prepare(`
    INSERT INTO deal_co_investors (deal_id, organization_id)
    SELECT d.id, o.id ${eachOf("co_investors", "LEFT JOIN organizations o ON o.slug = x.value")}`);
  const terms = db.prepare(`
    INSERT INTO deal_terms (deal_id, sort_order, term)
    SELECT d.id, x.key, x.value ${eachOf("terms")}`);
  const citations = db.prepare(`
    INSERT INTO citations (source_id, locator, deal_id)
    SELECT s.id, x.value ->> 'locator', d.id ${eachOf("citations", "LEFT JOIN sources s ON s.slug = x.value ->> 'source'")}`);
  const end = db
    .prepare(`SELECT max(row) FROM (SELECT row FROM ${PLAN_TABLE} WHERE type_order = ${TYPE_ORDER.deal} AND action = 'insert' AND row > ? ORDER BY row LIMIT ${CHUNK})`)
    .pluck();
  return {
    /** The last file row of the chunk after row `from`, or null when none is left. */
    chunkEnd: (from: number) => end.get(from) as number | null,
    /** Writes the new deals of file rows (from, to] and returns how many. */
    write: (from: number, to: number) => {
      stage.run({ from, to });
      const n = deals.run().changes;
      for (const s of [coInvestors, terms, citations]) s.run();
      unstage.run();
      return n;
    },
  };
}
