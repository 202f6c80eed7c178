import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * "As of" views: the record as the sources published by a given day had it. A fact counts
 * from the earliest date among its sources; a fact with a status history also counts from
 * its first dated state (a report is itself a publication: the DeepSeek stake was reported
 * in early February 2025, though the article saying so came out in October). Sources
 * without a date never count in a past view.
 */

export type Subject = "position_id" | "deal_id" | "financial_id" | "spending_id" | "organization_id";

/** The fact identified by `id` (a column of its table) was known on `asof`. */
export function knownOn(subject: Subject, id: SQL | unknown, asof: string): SQL {
  const cited = sql`EXISTS (SELECT 1 FROM citations kc JOIN sources ks ON ks.id = kc.source_id
    WHERE kc.${sql.raw(subject)} = ${id} AND ks.published_date <= ${asof})`;
  if (subject !== "position_id" && subject !== "deal_id") return cited;
  return sql`(${cited} OR EXISTS (SELECT 1 FROM status_changes ksc WHERE ksc.${sql.raw(subject)} = ${id} AND ksc.known_from <= ${asof}))`;
}

/** The latest state in a deal's or position's history as of a day (null: no history, or none yet). */
export function stateOn(subject: "position_id" | "deal_id", id: SQL | unknown, asof: string | undefined): SQL<string | null> {
  const day = asof ?? "9999-12-31";
  return sql<string | null>`(SELECT sc.state FROM status_changes sc WHERE sc.${sql.raw(subject)} = ${id} AND sc.known_from <= ${day}
    ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1)`;
}

/**
 * A position's status in a past view: the last state its history had by then, in the
 * portfolio's words (a listing in guidance or applied for is "listing in progress"); its
 * stored status when the history says nothing that maps. A state that has no word in the
 * portfolio's vocabulary ("reported") is returned as is.
 */
export function positionStatusOn(positionId: SQL | unknown, status: SQL | unknown, asof: string): SQL<string> {
  return sql<string>`coalesce((SELECT CASE sc.state
      WHEN 'denied' THEN 'denied' WHEN 'wound-down' THEN 'wound-down'
      WHEN 'listing-guidance' THEN 'listing-in-progress' WHEN 'listing-application' THEN 'listing-in-progress'
      WHEN 'listed' THEN 'active' WHEN 'reported' THEN 'reported' WHEN 'rumoured' THEN 'reported' END
    FROM status_changes sc WHERE sc.position_id = ${positionId} AND sc.known_from <= ${asof}
    ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1), ${status})`;
}

/** A deal's status in a past view, the same way (its states are mostly the deal statuses' own words). */
export function dealStatusOn(dealId: SQL | unknown, status: SQL | unknown, asof: string): SQL<string> {
  return sql<string>`coalesce((SELECT CASE sc.state
      WHEN 'denied' THEN 'denied' WHEN 'reported' THEN 'reported' WHEN 'rumoured' THEN 'rumoured'
      WHEN 'announced' THEN 'announced' WHEN 'completed' THEN 'completed' WHEN 'built' THEN 'completed' END
    FROM status_changes sc WHERE sc.deal_id = ${dealId} AND sc.known_from <= ${asof}
    ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1), ${status})`;
}
