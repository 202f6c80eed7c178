import "server-only";
import { cache } from "react";
import { type SQL, and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { getDb, prepared } from "@/lib/db/client";
import { citations, dealCounts, dealSourceCounts, deals, positions, sources } from "@/lib/db/schema";
import { DEAL_KINDS, DEAL_STATUSES, type DealKind } from "@/lib/domain/vocabulary";
import { facetPasses } from "@/lib/domain/facets";
import { type CitationView, citedOn, isEstimatedDate, publishedBy } from "./citations";
import { idList, inIdList } from "./id-list";
import { DEAL_YEAR, type DealFilters, SOURCE_KEY, countableFromKnownSummary, countableFromOrganizationSummary, countableFromSummary, cubeCells, dealConditions, filterKey, packedSourcesBy, packedSums, summaryConditions, summedDeals, yearPasses } from "./deals";
import { HISTORY_DEALS, dealStatusOn } from "./asof";

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
  // One pass over the matching deals, shared with the facets and the undated count.
  const byYearKind = new Map<string, DealYearKindCount>();
  for (const c of cubeCells(filters)) {
    if (c.year === 0) continue;
    const k = `${c.year}:${c.kind}`;
    const row = byYearKind.get(k);
    if (row) row.count += c.n;
    else byYearKind.set(k, { year: c.year, kind: c.kind as DealKind, count: c.n });
  }
  return [...byYearKind.values()].sort((a, b) => a.year - b.year || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
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
  return cubeCells(filters)
    .filter((c) => c.year === 0)
    .reduce((sum, c) => sum + c.n, 0);
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
 * deals-per-year chart when `byYear` (undated deals then have no row). The chart's caption
 * and its CSV count the same deals: from one query, or under a name filter from one
 * company's packed rows, whose per-source totals (the caption, when no kind, status or year
 * narrows it) are the sums of its per-cell counts (the CSV's years).
 */
export function citedDealCounts(filters: DealFilters, byYear: boolean): (CitationView & { year: number | null })[] {
  const view = ({ year: y, n, dateNote, ...s }: { year: string | number | null; n: number; sourceSlug: string; sourceTitle: string; outlet: string | null; publishedDate: string | null; dateNote: string | null }) => ({
    ...s,
    year: y === null ? null : Number(y),
    dateEstimated: isEstimatedDate(s.publishedDate, dateNote),
    locator: "",
    dealCount: n,
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
  if (!byYear && countableFromOrganizationSummary(filters) && packedSourcesBy(filters) === "total") {
    // Nothing narrows the sources below a company's deals: its totals per source, summed
    // in the statement the cube's callers share (packedSums).
    const sums = packedSums(filters, "total").sources;
    const byId = sourcesById(sums.map(([id]) => id));
    return sums
      .map(([id, n]) => ({ year: null, ...byId.get(id)!, n }))
      .sort((a, b) => (a.sourceSlug < b.sourceSlug ? -1 : a.sourceSlug > b.sourceSlug ? 1 : 0))
      .map(view);
  }
  const rows = citedByYearFor(filterKey(filters));
  if (byYear) return rows.filter((r) => r.year !== null).map(view);
  // Each deal has one year (or none), so a source's distinct deals are the sum over its years.
  const bySource = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = bySource.get(r.sourceSlug);
    if (seen) seen.n += r.n;
    else bySource.set(r.sourceSlug, { ...r, year: null });
  }
  return [...bySource.values()].sort((a, b) => (a.sourceSlug < b.sourceSlug ? -1 : a.sourceSlug > b.sourceSlug ? 1 : 0)).map(view);
}

/** The sources with these ids, by id, as the chart's list shows them. */
function sourcesById(ids: number[]) {
  const found = ids.length
    ? prepared("citedByYear:sources", (db) =>
        db
          .select({ id: sources.id, sourceSlug: sources.slug, sourceTitle: sources.title, outlet: sources.outlet, publishedDate: sources.publishedDate, dateNote: sources.dateNote })
          .from(sources)
          .where(inIdList(sources.id))
          .prepare(),
      ).all({ ids: idList(ids) })
    : [];
  return new Map(found.map(({ id, ...s }) => [id, s]));
}

/**
 * A past view's distinct cited deals per year and source, as citedByYearFor gives them: the
 * sources published by the day (citedOn), and every deal they cite was known by then, so their
 * counts are their rows of deal_source_counts (today's cells), with the deals that have a
 * status history moved to their cell on the day, live. Those deals are the only ones a later
 * or undated source can count for: one known on the day only through a state keeps the
 * sources of its states known by then (citedOn), so the few history deals are read, never
 * the day's known deals (3-4 s when a million deals were known; tests/perf/README.md, known17).
 */
function knownCitedByYear(filters: DealFilters) {
  const asof = filters.asof!;
  const layer = sql`coalesce(${positions.layer}, '')`;
  const history = (sign: "-" | "", status: SQL, cited: SQL) => sql`
    SELECT ${citations.sourceId}, ${DEAL_YEAR}, ${deals.kind}, ${status}, ${layer}, ${sql.raw(sign)}count(DISTINCT ${deals.id}) FROM ${deals}
      CROSS JOIN ${citations} ON ${citations.dealId} = ${deals.id} JOIN ${sources} ON ${sources.id} = ${citations.sourceId}
      LEFT JOIN ${positions} ON ${positions.organizationId} = ${deals.organizationId}
      WHERE ${cited} AND ${deals.id} IN ${HISTORY_DEALS} GROUP BY 1, 2, 3, 4, 5`;
  const onTheDay = dealStatusOn(deals.id, deals.status, asof);
  const rows = getDb().all<{ sourceId: number; year: number; kind: string; status: string; layer: string; n: number }>(sql`
    SELECT source_id AS sourceId, year, kind, status, layer, sum(n) AS n FROM (
      SELECT k.source_id, k.year, k.kind, k.status, k.layer, k.deals AS n FROM ${dealSourceCounts} k
        WHERE k.source_id IN (SELECT ${sources.id} FROM ${sources} WHERE ${publishedBy(asof)})
      UNION ALL ${history("-", sql`${deals.status}`, publishedBy(asof))}
      UNION ALL ${history("", onTheDay, citedOn(asof))}
    ) GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0`);
  const byYearSource = new Map<number, number>();
  for (const r of rows) {
    if (!facetPasses(r.layer === "" ? null : r.layer, filters.layer) || !facetPasses(r.kind, filters.kind) || !facetPasses(r.status, filters.status) || !yearPasses(r.year, filters)) continue;
    const k = r.year * YEAR_KEY + r.sourceId;
    byYearSource.set(k, (byYearSource.get(k) ?? 0) + r.n);
  }
  return yearSourceRows(byYearSource);
}

/** (year, source id) as one integer key: source ids stay below 2^32, years below 10,000 (2^53 in all). */
const YEAR_KEY = 2 ** 32;

/** Deals per (year, source id) key as citedByYearFor's rows, the few sources read after. */
function yearSourceRows(byYearSource: Map<number, number>) {
  const sums = [...byYearSource];
  const byId = sourcesById([...new Set(sums.map(([key]) => key % YEAR_KEY))]);
  // As the SQL ordered them: undated (null) first, then by year, sources by slug within one.
  const order = (y: number | null) => (y === null ? -1 : y);
  return sums
    .map(([key, n]) => {
      const year = Math.floor(key / YEAR_KEY);
      return { year: year === 0 ? null : year, ...byId.get(key % YEAR_KEY)!, n };
    })
    .sort((a, b) => order(a.year) - order(b.year) || (a.sourceSlug < b.sourceSlug ? -1 : a.sourceSlug > b.sourceSlug ? 1 : 0));
}

/**
 * Distinct cited deals per year (null: undated) and source, in one pass over the matching
 * deals' citations: the chart's per-year sources and its caption's sources both come from
 * it (they were two passes of 2.6 s each for "robot" on the synthetic database).
 */
const citedByYearFor = cache((key: string) => {
  const filters = JSON.parse(key) as DealFilters;
  if (countableFromKnownSummary(filters)) return knownCitedByYear(filters);
  if (countableFromOrganizationSummary(filters)) {
    // Each deal sits in one cell of its company's rows, so a source's distinct deals are
    // the sum of its cells over the matching companies, read packed, a row per company, in
    // the cube's statement (packedSums; row by row it was 58,772 summary rows for "robot"
    // at scale), summed per (cell, source) there and per (year, source) here under the
    // kind, status and year filters; the few sources found are read after.
    const byYearSource = new Map<number, number>();
    for (const [key, n] of packedSums(filters, "cell").sources) {
      const cell = Math.floor(key / SOURCE_KEY);
      const year = Math.floor(cell / 64);
      if (!facetPasses(DEAL_KINDS[Math.floor(cell / 8) % 8]!, filters.kind) || !facetPasses(DEAL_STATUSES[cell % 8]!, filters.status) || !yearPasses(year, filters)) continue;
      const k = year * YEAR_KEY + (key % SOURCE_KEY);
      byYearSource.set(k, (byYearSource.get(k) ?? 0) + n);
    }
    return yearSourceRows(byYearSource);
  }
  const year = sql<string | null>`substr(${deals.sortDate}, 1, 4)`;
  return getDb()
    .select({ year, sourceSlug: sources.slug, sourceTitle: sources.title, outlet: sources.outlet, publishedDate: sources.publishedDate, dateNote: sources.dateNote, n: sql<number>`count(DISTINCT ${deals.id})` })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .innerJoin(deals, eq(deals.id, citations.dealId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(and(dealConditions(filters), filters.asof ? citedOn(filters.asof) : undefined))
    .groupBy(year, sources.id)
    .orderBy(year, sources.slug)
    .all();
});
