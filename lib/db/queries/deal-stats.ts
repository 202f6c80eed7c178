import "server-only";
import { and, asc, count, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { citations, dealCounts, dealSourceCounts, deals, positions, sources } from "@/lib/db/schema";
import type { DealKind } from "@/lib/domain/vocabulary";
import { type CitationView, isEstimatedDate } from "./citations";
import { type DealFilters, countableFromSummary, dealConditions, summaryConditions, summedDeals } from "./deals";

export interface DealYearKindCount {
  year: number;
  kind: DealKind;
  count: number;
}

/**
 * Dated deals counted per year and kind, so the timeline chart stays one small query
 * however many deals there are: from deal_counts, or grouped in SQL under a filter the
 * summary cannot answer. Years with no deal are left out.
 */
export function dealCountsByYearAndKind(filters: DealFilters = {}): DealYearKindCount[] {
  if (countableFromSummary(filters)) {
    return getDb()
      .select({ year: dealCounts.year, kind: dealCounts.kind, count: summedDeals })
      .from(dealCounts)
      .where(and(ne(dealCounts.year, 0), summaryConditions(dealCounts, filters)))
      .groupBy(dealCounts.year, dealCounts.kind)
      .having(gt(summedDeals, 0))
      .orderBy(dealCounts.year, dealCounts.kind)
      .all();
  }
  const year = sql<string>`substr(${deals.sortDate}, 1, 4)`;
  return getDb()
    .select({ year, kind: deals.kind, count: count() })
    .from(deals)
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
  if (countableFromSummary(filters)) {
    return (
      getDb()
        .select({ n: summedDeals })
        .from(dealCounts)
        .where(and(eq(dealCounts.year, 0), summaryConditions(dealCounts, filters)))
        .get()?.n ?? 0
    );
  }
  return (
    getDb()
      .select({ n: count() })
      .from(deals)
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
  const view = ({ year: y, n, dateNote, ...s }: { year: string | number | null; n: number; sourceSlug: string; sourceTitle: string; outlet: string | null; publishedDate: string | null; dateNote: string | null }) => ({
    ...s,
    year: y === null ? null : Number(y),
    dateEstimated: isEstimatedDate(s.publishedDate, dateNote),
    locator: `cited for ${n} deal${n === 1 ? "" : "s"}`,
    note: null,
    paraphrase: null,
  });
  const source = { sourceSlug: sources.slug, sourceTitle: sources.title, outlet: sources.outlet, publishedDate: sources.publishedDate, dateNote: sources.dateNote };
  if (countableFromSummary(filters)) {
    // Each deal sits in exactly one cell, so a source's distinct deals are the sum of its cells.
    const n = sql<number>`sum(${dealSourceCounts.deals})`.mapWith(Number);
    const year = byYear ? dealSourceCounts.year : sql<number | null>`NULL`;
    return getDb()
      .select({ year, ...source, n })
      .from(dealSourceCounts)
      .innerJoin(sources, eq(sources.id, dealSourceCounts.sourceId))
      .where(and(byYear ? ne(dealSourceCounts.year, 0) : undefined, summaryConditions(dealSourceCounts, filters)))
      .groupBy(...(byYear ? [dealSourceCounts.year, sources.id] : [sources.id]))
      .having(gt(n, 0))
      .orderBy(year, asc(sources.slug))
      .all()
      .map(view);
  }
  const year = byYear ? sql<string | null>`substr(${deals.sortDate}, 1, 4)` : sql<string | null>`NULL`;
  const n = sql<number>`count(DISTINCT ${deals.id})`;
  return getDb()
    .select({ year, ...source, n })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .innerJoin(deals, eq(deals.id, citations.dealId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(byYear ? and(isNotNull(deals.sortDate), dealConditions(filters)) : dealConditions(filters))
    .groupBy(...(byYear ? [year, sources.id] : [sources.id]))
    .orderBy(year, sources.slug)
    .all()
    .map(view);
}
