import type Database from "better-sqlite3";
import { DEAL_KINDS, DEAL_STATUSES } from "@/lib/domain/vocabulary";

// The summary tables (migrations 0005, 0009, 0013, 0014, 0015, 0016, 0018, 0019, 0020, 0021), counted from scratch.
// Their triggers (0006, 0009, 0013, 0014, 0015, 0016, 0019, 0020, 0021) keep them exact on every write; these
// statements are the definition the triggers must agree with (the integration tests compare
// the two), and refill the tables after a bulk load that ran without the triggers.
// Migrations 0006, 0009, 0013, 0014, 0015, 0016, 0018, 0019, 0020 and 0021 end with the same statements.

const YEAR = (row: string) => `coalesce(CAST(substr(${row}.sort_date, 1, 4) AS INTEGER), 0)`;

export const SUMMARY_TABLES = [
  "position_counts",
  "deal_counts",
  "deal_source_counts",
  "source_fact_counts",
  "organization_deal_counts",
  "organization_deal_source_counts",
  // After the two they pack (0015).
  "organization_deal_cells",
  "organization_deal_source_cells",
  // After the tables it reads (0016; organization_deal_source_counts for its totals, 0018).
  "organization_deal_packs",
  "position_kind_counts",
  "position_citation_groups",
  "fact_first_citations",
  // After the table it reads (0021).
  "deal_known_counts",
] as const;

/** Recount of the per-organization tables (0013), optionally for the organizations in a JSON array bound as `@ids`. */
const ORGANIZATION_FILL = {
  organization_deal_counts: (only: string) => `INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
    SELECT d.organization_id, ${YEAR("d")}, d.kind, d.status, count(*) FROM deals d ${only} GROUP BY 1, 2, 3, 4`,
  organization_deal_source_counts: (only: string) => `INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
    SELECT d.organization_id, c.source_id, ${YEAR("d")}, d.kind, d.status, count(DISTINCT d.id)
    FROM citations c JOIN deals d ON d.id = c.deal_id ${only} GROUP BY 1, 2, 3, 4, 5`,
};
const ONLY_IDS = "WHERE d.organization_id IN (SELECT value FROM json_each(@ids))";

/** The kinds of fact whose first dated citation fact_first_citations (0020) keeps. */
type Fact = "deal" | "position" | "financial" | "spending";
const FACT_COLUMNS = "subject, subject_id, organization_id, date, source_id, citation_id";
/**
 * Each fact's first dated citation from the view fact_citations (0020): of every fact, or of
 * the facts whose ids the subqueries in `only` list, per subject (each filter reaches the
 * view's branch for that subject, so it reads those facts' citations through their index),
 * whose rows the caller has deleted.
 */
const firstCitationsFill = (only?: Partial<Record<Fact, string>>) => `INSERT INTO fact_first_citations (${FACT_COLUMNS})
    SELECT ${FACT_COLUMNS} FROM (
      SELECT *, row_number() OVER (PARTITION BY subject, subject_id ORDER BY date, citation_id) AS n FROM (${
        only
          ? Object.entries(only)
              .map(([subject, ids]) => `SELECT * FROM fact_citations WHERE subject = '${subject}' AND subject_id IN ${ids}`)
              .join(" UNION ALL ")
          : "SELECT * FROM fact_citations"
      })
    ) WHERE n = 1`;

const place = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(" ")} END`;
const CELL = `coalesce(((year * 8 + ${place("kind", DEAL_KINDS)}) * 8 + ${place("status", DEAL_STATUSES)}), 'null')`;

/**
 * The packed per-organization tables of migration 0015, each a company's rows of the table it
 * packs as one JSON array: cell = (year * 8 + kind) * 8 + status by the places in DEAL_KINDS
 * and DEAL_STATUSES (null for a row outside them), in key order. Its triggers (on the packed
 * table's source) repack one company per row written there.
 */
const PACKED = {
  organization_deal_cells: { source: "organization_deal_counts", item: `${CELL} || ',' || deals`, order: "year, kind, status" },
  organization_deal_source_cells: { source: "organization_deal_source_counts", item: `${CELL} || ',' || source_id || ',' || deals`, order: "source_id, year, kind, status" },
} as const;
type PackedTable = keyof typeof PACKED;
/** The packed table's fill, for every company or (`only`, a subquery of ids) for some. */
const packedFill = (table: PackedTable, only?: string) => {
  const { source, item, order } = PACKED[table];
  return `INSERT INTO ${table} (organization_id, cells)
    SELECT o.organization_id, (SELECT '[' || group_concat(cell, ',') || ']' FROM (
      SELECT ${item} AS cell FROM ${source} WHERE organization_id = o.organization_id AND deals <> 0 ORDER BY ${order}
    )) FROM (SELECT DISTINCT organization_id FROM ${source} WHERE deals <> 0 ${only ? `AND organization_id IN ${only}` : ""}) o`;
};
const packedTriggers = (table: PackedTable) => ["insert", "update", "move", "delete"].map((event) => `${table}_${event}`);

/**
 * organization_deal_packs (0016): a company's two packed rows, its position's layer and its
 * deals per source (0018), as the view organization_deal_packs_of defines it (the triggers
 * and the fill read the view).
 * Its triggers on a packed table, by that table (those on positions stay on throughout:
 * positions are written one by one, or few at a time).
 */
const PACKS_FILL = "INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of";
const packsTriggers = (table: PackedTable) =>
  ["insert", "update", "delete"].map((event) => `organization_deal_packs_${table === "organization_deal_cells" ? "cells" : "source_cells"}_${event}`);

/**
 * Runs `write` with the named triggers dropped, then recreates them from their own SQL
 * (inside the caller's transaction, so a rollback leaves the schema as it was).
 */
function withoutTriggers<T>(db: Database.Database, names: readonly string[], write: () => T): T {
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(names)) as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const result = write();
  for (const t of triggers) db.exec(t.sql);
  return result;
}

const FILL: Record<(typeof SUMMARY_TABLES)[number], string> = {
  position_counts: `INSERT INTO position_counts (layer, relationship, status, segment, companies)
    SELECT layer, relationship, status, segment, count(*) FROM positions GROUP BY 1, 2, 3, 4`,
  deal_counts: `INSERT INTO deal_counts (year, kind, status, layer, deals)
    SELECT ${YEAR("d")}, d.kind, d.status, coalesce(p.layer, ''), count(*)
    FROM deals d LEFT JOIN positions p ON p.organization_id = d.organization_id GROUP BY 1, 2, 3, 4`,
  deal_source_counts: `INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
    SELECT c.source_id, ${YEAR("d")}, d.kind, d.status, coalesce(p.layer, ''), count(DISTINCT d.id)
    FROM citations c JOIN deals d ON d.id = c.deal_id LEFT JOIN positions p ON p.organization_id = d.organization_id
    GROUP BY 1, 2, 3, 4, 5`,
  source_fact_counts: `INSERT INTO source_fact_counts (source_id, kind, facts)
    ${[["organization", "organization_id"], ["position", "position_id"], ["deal", "deal_id"], ["financial", "financial_id"], ["spending", "spending_id"]]
      .map(([kind, column]) => `SELECT source_id, '${kind}', count(DISTINCT ${column}) FROM citations WHERE ${column} IS NOT NULL GROUP BY source_id`)
      .join(" UNION ALL ")}`,
  position_kind_counts: `INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
    SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, count(*)
    FROM positions p JOIN organizations o ON o.id = p.organization_id GROUP BY 1, 2, 3, 4, 5, 6`,
  position_citation_groups: `INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
    SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, c.source_id, c.locator, coalesce(c.note, ''), count(*)
    FROM citations c JOIN positions p ON p.id = c.position_id JOIN organizations o ON o.id = p.organization_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  organization_deal_counts: ORGANIZATION_FILL.organization_deal_counts(""),
  organization_deal_cells: packedFill("organization_deal_cells"),
  organization_deal_source_cells: packedFill("organization_deal_source_cells"),
  organization_deal_packs: PACKS_FILL,
  organization_deal_source_counts: ORGANIZATION_FILL.organization_deal_source_counts(""),
  fact_first_citations: firstCitationsFill(),
  deal_known_counts: `INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
    SELECT f.date, ${YEAR("d")}, d.kind, d.status, coalesce(p.layer, ''), count(*)
    FROM fact_first_citations f JOIN deals d ON d.id = f.subject_id LEFT JOIN positions p ON p.organization_id = d.organization_id
    WHERE f.subject = 'deal' GROUP BY 1, 2, 3, 4, 5`,
};

/** 0021's triggers on fact_first_citations: a refill of that table would fire them per row, and deal_known_counts is refilled after it anyway. */
const KNOWN_DAY_TRIGGERS = ["deal_known_counts_known", "deal_known_counts_unknown", "deal_known_counts_redated"];

type SummaryTable = (typeof SUMMARY_TABLES)[number];

/**
 * Empties and refills the given summary tables and every table packed from them, each
 * once and in SUMMARY_TABLES order (a packed table after its source, the packs after both;
 * deal_known_counts after fact_first_citations), inside the caller's transaction. The
 * triggers from one summary to another (0015, 0016, 0021) are dropped meanwhile: they would
 * fire per row written, and what they keep is refilled after anyway.
 */
export function refillSummaries(db: Database.Database, tables: readonly SummaryTable[]): void {
  const wanted = new Set<SummaryTable>(tables);
  const packedTables = Object.keys(PACKED) as PackedTable[];
  for (const packed of packedTables) if (wanted.has(PACKED[packed].source)) wanted.add(packed);
  if (packedTables.some((t) => wanted.has(t))) wanted.add("organization_deal_packs");
  if (wanted.has("fact_first_citations")) wanted.add("deal_known_counts");
  const triggers = [
    ...packedTables.flatMap((t) => [...(wanted.has(PACKED[t].source) ? packedTriggers(t) : []), ...(wanted.has(t) ? packsTriggers(t) : [])]),
    ...(wanted.has("fact_first_citations") ? KNOWN_DAY_TRIGGERS : []),
  ];
  withoutTriggers(db, triggers, () => {
    for (const table of SUMMARY_TABLES) {
      if (!wanted.has(table)) continue;
      db.exec(`DELETE FROM ${table}`);
      db.exec(FILL[table]);
    }
  });
}

/** Empties and refills every summary table from the rows it summarises. */
export function rebuildSummaries(db: Database.Database): void {
  db.transaction(() => refillSummaries(db, SUMMARY_TABLES))();
}

/**
 * Recounts the per-organization summaries (organization_deal_counts,
 * organization_deal_source_counts) of the given organizations only, set-based, inside the
 * caller's transaction: for a bulk load that ran without the triggers, pass every
 * organization whose deals or deal citations it inserted, updated or deleted (a deal moved
 * between organizations: both). Cost grows with those organizations' deals, not the table.
 */
export function rebuildOrganizationSummaries(db: Database.Database, organizationIds: Iterable<number>): void {
  const ids = JSON.stringify([...new Set(organizationIds)]);
  for (const table of ["organization_deal_counts", "organization_deal_source_counts"] as const) {
    db.prepare(`DELETE FROM ${table} WHERE organization_id IN (SELECT value FROM json_each(@ids))`).run({ ids });
    db.prepare(ORGANIZATION_FILL[table](ONLY_IDS)).run({ ids });
  }
}

/** Each counting summary's count column and the number of key columns before it. */
const COUNTED: Record<Exclude<SummaryTable, PackedTable | "organization_deal_packs" | "fact_first_citations">, { count: string; keys: number }> = {
  position_counts: { count: "companies", keys: 4 },
  deal_counts: { count: "deals", keys: 4 },
  deal_source_counts: { count: "deals", keys: 5 },
  source_fact_counts: { count: "facts", keys: 2 },
  organization_deal_counts: { count: "deals", keys: 4 },
  organization_deal_source_counts: { count: "deals", keys: 5 },
  position_kind_counts: { count: "companies", keys: 6 },
  position_citation_groups: { count: "citations", keys: 9 },
  deal_known_counts: { count: "deals", keys: 5 },
};

/**
 * A summary table's rows with a count above zero, in key order: what readers see. Rows
 * that fell to zero stay in the table (see schema.ts) and are left out here.
 */
export function summaryRows(db: Database.Database, table: SummaryTable): Record<string, unknown>[] {
  // Tables with a row per key and no count (the packed ones, one row per company; the facts'
  // first citations, one per fact): every row, by the key's two first columns.
  if (!(table in COUNTED)) return db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<string, unknown>[];
  const { count, keys } = COUNTED[table as keyof typeof COUNTED];
  const order = Array.from({ length: keys }, (_, i) => i + 1).join(", ");
  return db.prepare(`SELECT * FROM ${table} WHERE ${count} <> 0 ORDER BY ${order}`).all() as Record<string, unknown>[];
}

/**
 * The triggers of migrations 0006, 0009 and 0013 that keep the summary tables of deals and
 * citations, and those of 0020 on citations. A bulk write drops them for its transaction
 * (see withSummariesSetBased); per row they cost more than the write itself (see
 * tests/perf/README.md). Those of 0014
 * (position_kind_counts) stay: they fire per position or organization written, which an
 * import writes few of; so do those of 0019 (position_citation_groups), which do work only
 * for a citation of a position (a deal's citation fails their WHEN); and those of 0021
 * (deal_known_counts), which fire per fact_first_citations row the set-based recompute writes
 * for a deal, and per deal the write updates or deletes that has one. Those of 0015 (the
 * packed per-organization tables) are dropped for the whole of withSummariesSetBased, which
 * repacks the companies in scope itself.
 */
export const SUMMARY_TRIGGERS = [
  "position_counts_insert", "position_counts_delete", "position_counts_update", "position_deal_layer_update",
  "deal_counts_insert", "deal_counts_delete", "deal_source_counts_deal_delete", "deal_counts_update",
  "deal_source_counts_cite", "deal_source_counts_uncite", "deal_source_counts_recite",
  "source_fact_counts_insert", "source_fact_counts_delete", "source_fact_counts_update",
  // 0013: per-organization deal counts.
  "organization_deal_counts_insert", "organization_deal_counts_delete", "organization_deal_counts_update",
  "organization_deal_source_counts_deal_delete", "organization_deal_source_counts_cite",
  "organization_deal_source_counts_uncite", "organization_deal_source_counts_recite",
  // 0020: each fact's first dated citation (those on sources and on the facts' companies stay).
  "fact_first_citations_cite", "fact_first_citations_uncite", "fact_first_citations_recite",
] as const;

/**
 * What a bulk write will touch, as a temporary table `summary_scope (kind, id)`:
 * - `position`: an organization id whose position is written (its position, and the layer of
 *   all its deals, may change);
 * - `organization`, `deal`, `financial`, `spending`: a record whose row or citations are written.
 * Filled by the caller before and again after its writes; each fill replaces the last.
 */
export const SUMMARY_SCOPE = "temp.summary_scope";

const inScope = (kind: string) => `(SELECT id FROM ${SUMMARY_SCOPE} WHERE kind = '${kind}')`;
const UPSERT = {
  position_counts: "ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies",
  deal_counts: "ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals",
  deal_source_counts: "ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals",
  source_fact_counts: "ON CONFLICT (source_id, kind) DO UPDATE SET facts = facts + excluded.facts",
  organization_deal_counts: "ON CONFLICT (organization_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals",
  organization_deal_source_counts: "ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals",
};

/**
 * Adds (sign 1) or takes away (sign -1) what the rows in scope contribute to every summary
 * table, set-based: the same definitions as FILL, restricted to the scope. Every count is a
 * sum over subjects (a position, a deal, a cited record), so taking a scope's share away
 * before a write and adding it back after leaves each table exactly as a full refill would.
 * fact_first_citations holds a row per fact: the scope's facts lose theirs, then get them
 * found again. Deleted before they are found again, not replaced: a row a trigger that
 * stayed on wrote meanwhile (a source redated) must go through 0021's delete trigger, which
 * REPLACE would skip. 0021's triggers stay on throughout and count those rows into
 * deal_known_counts one by one.
 */
export function adjustSummariesForScope(db: Database.Database, sign: 1 | -1): void {
  const facts = {
    deal: inScope("deal"),
    position: `(SELECT id FROM positions WHERE organization_id IN ${inScope("position")})`,
    financial: inScope("financial"),
    spending: inScope("spending"),
  };
  for (const [subject, ids] of Object.entries(facts)) db.exec(`DELETE FROM fact_first_citations WHERE subject = '${subject}' AND subject_id IN ${ids}`);
  if (sign === 1) db.exec(firstCitationsFill(facts));
  // One list of deal ids, so each side is an index lookup (an OR of the two would scan deals).
  const deals = `d.id IN (SELECT id FROM ${SUMMARY_SCOPE} WHERE kind = 'deal' UNION SELECT id FROM deals WHERE organization_id IN ${inScope("position")})`;
  // The per-organization tables do not store the layer: a written position leaves them be.
  const ownDeals = `d.id IN ${inScope("deal")}`;
  db.exec(`
    INSERT INTO position_counts (layer, relationship, status, segment, companies)
    SELECT layer, relationship, status, segment, ${sign} * count(*) FROM positions
    WHERE organization_id IN ${inScope("position")} GROUP BY 1, 2, 3, 4 ${UPSERT.position_counts};
    INSERT INTO deal_counts (year, kind, status, layer, deals)
    SELECT ${YEAR("d")}, d.kind, d.status, coalesce(p.layer, ''), ${sign} * count(*)
    FROM deals d LEFT JOIN positions p ON p.organization_id = d.organization_id WHERE ${deals} GROUP BY 1, 2, 3, 4 ${UPSERT.deal_counts};
    INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
    SELECT c.source_id, ${YEAR("d")}, d.kind, d.status, coalesce(p.layer, ''), ${sign} * count(DISTINCT d.id)
    FROM deals d JOIN citations c ON c.deal_id = d.id LEFT JOIN positions p ON p.organization_id = d.organization_id
    WHERE ${deals} GROUP BY 1, 2, 3, 4, 5 ${UPSERT.deal_source_counts};
    INSERT INTO source_fact_counts (source_id, kind, facts)
    SELECT source_id, kind, ${sign} * n FROM (
      SELECT source_id, 'organization' AS kind, count(DISTINCT organization_id) AS n FROM citations WHERE organization_id IN ${inScope("organization")} GROUP BY source_id
      UNION ALL SELECT source_id, 'position', count(DISTINCT position_id) FROM citations
        WHERE position_id IN (SELECT id FROM positions WHERE organization_id IN ${inScope("position")}) GROUP BY source_id
      UNION ALL SELECT source_id, 'deal', count(DISTINCT deal_id) FROM citations WHERE deal_id IN ${inScope("deal")} GROUP BY source_id
      UNION ALL SELECT source_id, 'financial', count(DISTINCT financial_id) FROM citations WHERE financial_id IN ${inScope("financial")} GROUP BY source_id
      UNION ALL SELECT source_id, 'spending', count(DISTINCT spending_id) FROM citations WHERE spending_id IN ${inScope("spending")} GROUP BY source_id
    ) WHERE true ${UPSERT.source_fact_counts};
    INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
    SELECT d.organization_id, ${YEAR("d")}, d.kind, d.status, ${sign} * count(*)
    FROM deals d WHERE ${ownDeals} GROUP BY 1, 2, 3, 4 ${UPSERT.organization_deal_counts};
    INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
    SELECT d.organization_id, c.source_id, ${YEAR("d")}, d.kind, d.status, ${sign} * count(DISTINCT d.id)
    FROM deals d JOIN citations c ON c.deal_id = d.id WHERE ${ownDeals} GROUP BY 1, 2, 3, 4, 5 ${UPSERT.organization_deal_source_counts};
  `);
}

/**
 * Runs `write` with the summary triggers dropped, keeping the summaries exact set-based:
 * `scope()` fills SUMMARY_SCOPE with what the write will touch (called before and after
 * it), the rows in scope are taken out of the counts before the write and counted again
 * after. The triggers are recreated from their own SQL before returning, inside the
 * caller's transaction, so a rollback leaves the schema as it was.
 *
 * Every summary table the schema adds later must be kept here too, or keep its triggers on
 * during the write (position_kind_counts, position_citation_groups).
 */
export function withSummariesSetBased<T>(db: Database.Database, scope: () => void, write: () => T): T {
  if (!db.inTransaction) throw new Error("withSummariesSetBased runs inside the caller's transaction");
  // 0015's packing triggers would repack a company per summary row the adjustments write
  // (~30 µs a row: ~10 s for 300,000 rows), and 0016's rewrite its packs per packed row;
  // dropped for the whole step, and the companies whose deals are in scope, before or after
  // the write, are repacked once at the end.
  const packing = (Object.keys(PACKED) as PackedTable[]).flatMap((t) => [...packedTriggers(t), ...packsTriggers(t)]);
  return withoutTriggers(db, packing, () => {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS summary_scope (kind TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID`);
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS packed_scope (id INTEGER PRIMARY KEY)`);
    const fill = () => {
      db.exec(`DELETE FROM ${SUMMARY_SCOPE}`);
      scope();
      db.exec(`INSERT OR IGNORE INTO temp.packed_scope (id) SELECT organization_id FROM deals WHERE id IN ${inScope("deal")}`);
    };
    fill();
    adjustSummariesForScope(db, -1);
    const result = withoutTriggers(db, SUMMARY_TRIGGERS, write);
    fill();
    adjustSummariesForScope(db, 1);
    const packedScope = "(SELECT id FROM temp.packed_scope)";
    for (const table of Object.keys(PACKED) as PackedTable[]) {
      db.exec(`DELETE FROM ${table} WHERE organization_id IN ${packedScope}`);
      db.exec(packedFill(table, packedScope));
    }
    db.exec(`DELETE FROM organization_deal_packs WHERE organization_id IN ${packedScope}`);
    db.exec(`${PACKS_FILL} WHERE organization_id IN ${packedScope}`);
    db.exec(`DROP TABLE ${SUMMARY_SCOPE}`);
    db.exec(`DROP TABLE temp.packed_scope`);
    return result;
  });
}
