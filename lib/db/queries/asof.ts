import "server-only";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

/**
 * "As of" views: the record as the sources published by a given day had it. A fact counts
 * from the earliest date among its sources; a fact with a status history also counts from
 * its first dated state (a report is itself a publication: the DeepSeek stake was reported
 * in early February 2025, though the article saying so came out in October). Sources
 * without a date never count in a past view.
 */

export type Subject = "position_id" | "deal_id" | "financial_id" | "spending_id" | "organization_id";

/**
 * The fact identified by `id` (a column of its table) was known on `asof`.
 *
 * Written as `id IN (list)`, not as a correlated EXISTS: SQLite builds each list once per
 * statement and probes it per row (or walks it, when it is short), where EXISTS ran two
 * index searches for every fact. A count of a past day's deals on the synthetic database
 * (1M deals) took 3.6 s with EXISTS, 0.5 s with IN, 0.02 s with IN driven from the sources
 * (tests/perf/README.md, "Past views"). An organisation's list is still read that way.
 *
 * A deal's, position's, financial figure's or spending line's list comes from
 * fact_first_citations (0020: each fact's first dated citation), read the cheaper of two
 * ways (fewKnownBy): through its date index when few facts of any kind were known by the day,
 * or as the kind's part of its primary key when many were. The citations of the sources
 * dated by then hold every kind's citations (1.3 million on a scale database whose facts are
 * dated: 0.18 s to list its 82,000 positions known, against 0.04 s by kind;
 * tests/perf/README.md, known17).
 */
export function knownOn(subject: Subject, id: SQL | unknown, asof: string): SQL {
  const column = sql.raw(subject);
  if (subject === "organization_id") {
    // CROSS JOIN keeps sources (a handful of rows) as the outer loop, so only the citations of
    // sources published by then are read, through citations_source_idx, instead of all of them.
    return sql`${id} IN (SELECT kc.${column} FROM sources ks CROSS JOIN citations kc ON kc.source_id = ks.id
      WHERE kc.${column} IS NOT NULL AND ks.published_date <= ${asof})`;
  }
  return knownOnThrough(subject, id, asof, fewKnownBy(asof) ? "date" : "kind");
}

/** knownOn for a fact, its list read from fact_first_citations through the date index or the kind's part of the primary key (exported for the tests: both must agree). */
export function knownOnThrough(subject: Exclude<Subject, "organization_id">, id: SQL | unknown, asof: string, through: "date" | "kind"): SQL {
  const column = sql.raw(subject);
  const fact = subject.slice(0, -"_id".length);
  const cited = through === "date"
    ? sql`${id} IN (SELECT kf.subject_id FROM fact_first_citations kf INDEXED BY fact_first_citations_date_idx WHERE kf.date <= ${asof} AND kf.subject = ${fact})`
    : sql`${id} IN (SELECT kf.subject_id FROM fact_first_citations kf WHERE kf.subject = ${fact} AND kf.date <= ${asof})`;
  if (subject !== "position_id" && subject !== "deal_id") return cited;
  return sql`(${cited} OR ${id} IN (SELECT ksc.${column} FROM status_changes ksc WHERE ksc.${column} IS NOT NULL AND ksc.known_from <= ${asof}))`;
}

/** Facts of every kind known by a day up to which fact_first_citations is read by date rather than by kind. */
export const FEW_KNOWN = 5_000;

/** Whether fewer than FEW_KNOWN facts had a dated source by `asof`: at most that many index entries read. */
export function fewKnownBy(asof: string): boolean {
  const row = getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM fact_first_citations INDEXED BY fact_first_citations_date_idx WHERE date <= ${asof} LIMIT ${FEW_KNOWN})`);
  return (row?.n ?? 0) < FEW_KNOWN;
}

/**
 * The deals with a status history: a past view gives them the day's status, and they may be
 * known from a state before any source cites them, so the summaries keyed by today's status
 * (deal_known_counts, deal_source_counts) count them under their state then, live. A few
 * dozen, written by hand in the curated files.
 */
export const HISTORY_DEALS = sql`(SELECT hsc.deal_id FROM status_changes hsc WHERE hsc.deal_id IS NOT NULL)`;

/** The positions with a status history, the same way (a past view gives them the day's status). */
export const HISTORY_POSITIONS = sql`(SELECT hsc.position_id FROM status_changes hsc WHERE hsc.position_id IS NOT NULL)`;

/**
 * Whether at most FEW_KNOWN facts of any kind were first cited after `asof`: then a past view
 * can be read as today's summaries less those few (a participant's count, the portfolio's
 * summaries).
 */
export function fewFirstCitedAfter(asof: string): boolean {
  const row = getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM fact_first_citations INDEXED BY fact_first_citations_date_idx WHERE date > ${asof} LIMIT ${FEW_KNOWN + 1})`);
  return (row?.n ?? 0) <= FEW_KNOWN;
}

/** The ids of the facts of a kind first cited after `asof` (at most FEW_KNOWN when fewFirstCitedAfter holds). */
export function firstCitedAfter(subject: "deal" | "position", asof: string): SQL {
  return sql`(SELECT kf.subject_id FROM fact_first_citations kf INDEXED BY fact_first_citations_date_idx WHERE kf.date > ${asof} AND kf.subject = ${subject})`;
}

/**
 * The same test as `knownOn(subject, id, asof)`, one fact at a time: its first dated
 * citation (fact_first_citations, 0020) by the day, or a state known by then. For a
 * statement that visits a few facts (a source's deals, a page's, one company's position),
 * where knownOn's lists hold every fact known by the day: a million deals on a database
 * whose deals are all dated.
 */
export function factKnownOn(subject: "deal_id" | "position_id", id: SQLWrapper, asof: string): SQL {
  const column = sql.raw(subject);
  return sql`(EXISTS (SELECT 1 FROM fact_first_citations kf WHERE kf.subject = ${subject.slice(0, -"_id".length)} AND kf.subject_id = ${id} AND kf.date <= ${asof})
    OR ${id} IN (SELECT ksc.${column} FROM status_changes ksc WHERE ksc.${column} IS NOT NULL AND ksc.known_from <= ${asof}))`;
}

/** factKnownOn for a deal. */
export function dealKnownOn(id: SQLWrapper, asof: string): SQL {
  return factKnownOn("deal_id", id, asof);
}

/**
 * An organisation was known on `asof` once a source published by then named it: a citation
 * of the organisation itself, or any fact about it (its position, a deal in it or by it as
 * investor, a financial figure, a spending statement) known by then.
 */
export function organizationKnownOn(id: SQL | unknown, asof: string): SQL {
  return sql`(${knownOn("organization_id", id, asof)}
    OR EXISTS (SELECT 1 FROM positions kp WHERE kp.organization_id = ${id} AND ${knownOn("position_id", sql`kp.id`, asof)})
    OR EXISTS (SELECT 1 FROM deals kd WHERE kd.organization_id = ${id} AND ${knownOn("deal_id", sql`kd.id`, asof)})
    OR EXISTS (SELECT 1 FROM deals ki WHERE ki.investor_id = ${id} AND ${knownOn("deal_id", sql`ki.id`, asof)})
    OR EXISTS (SELECT 1 FROM financials kf WHERE kf.organization_id = ${id} AND ${knownOn("financial_id", sql`kf.id`, asof)})
    OR EXISTS (SELECT 1 FROM spending ks2 WHERE ks2.organization_id = ${id} AND ${knownOn("spending_id", sql`ks2.id`, asof)}))`;
}

/** The latest state in a deal's or position's history as of a day (null: no history, or none yet). */
export function stateOn(subject: "position_id" | "deal_id", id: SQL | unknown, asof: string | undefined): SQL<string | null> {
  const day = asof ?? "9999-12-31";
  return sql<string | null>`(SELECT sc.state FROM status_changes sc WHERE sc.${sql.raw(subject)} = ${id} AND sc.known_from <= ${day}
    ORDER BY sc.known_from DESC, sc.id DESC LIMIT 1)`;
}

/** The portfolio's word for each state of a position's history; a state not named here says nothing about its status. */
const POSITION_STATE_STATUS: Record<string, string> = {
  denied: "denied",
  "wound-down": "wound-down",
  "listing-guidance": "listing-in-progress",
  "listing-application": "listing-in-progress",
  listed: "active",
  reported: "reported",
  rumoured: "reported",
};

/** The position statuses only a history gives (not "active", nor "reported", which no position stores). */
const STATUSES_FROM_HISTORY = [...new Set(Object.values(POSITION_STATE_STATUS))].filter((s) => s !== "active" && s !== "reported");

/** A deal's status for each state of its history (its states are mostly the deal statuses' own words). */
const DEAL_STATE_STATUS: Record<string, string> = {
  denied: "denied",
  reported: "reported",
  rumoured: "rumoured",
  announced: "announced",
  completed: "completed",
  built: "completed",
};

/**
 * A fact's status on a day from its history: the status its latest state known by then maps
 * to (its stored status when that state has no word in `words`); when its history has a state
 * but none known yet, `before`; without a history, its stored status.
 *
 * The stored status is today's: falling back to it for a fact whose history had not begun put
 * a later status in the past (Zhipu AI "listing in progress" on a day before its listing
 * guidance was known). Every past count, facet, tile, table, card and API answer reads a
 * fact's status through here, so they agree.
 */
function statusOn(subject: "position_id" | "deal_id", id: SQL | unknown, status: SQL | unknown, asof: string, words: Record<string, string>, before: SQL): SQL<string> {
  const column = sql.raw(subject);
  const mapped = sql.join(
    Object.entries(words).map(([state, word]) => sql`WHEN ${state} THEN ${word}`),
    sql` `,
  );
  // One probe of the fact's states, the known ones first (latest first), then the rest: a
  // status filter in a past view runs this for every deal known, a million at scale.
  return sql<string>`coalesce((SELECT CASE WHEN sc.known_from <= ${asof} THEN coalesce(CASE sc.state ${mapped} END, ${status}) ELSE ${before} END
    FROM status_changes sc WHERE sc.${column} = ${id}
    ORDER BY sc.known_from <= ${asof} DESC, sc.known_from DESC, sc.id DESC LIMIT 1), ${status})`;
}

/**
 * A position's status in a past view, in the portfolio's words (a listing in guidance or
 * applied for is "listing in progress"; "reported" has no stored status and is returned as
 * is). Before any state of its history was known, a status a history gives (listing in
 * progress, wound down, denied) had not begun, so it was active; a stored "integrated" or
 * "active" is not its history's doing and stands.
 */
export function positionStatusOn(positionId: SQL | unknown, status: SQL | unknown, asof: string): SQL<string> {
  const before = sql`CASE WHEN ${status} IN (${sql.join(
    STATUSES_FROM_HISTORY.map((s) => sql`${s}`),
    sql`, `,
  )}) THEN 'active' ELSE ${status} END`;
  return statusOn("position_id", positionId, status, asof, POSITION_STATE_STATUS, before);
}

/**
 * A deal's status in a past view, the same way. Every deal status can come from a history, so
 * a deal the sources carried before any state of its history was known is only "reported":
 * announced, completed or denied are each a state that begins on its own day. (In the curated
 * data no deal is known before its first state; the rule keeps a future one from taking
 * today's status into the past.)
 */
export function dealStatusOn(dealId: SQL | unknown, status: SQL | unknown, asof: string): SQL<string> {
  return statusOn("deal_id", dealId, status, asof, DEAL_STATE_STATUS, sql`'reported'`);
}

export interface EstimatedDateFact {
  type: "deal" | "position" | "financial" | "spending";
  slug: string;
  organization: string;
  /** The estimated day this fact counts from. */
  knownFrom: string;
  sources: string[];
}

/**
 * Facts whose place in an "as of" view rests on an estimated date: their earliest dated
 * source has a date we estimated rather than one printed. The past-view banner lists them.
 * Read from the sources with an estimated date (a handful, the outer loop: CROSS JOIN) and
 * their citations, each kept when its fact's first date (fact_first_citations, migration
 * 0020) is that source's date: grouping every dated citation by fact instead took 1.5 s per
 * past view with a million dated facts (tests/perf/README.md, facts16).
 */
export function listEstimatedDateFacts(): EstimatedDateFact[] {
  const rows = getDb().all<{ type: EstimatedDateFact["type"]; slug: string; organization: string; known_from: string; source: string }>(sql`
    SELECT f.subject AS type, coalesce(d.slug, fi.slug, sp.slug, o.slug) AS slug, o.name AS organization, f.date AS known_from, s.title AS source
    FROM sources s
    CROSS JOIN citations c ON c.source_id = s.id
    CROSS JOIN fact_first_citations f ON f.subject = CASE WHEN c.deal_id IS NOT NULL THEN 'deal' WHEN c.position_id IS NOT NULL THEN 'position'
                                                   WHEN c.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END
      AND f.subject_id = coalesce(c.deal_id, c.position_id, c.financial_id, c.spending_id) AND f.date = s.published_date
    LEFT JOIN deals d ON f.subject = 'deal' AND d.id = f.subject_id
    LEFT JOIN financials fi ON f.subject = 'financial' AND fi.id = f.subject_id
    LEFT JOIN spending sp ON f.subject = 'spending' AND sp.id = f.subject_id
    JOIN organizations o ON o.id = f.organization_id
    WHERE s.published_date_estimated = 1 AND s.published_date IS NOT NULL AND c.organization_id IS NULL
    ORDER BY f.date, f.subject, slug, s.id`);
  const out = new Map<string, EstimatedDateFact>();
  for (const r of rows) {
    const key = `${r.type}:${r.slug}`;
    const was = out.get(key);
    if (was) {
      if (!was.sources.includes(r.source)) was.sources.push(r.source);
    } else out.set(key, { type: r.type, slug: r.slug, organization: r.organization, knownFrom: r.known_from, sources: [r.source] });
  }
  return [...out.values()];
}
