import "server-only";
import { type SQLWrapper, and, eq, sql } from "drizzle-orm";
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

/** Citations for many rows of one table in a single query, keyed by the row's id. */
export function citationsFor(subject: CitedSubject, ids: number[]): Map<number, CitationView[]> {
  const out = new Map<number, CitationView[]>();
  if (ids.length === 0) return out;
  // One statement per cited table on each connection, whatever the number of ids.
  const rows = prepared(`citationsFor:${subject}`, (db) =>
    db
      .select({ subjectId: citations[subject], ...citationColumns })
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .leftJoin(paragraphs, citedParagraph)
      .where(inIdList(citations[subject]))
      .orderBy(sources.slug, citations.id)
      .prepare(),
  ).all({ ids: idList(ids) });
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
