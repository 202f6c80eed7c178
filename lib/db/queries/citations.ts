import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { citations, sources } from "@/lib/db/schema";

export interface CitationView {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  /** True when the article prints no date and publishedDate is our estimate. */
  dateEstimated: boolean;
  locator: string;
  note: string | null;
  /**
   * One line, in our words, of what the cited paragraph supports: the citation's own note
   * today; a per-paragraph paraphrase from the data when it has one.
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

/** Citations for many rows of one table in a single query, keyed by the row's id. */
export function citationsFor(subject: CitedSubject, ids: number[]): Map<number, CitationView[]> {
  const out = new Map<number, CitationView[]>();
  if (ids.length === 0) return out;
  const column = citations[subject];
  const rows = getDb()
    .select({
      subjectId: column,
      sourceSlug: sources.slug,
      sourceTitle: sources.title,
      outlet: sources.outlet,
      publishedDate: sources.publishedDate,
      dateNote: sources.dateNote,
      locator: citations.locator,
      note: citations.note,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(inArray(column, ids))
    .orderBy(sources.slug, citations.id)
    .all();
  for (const { subjectId, dateNote, ...c } of rows) {
    if (subjectId === null) continue;
    const list = out.get(subjectId) ?? [];
    list.push({ ...c, dateEstimated: isEstimatedDate(c.publishedDate, dateNote), paraphrase: c.note });
    out.set(subjectId, list);
  }
  return out;
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
