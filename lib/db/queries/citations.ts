import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { citations, sources } from "@/lib/db/schema";

export interface CitationView {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  locator: string;
  note: string | null;
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
      locator: citations.locator,
      note: citations.note,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(inArray(column, ids))
    .orderBy(sources.slug, citations.id)
    .all();
  for (const { subjectId, ...c } of rows) {
    if (subjectId === null) continue;
    const list = out.get(subjectId) ?? [];
    list.push(c);
    out.set(subjectId, list);
  }
  return out;
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
