import "server-only";
import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { citations, deals, organizations, positions, sources } from "@/db/schema";
import type { DealKind } from "@/lib/validation/dataset";
import type { CitationView } from "./citations";
import { type DealFilters, dealConditions } from "./deals";

export interface DealYearKindCount {
  year: number;
  kind: DealKind;
  count: number;
}

/**
 * Dated deals counted per year and kind, grouped in SQL so the timeline chart stays one
 * small query however many deals there are. Years with no deal are left out.
 */
export function dealCountsByYearAndKind(filters: DealFilters = {}): DealYearKindCount[] {
  const year = sql<string>`substr(${deals.sortDate}, 1, 4)`;
  return getDb()
    .select({ year, kind: deals.kind, count: count() })
    .from(deals)
    .innerJoin(organizations, eq(organizations.id, deals.organizationId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(and(isNotNull(deals.sortDate), dealConditions(filters)))
    .groupBy(year, deals.kind)
    .orderBy(year, deals.kind)
    .all()
    .map((r) => ({ year: Number(r.year), kind: r.kind, count: r.count }));
}

/** Deals no source dates, under the same filters; a year range leaves none. */
export function countUndatedDeals(filters: DealFilters = {}): number {
  if (filters.fromYear !== undefined || filters.toYear !== undefined) return 0;
  return (
    getDb()
      .select({ n: count() })
      .from(deals)
      .innerJoin(organizations, eq(organizations.id, deals.organizationId))
      .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
      .where(and(isNull(deals.sortDate), dealConditions(filters)))
      .get()?.n ?? 0
  );
}

/**
 * The articles behind a set of deals, one entry per article with how many of the deals it
 * dates or describes: the sources of a chart that counts them, without loading every deal.
 */
export function dealSourceSummary(filters: DealFilters = {}): CitationView[] {
  return citedDealCounts(filters, false).map(({ year: _year, ...c }) => (void _year, c));
}

/**
 * Articles citing the filtered deals, with how many deals each cites; per year of the
 * deals-per-year chart when `byYear` (undated deals then have no row). One query serves
 * the chart's caption and its CSV, so both count the same deals.
 */
export function citedDealCounts(filters: DealFilters, byYear: boolean): (CitationView & { year: number | null })[] {
  const year = byYear ? sql<string | null>`substr(${deals.sortDate}, 1, 4)` : sql<string | null>`NULL`;
  const n = sql<number>`count(DISTINCT ${deals.id})`;
  return getDb()
    .select({ year, sourceSlug: sources.slug, sourceTitle: sources.title, outlet: sources.outlet, publishedDate: sources.publishedDate, n })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .innerJoin(deals, eq(deals.id, citations.dealId))
    .innerJoin(organizations, eq(organizations.id, deals.organizationId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(byYear ? and(isNotNull(deals.sortDate), dealConditions(filters)) : dealConditions(filters))
    .groupBy(...(byYear ? [year, sources.id] : [sources.id]))
    .orderBy(year, sources.slug)
    .all()
    .map(({ year: y, n: count, ...s }) => ({
      ...s,
      year: y === null ? null : Number(y),
      locator: `cited for ${count} deal${count === 1 ? "" : "s"}`,
      note: null,
    }));
}
