import "server-only";
import { type SQL, type SQLWrapper, and, eq, lte, sql } from "drizzle-orm";
import { prepared } from "@/lib/db/client";
import { citations, paragraphs, sources } from "@/lib/db/schema";
import { idList, inIdList } from "./id-list";

export interface CitationView {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  /** True when the article prints no date and publishedDate is our estimate. */
  dateEstimated: boolean;
  /** The paragraph cited ("¶5", "¶14-17"); empty when the citation stands for a count (dealCount). */
  locator: string;
  /**
   * Set instead of a paragraph when the citation backs a count of deals (deal-stats.ts): the
   * article dates or describes this many of the deals counted. Worded by the views.
   */
  dealCount?: number;
  note: string | null;
  /**
   * One line, in our words, of what the cited paragraph supports (data/paragraphs.json; for
   * a range, its first paragraph's), else the citation's own note.
   */
  paraphrase: string | null;
}

/**
 * A source's date is an estimate when its note says so ("Not printed. Estimated: ...").
 * The data records the reasoning as prose; this reads the word so the page can say "c.".
 */
export function isEstimatedDate(publishedDate: string | null, dateNote: string | null): boolean {
  return publishedDate !== null && dateNote !== null && /\bestimat/i.test(dateNote);
}

export type CitedSubject = "organizationId" | "positionId" | "dealId" | "financialId" | "spendingId";

/** The columns a CitationView is read from; `toCitationView` turns a row of them into one. */
export const citationColumns = {
  sourceSlug: sources.slug,
  sourceTitle: sources.title,
  outlet: sources.outlet,
  publishedDate: sources.publishedDate,
  dateNote: sources.dateNote,
  estimated: sources.publishedDateEstimated,
  locator: citations.locator,
  note: citations.note,
  paragraphLine: paragraphs.paraphrase,
};

/** A row of `citationColumns`, with sources inner-joined and paragraphs left-joined. */
interface CitationColumns {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  dateNote: string | null;
  estimated: boolean;
  locator: string;
  note: string | null;
  paragraphLine: string | null;
}

export function toCitationView({ dateNote, estimated, paragraphLine, ...c }: CitationColumns): CitationView {
  return { ...c, dateEstimated: estimated || isEstimatedDate(c.publishedDate, dateNote), paraphrase: paragraphLine ?? c.note };
}

/** The number of the paragraph a locator ("¶N" or "¶N-M") starts at: CAST reads the leading number after the pilcrow. */
export const paragraphNumber = (locator: SQLWrapper) => sql<number>`CAST(substr(${locator}, 2) AS INTEGER)`;

/** The paragraph a source's locator cites. */
export const paragraphOf = (sourceId: SQLWrapper, locator: SQLWrapper) => and(eq(paragraphs.sourceId, sourceId), eq(paragraphs.paragraph, paragraphNumber(locator)));

/** The paragraph a citation cites. */
export const citedParagraph = paragraphOf(citations.sourceId, citations.locator);

/**
 * Whether a source is part of the record on `asof`: published on or before the day (an
 * estimated date counts as its estimate; an undated source, NULL, never counts).
 */
export function publishedBy(asof: SQLWrapper | string): SQL {
  return lte(sources.publishedDate, asof);
}

/**
 * Whether a citation (a row of citations joined to sources) stands in the view of `asof`: a
 * past view cites only what was published by then, so its source's date is on or before the
 * day (an estimated date counts as its estimate; an undated source never counts). A deal or
 * position also keeps the sources of the states of its history known by then (status_changes,
 * known_from): a later article that dates a state (Zhipu AI's listing guidance, April 2025,
 * told in October) is where the day's status on the page comes from, and a fact known only
 * through such a state would otherwise show no source at all. Today's view reads no such
 * test. The second branch probes one fact's states (status_changes' indexes), and only for
 * citations of later or undated sources.
 */
export function citedOn(asof: SQLWrapper | string): SQL {
  const statedBy = (column: "deal_id" | "position_id", cited: SQLWrapper) =>
    sql`${citations.sourceId} IN (SELECT cs.source_id FROM status_changes cs WHERE cs.${sql.raw(column)} = ${cited} AND cs.known_from <= ${asof})`;
  return sql`(${publishedBy(asof)} OR ${statedBy("deal_id", citations.dealId)} OR ${statedBy("position_id", citations.positionId)})`;
}

/**
 * Citations for many rows of one table in a single query, keyed by the row's id; with
 * `asof`, those standing in that day's view (citedOn).
 */
export function citationsFor(subject: CitedSubject, ids: number[], asof?: string): Map<number, CitationView[]> {
  const out = new Map<number, CitationView[]>();
  if (ids.length === 0) return out;
  // One statement per cited table (and per kind of view) on each connection, whatever the number of ids.
  const rows = prepared(`citationsFor:${subject}:${asof ? "past" : "today"}`, (db) =>
    db
      .select({ subjectId: citations[subject], ...citationColumns })
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .leftJoin(paragraphs, citedParagraph)
      .where(asof ? and(inIdList(citations[subject]), citedOn(sql.placeholder("asof"))) : inIdList(citations[subject]))
      .orderBy(sources.slug, citations.id)
      .prepare(),
  ).all(asof ? { ids: idList(ids), asof } : { ids: idList(ids) });
  for (const { subjectId, ...c } of rows) {
    if (subjectId === null) continue;
    const list = out.get(subjectId) ?? [];
    list.push(toCitationView(c));
    out.set(subjectId, list);
  }
  return out;
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
