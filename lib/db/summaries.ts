import type Database from "better-sqlite3";

// The summary tables of migration 0005, counted from scratch. The triggers of migration
// 0006 keep them exact on every write; these statements are the definition the triggers
// must agree with (the unit tests compare the two), and refill the tables after a bulk load
// that ran without the triggers. Migrations 0006 and 0009 end with the same statements.

const YEAR = (row: string) => `coalesce(CAST(substr(${row}.sort_date, 1, 4) AS INTEGER), 0)`;

export const SUMMARY_TABLES = ["position_counts", "deal_counts", "deal_source_counts", "source_fact_counts"] as const;

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
};

/** Empties and refills one summary table (inside the caller's transaction). */
export function refillSummary(db: Database.Database, table: (typeof SUMMARY_TABLES)[number]): void {
  db.exec(`DELETE FROM ${table}`);
  db.exec(FILL[table]);
}

/** Empties and refills every summary table from the rows it summarises. */
export function rebuildSummaries(db: Database.Database): void {
  db.transaction(() => {
    for (const table of SUMMARY_TABLES) refillSummary(db, table);
  })();
}

/**
 * A summary table's rows with a count above zero, in key order: what readers see. Rows
 * that fell to zero stay in the table (see schema.ts) and are left out here.
 */
export function summaryRows(db: Database.Database, table: (typeof SUMMARY_TABLES)[number]): Record<string, unknown>[] {
  const count = table === "position_counts" ? "companies" : table === "source_fact_counts" ? "facts" : "deals";
  const order = table === "source_fact_counts" ? "1, 2" : "1, 2, 3, 4, 5";
  return db.prepare(`SELECT * FROM ${table} WHERE ${count} <> 0 ORDER BY ${order}`).all() as Record<string, unknown>[];
}
