import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { citations, claims, sources } from "@/db/schema";

export interface SourceContribution {
  organizations: number;
  positions: number;
  deals: number;
  financials: number;
  spending: number;
  /** Claims in conflicts that this source makes, and the conflicts they sit in. */
  claims: number;
  conflicts: number;
}

/**
 * How many distinct facts cite each source, keyed by source slug. listSources counts
 * citation rows, so a company cited at three paragraphs of one article counts three times;
 * a reader asking "what did this article give us" wants each fact once.
 */
export function sourceContributions(): Map<string, SourceContribution> {
  const db = getDb();
  const facts = db
    .select({
      slug: sources.slug,
      organizations: sql<number>`count(DISTINCT ${citations.organizationId})`,
      positions: sql<number>`count(DISTINCT ${citations.positionId})`,
      deals: sql<number>`count(DISTINCT ${citations.dealId})`,
      financials: sql<number>`count(DISTINCT ${citations.financialId})`,
      spending: sql<number>`count(DISTINCT ${citations.spendingId})`,
    })
    .from(sources)
    .leftJoin(citations, eq(citations.sourceId, sources.id))
    .groupBy(sources.id)
    .all();
  const claimed = db
    .select({ slug: sources.slug, claims: count(), conflicts: sql<number>`count(DISTINCT ${claims.conflictId})` })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .groupBy(sources.id)
    .all();
  return new Map(
    facts.map(({ slug, ...f }) => {
      const c = claimed.find((x) => x.slug === slug);
      return [slug, { ...f, claims: c?.claims ?? 0, conflicts: c?.conflicts ?? 0 }];
    }),
  );
}
