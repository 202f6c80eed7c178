import type Database from "better-sqlite3";
import { DEAL_STATUS_WORDS, LAYER_WORDS, POSITION_STATUS_WORDS, RELATIONSHIP_WORDS, sqlWords } from "@/lib/domain/search-words";

// Each indexed row's rowid is derived from its base row, so one record can be replaced
// without scanning the index: organizations 3n, deals 3n+1, sources 3n+2.
const ORG_ROWS = `
  SELECT o.id * 3, 'organization', o.slug,
         o.name || ' ' || coalesce((SELECT group_concat(a.alias, ' ') FROM organization_aliases a WHERE a.organization_id = o.id), ''),
         coalesce(p.segment, '') || ' ' || ${sqlWords("p.layer", LAYER_WORDS)} || ' ' || ${sqlWords("p.relationship", RELATIONSHIP_WORDS)} || ' ' ||
         ${sqlWords("p.status", POSITION_STATUS_WORDS)} || ' ' || o.description
  FROM organizations o LEFT JOIN positions p ON p.organization_id = o.id`;
const DEAL_ROWS = `
  SELECT d.id * 3 + 1, 'deal', d.slug, o.name || ' ' || replace(d.kind, '-', ' '),
         i.name || ' ' || ${sqlWords("d.status", DEAL_STATUS_WORDS)} || ' ' || coalesce((SELECT group_concat(t.term, ' ') FROM deal_terms t WHERE t.deal_id = d.id), '') || ' ' || d.description
  FROM deals d JOIN organizations o ON o.id = d.organization_id JOIN organizations i ON i.id = d.investor_id`;
const SOURCE_ROWS = `SELECT s.id * 3 + 2, 'source', s.slug, s.title, coalesce(s.outlet, '') || ' ' || s.summary FROM sources s`;
const INSERT = "INSERT INTO search_index (rowid, kind, ref, title, body)";

// FTS5 keeps new terms in memory until they pass its `hashsize` (1 MB by default), then
// writes them out as a segment and merges segments as they pile up. A bulk fill of a
// million rows makes hundreds of small segments that are merged again and again; with a
// larger buffer the same fill writes a few large ones (the synthetic database's full-text
// index in about 9 s instead of 12-14: tests/perf/README.md, fts15).
const BULK_HASHSIZE = 64 * 1024 * 1024;
const DEFAULT_HASHSIZE = 1024 * 1024;

/**
 * Runs a bulk fill of the given FTS5 tables with a larger in-memory buffer, then sets the
 * default back, so later small writes (imports) keep the small buffer. The setting stays
 * in each table's `_config` row as the default's value: better-sqlite3 opens connections
 * in SQLite's defensive mode, where FTS5's shadow tables cannot be written directly.
 */
export function withBulkFtsBuffer<T>(db: Database.Database, tables: readonly string[], fill: () => T): T {
  const set = (bytes: number) => {
    // A literal, not a bound parameter: better-sqlite3 binds numbers as REAL, and FTS5
    // refuses a non-integer hashsize.
    for (const t of tables) db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('hashsize', ${bytes})`);
  };
  set(BULK_HASHSIZE);
  try {
    return fill();
  } finally {
    set(DEFAULT_HASHSIZE);
  }
}

/**
 * Refills the FTS5 index from the base tables in set-based statements. Called inside the
 * seed's transaction, so the index never disagrees with the data.
 */
export function rebuildSearchIndex(db: Database.Database): void {
  withBulkFtsBuffer(db, ["search_index", "search_terms"], () => {
    db.exec(`DELETE FROM search_index; ${INSERT} ${ORG_ROWS}; ${INSERT} ${DEAL_ROWS}; ${INSERT} ${SOURCE_ROWS};`);
    db.exec("DELETE FROM search_terms; INSERT INTO search_terms (term) SELECT term FROM search_vocab;");
  });
}

/**
 * Adds the index's new words to the typo dictionary (search_terms). Words no longer in the
 * index stay until the next rebuild: a correction to one finds nothing, which is what a
 * search for it finds anyway.
 */
function addNewTerms(db: Database.Database): void {
  const known = new Set((db.prepare("SELECT term FROM search_terms").raw().all() as [string][]).map((r) => r[0]));
  const insert = db.prepare("INSERT INTO search_terms (term) VALUES (?)");
  // Read in full first: better-sqlite3 cannot write on a connection that is iterating.
  const vocabulary = db.prepare("SELECT term FROM search_vocab").raw().all() as [string][];
  for (const [term] of vocabulary) if (!known.has(term)) insert.run(term);
}

/**
 * Re-indexes only the records an import touched (and the deals of a renamed company),
 * so a small import into a large database stays small. Deals with an id above
 * `newDealsAbove` are new (ids only grow): they are indexed in one statement over that
 * range, with nothing to delete first.
 */
export function reindexRecords(
  db: Database.Database,
  ids: { organizations: number[]; deals: number[]; sources: number[] },
  newDealsAbove = Number.MAX_SAFE_INTEGER,
): void {
  const chunks = <T>(xs: T[], n = 500) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  const run = (rows: string, where: string, rowid: (id: number) => number, list: number[]) => {
    for (const part of chunks(list)) {
      const marks = part.map(() => "?").join(",");
      db.prepare(`DELETE FROM search_index WHERE rowid IN (${marks})`).run(...part.map(rowid));
      db.prepare(`${INSERT} ${rows} WHERE ${where} IN (${marks})`).run(...part);
    }
  };
  const orgs = [...new Set(ids.organizations)];
  const dealsOfOrgs = orgs.length
    ? chunks(orgs).flatMap((part) =>
        (db.prepare(`SELECT id FROM deals WHERE organization_id IN (${part.map(() => "?").join(",")}) AND id <= ?`).all(...part, newDealsAbove) as { id: number }[]).map((r) => r.id),
      )
    : [];
  db.prepare(`${INSERT} ${DEAL_ROWS} WHERE d.id > ?`).run(newDealsAbove);
  run(ORG_ROWS, "o.id", (id) => id * 3, orgs);
  run(DEAL_ROWS, "d.id", (id) => id * 3 + 1, [...new Set([...ids.deals, ...dealsOfOrgs])].filter((id) => id <= newDealsAbove));
  run(SOURCE_ROWS, "s.id", (id) => id * 3 + 2, [...new Set(ids.sources)]);
  addNewTerms(db);
}
