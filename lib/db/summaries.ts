import type Database from "better-sqlite3";

// The summary tables (migrations 0005, 0009, 0013, 0014), counted from scratch. Their triggers
// (0006, 0009, 0013, 0014) keep them exact on every write; these statements are the definition
// the triggers must agree with (the integration tests compare the two), and refill the
// tables after a bulk load that ran without the triggers. Migrations 0006, 0009, 0013 and
// 0014 end with the same statements.

const YEAR = (row: string) => `coalesce(CAST(substr(${row}.sort_date, 1, 4) AS INTEGER), 0)`;

export const SUMMARY_TABLES = [
  "position_counts",
  "deal_counts",
  "deal_source_counts",
  "source_fact_counts",
  "organization_deal_counts",
  "organization_deal_source_counts",
  "position_kind_counts",
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
  organization_deal_counts: ORGANIZATION_FILL.organization_deal_counts(""),
  organization_deal_source_counts: ORGANIZATION_FILL.organization_deal_source_counts(""),
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

/**
 * A summary table's rows with a count above zero, in key order: what readers see. Rows
 * that fell to zero stay in the table (see schema.ts) and are left out here.
 */
export function summaryRows(db: Database.Database, table: (typeof SUMMARY_TABLES)[number]): Record<string, unknown>[] {
  const count = table === "position_counts" || table === "position_kind_counts" ? "companies" : table === "source_fact_counts" ? "facts" : "deals";
  const order = table === "source_fact_counts" ? "1, 2" : table === "organization_deal_source_counts" || table === "position_kind_counts" ? "1, 2, 3, 4, 5, 6" : "1, 2, 3, 4, 5";
  return db.prepare(`SELECT * FROM ${table} WHERE ${count} <> 0 ORDER BY ${order}`).all() as Record<string, unknown>[];
}
