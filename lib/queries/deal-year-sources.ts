import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { citations, deals, organizations, positions, sources } from "@/db/schema";
import type { CitationView } from "./citations";
import { type DealFilters, dealConditions } from "./deals";

/**
 * The articles behind each year of the deals-per-year chart, one entry per article and
 * year with how many of that year's deals it cites: the `sources` of each row of the
 * chart's CSV, grouped in SQL like the counts themselves.
 */
export function dealSourcesByYear(filters: DealFilters = {}): Map<number, CitationView[]> {
  const year = sql<string>`substr(${deals.sortDate}, 1, 4)`;
  const n = sql<number>`count(DISTINCT ${deals.id})`;
  const rows = getDb()
    .select({
      year,
      sourceSlug: sources.slug,
      sourceTitle: sources.title,
      outlet: sources.outlet,
      publishedDate: sources.publishedDate,
      n,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .innerJoin(deals, eq(deals.id, citations.dealId))
    .innerJoin(organizations, eq(organizations.id, deals.organizationId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(and(isNotNull(deals.sortDate), dealConditions(filters)))
    .groupBy(year, sources.id)
    .orderBy(year, sources.slug)
    .all();
  const out = new Map<number, CitationView[]>();
  for (const { year: y, n: count, ...s } of rows) {
    const list = out.get(Number(y)) ?? [];
    list.push({ ...s, locator: `cited for ${count} deal${count === 1 ? "" : "s"}`, note: null });
    out.set(Number(y), list);
  }
  return out;
}
