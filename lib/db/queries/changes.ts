import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { inIdList } from "./id-list";

/** One entry of the change log: a fact that appeared, or a step in a deal's or position's life. */
export interface ChangeEntry {
  /** added: the fact's first source appeared; changed: a new state; resolved: a final state (denied, completed, built, listed). */
  kind: "added" | "changed" | "resolved";
  /** The day it counts from (its earliest source's date, or the first day of the state's own date). */
  date: string;
  /**
   * A state's own date as its source gives it ("2015", a year; "2025-04", a month), for the
   * page to show at that precision; null for a fact, or a state its source does not date.
   */
  stated: { date: string; precision: string; qualifier: string } | null;
  /** Whether that day is an estimate (the source prints no date). */
  estimated: boolean;
  type: "deal" | "position" | "financial" | "spending";
  slug: string;
  organization: { slug: string; name: string };
  /** For a state change, the new state. */
  state: string | null;
  /** What the fact says, in our words. */
  description: string;
  source: { slug: string; title: string; locator: string };
}

const FINAL_STATES = new Set(["denied", "completed", "built", "listed", "wound-down"]);

/** The change log of a range: its newest entries and how many there are of each kind. */
export interface ChangeList {
  /** Newest first, at most the limit asked for. */
  entries: ChangeEntry[];
  /** Every change in the range, shown or not; `added` stops at FACTS_COUNTED. */
  counts: Record<ChangeEntry["kind"], number>;
  /** True when there are more added facts than `counts.added` says (more than FACTS_COUNTED). */
  addedAtLeast: boolean;
}

const FINAL_STATE_SQL = sql.raw([...FINAL_STATES].map((s) => `'${s}'`).join(", "));

/** Added facts are counted up to this many. */
export const FACTS_COUNTED = 10_000;

/**
 * The citations that first dated the facts of (from, to], newest first (by source date,
 * then the last recorded source, then the last recorded citation), at most `limit`, and how
 * many such facts there are, counted up to FACTS_COUNTED. Read from fact_first_citations
 * (migration 0020) through its date index, or its company and date index for one company:
 * a page costs its own rows whatever the number of citations (walking each source's
 * citations read a source that re-cites older facts whole, 0.5 s for 300,000 of them, and
 * one company's feed ranked every citation of its facts, 1.3-1.4 s for a company with
 * 300,000 deals: tests/perf/README.md, facts16).
 */
function firstCitations(from: string, to: string, org: string | null, limit: number): { ids: number[]; total: number; atLeast: boolean } {
  const db = getDb();
  const where = sql`${org ? sql`organization_id = (SELECT id FROM organizations WHERE slug = ${org}) AND ` : sql``}date > ${from} AND date <= ${to}`;
  const ids = db
    .all<{ id: number }>(sql`SELECT citation_id AS id FROM fact_first_citations WHERE ${where} ORDER BY date DESC, source_id DESC, citation_id DESC LIMIT ${limit}`)
    .map((r) => r.id);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM fact_first_citations WHERE ${where} LIMIT ${FACTS_COUNTED + 1})`)?.n ?? 0;
  return { ids, total: Math.min(total, FACTS_COUNTED), atLeast: total > FACTS_COUNTED };
}

/**
 * What was added, changed or resolved between two days (after `from`, up to and including
 * `to`), by source date: a fact counts once its earliest dated source appeared; a state
 * change once its own date (or its source's) came. The newest `limit` entries, newest first
 * (by date, then company and record), and the counts of all: a range can hold every deal of
 * a large import, so what is read and rendered is bounded by the limit.
 */
export function listChangesBetween(from: string, to: string, opts: { organization?: string; limit: number }): ChangeList {
  const db = getDb();
  const org = opts.organization ?? null;
  const limit = Math.max(0, Math.floor(opts.limit));
  const picked = firstCitations(from, to, org, limit);
  const facts = db.all<{
    type: ChangeEntry["type"]; slug: string; org_slug: string; org_name: string; description: string;
    date: string; estimated: number; source_slug: string; source_title: string; locator: string;
  }>(sql`
    SELECT CASE WHEN c.deal_id IS NOT NULL THEN 'deal' WHEN c.position_id IS NOT NULL THEN 'position'
                WHEN c.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AS type,
           coalesce(d.slug, fi.slug, sp.slug, po.slug) AS slug, o.slug AS org_slug, o.name AS org_name,
           coalesce(d.description, fi.description, sp.description, po.note, o.description) AS description,
           s.published_date AS date, s.published_date_estimated AS estimated, s.slug AS source_slug, s.title AS source_title, c.locator
    FROM citations c
    JOIN sources s ON s.id = c.source_id
    LEFT JOIN deals d ON d.id = c.deal_id
    LEFT JOIN financials fi ON fi.id = c.financial_id
    LEFT JOIN spending sp ON sp.id = c.spending_id
    LEFT JOIN (SELECT p.id, p.note, p.organization_id, o2.slug FROM positions p JOIN organizations o2 ON o2.id = p.organization_id) po
      ON po.id = c.position_id
    JOIN organizations o ON o.id = coalesce(d.organization_id, fi.organization_id, sp.organization_id, po.organization_id)
    WHERE ${inIdList(sql`c.id`, picked.ids)}`);
  const states = db.all<{
    type: "deal" | "position"; slug: string; org_slug: string; org_name: string; state: string; note: string;
    date: string; stated_date: string | null; precision: string; qualifier: string; estimated: number; source_slug: string; source_title: string; locator: string; total: number; resolved: number;
  }>(sql`
    SELECT CASE WHEN sc.deal_id IS NOT NULL THEN 'deal' ELSE 'position' END AS type,
           coalesce(d.slug, o.slug) AS slug, o.slug AS org_slug, o.name AS org_name, sc.state, sc.note,
           sc.known_from AS date, sc.date AS stated_date, sc.date_precision AS precision, sc.date_qualifier AS qualifier,
           CASE WHEN sc.date IS NULL THEN s.published_date_estimated ELSE 0 END AS estimated,
           s.slug AS source_slug, s.title AS source_title, sc.locator,
           count(*) OVER () AS total, sum(sc.state IN (${FINAL_STATE_SQL})) OVER () AS resolved
    FROM status_changes sc
    JOIN sources s ON s.id = sc.source_id
    LEFT JOIN deals d ON d.id = sc.deal_id
    LEFT JOIN positions p ON p.id = sc.position_id
    JOIN organizations o ON o.id = coalesce(d.organization_id, p.organization_id)
    WHERE sc.known_from > ${from} AND sc.known_from <= ${to} AND (${org} IS NULL OR o.slug = ${org})
    ORDER BY sc.known_from DESC, o.name, 2
    LIMIT ${limit}`);
  const entries: ChangeEntry[] = [
    ...facts.map((r) => ({
      kind: "added" as const,
      date: r.date,
      estimated: r.estimated === 1,
      stated: null,
      type: r.type,
      slug: r.slug,
      organization: { slug: r.org_slug, name: r.org_name },
      state: null,
      description: r.description,
      source: { slug: r.source_slug, title: r.source_title, locator: r.locator },
    })),
    ...states.map((r) => ({
      kind: FINAL_STATES.has(r.state) ? ("resolved" as const) : ("changed" as const),
      date: r.date,
      estimated: r.estimated === 1,
      stated: r.stated_date === null ? null : { date: r.stated_date, precision: r.precision, qualifier: r.qualifier },
      type: r.type,
      slug: r.slug,
      organization: { slug: r.org_slug, name: r.org_name },
      state: r.state,
      description: r.note,
      source: { slug: r.source_slug, title: r.source_title, locator: r.locator },
    })),
  ];
  const resolved = states[0]?.resolved ?? 0;
  return {
    entries: entries.sort((a, b) => b.date.localeCompare(a.date) || a.organization.name.localeCompare(b.organization.name) || a.slug.localeCompare(b.slug)).slice(0, limit),
    counts: { added: picked.total, changed: (states[0]?.total ?? 0) - resolved, resolved },
    addedAtLeast: picked.atLeast,
  };
}

export interface RevisionView {
  id: number;
  kind: "seed" | "import";
  at: string;
  fileName: string;
  fileHash: string;
  rowsAdded: number;
  rowsUpdated: number;
}

export function listRevisions(limit = 100): RevisionView[] {
  return getDb().all<RevisionView>(sql`
    SELECT id, kind, at, file_name AS fileName, file_hash AS fileHash, rows_added AS rowsAdded, rows_updated AS rowsUpdated
    FROM revisions ORDER BY id DESC LIMIT ${limit}`);
}

export function getRevision(id: number): RevisionView | null {
  return (
    getDb().get<RevisionView>(sql`
      SELECT id, kind, at, file_name AS fileName, file_hash AS fileHash, rows_added AS rowsAdded, rows_updated AS rowsUpdated
      FROM revisions WHERE id = ${id}`) ?? null
  );
}

export interface RevisionChangeView {
  recordType: string;
  recordSlug: string;
  action: "added" | "updated";
  fields: string[];
}

export function listRevisionChanges(revisionId: number): RevisionChangeView[] {
  return getDb()
    .all<{ recordType: string; recordSlug: string; action: "added" | "updated"; fields: string }>(sql`
      SELECT record_type AS recordType, record_slug AS recordSlug, action, fields FROM revision_changes
      WHERE revision_id = ${revisionId} ORDER BY id`)
    .map((r) => ({ ...r, fields: r.fields ? r.fields.split(",") : [] }));
}

export interface HistoryStep {
  subject: "deal" | "position";
  /** The deal's id, or the company's for its position. */
  slug: string;
  state: string;
  date: string | null;
  datePrecision: string;
  dateQualifier: string;
  knownFrom: string | null;
  note: string;
  source: { slug: string; title: string; locator: string };
}

/** Status changes matching `where`, up to `asof` in a past view, as steps: one reading for every view of a sequence. */
function historySteps(where: SQL, asof: string | undefined): (HistoryStep & { dealId: number | null })[] {
  const day = asof ?? "9999-12-31";
  return getDb()
    .all<Omit<HistoryStep, "source"> & { dealId: number | null; sourceSlug: string; sourceTitle: string; locator: string }>(sql`
      SELECT CASE WHEN sc.deal_id IS NOT NULL THEN 'deal' ELSE 'position' END AS subject, coalesce(d.slug, o.slug) AS slug, sc.deal_id AS dealId,
             sc.state, sc.date, sc.date_precision AS datePrecision, sc.date_qualifier AS dateQualifier, sc.known_from AS knownFrom,
             sc.note, s.slug AS sourceSlug, s.title AS sourceTitle, sc.locator
      FROM status_changes sc JOIN sources s ON s.id = sc.source_id
      LEFT JOIN deals d ON d.id = sc.deal_id LEFT JOIN positions p ON p.id = sc.position_id
      JOIN organizations o ON o.id = coalesce(d.organization_id, p.organization_id)
      WHERE ${where} AND sc.known_from <= ${day}
      ORDER BY subject DESC, slug, sc.known_from, sc.id`)
    .map(({ sourceSlug, sourceTitle, locator, ...r }) => ({ ...r, source: { slug: sourceSlug, title: sourceTitle, locator } }));
}

/** A company's position and deals, step by step, oldest first (up to `asof` in a past view). */
export function listHistory(organization: string, asof?: string): HistoryStep[] {
  return historySteps(sql`o.slug = ${organization}`, asof).map(({ dealId: _dealId, ...step }) => (void _dealId, step));
}

/** The sequence of states of each of these deals (the deals timeline's page), by deal slug; a deal without a history is absent. */
export function listDealHistories(dealIds: number[], asof?: string): Record<string, HistoryStep[]> {
  const out: Record<string, HistoryStep[]> = {};
  if (!dealIds.length) return out;
  for (const { dealId: _dealId, ...step } of historySteps(inIdList(sql`sc.deal_id`, dealIds), asof)) {
    void _dealId;
    (out[step.slug] ??= []).push(step);
  }
  return out;
}
