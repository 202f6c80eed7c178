import type { TableFile } from "@/lib/views/csv/download";
import { dealSortOf, dealsCsv, dealsCsvName, DEALS_CSV_LIMIT } from "@/lib/views/csv/deals";
import { buildFxTable } from "@/lib/domain/money";
import { citationsText, citationTexts, DEAL_KIND_LABELS } from "@/lib/domain/words";
import { DEAL_KINDS, type DealKind } from "@/lib/domain/vocabulary";
import { countUndatedDeals, dealCountsByYearAndKind, dealSourceSummary } from "@/lib/db/queries/deal-stats";
import { dealSourcesByYear } from "@/lib/db/queries/deal-year-sources";
import { boundedDealSort, countDeals, type DealFilters, dealYearRange, listDeals } from "@/lib/db/queries/deals";
import { listFxRates } from "@/lib/db/queries/spending";

/**
 * Deals per year by kind for a selection, read once for /deals' chart
 * (app/deals/_widgets/deals-per-year.tsx) and its download (`/deals/download?table=per-year`).
 * The years span the data's within the filter, so empty years show as gaps.
 */
export function dealsPerYear(filters: DealFilters, bounds: { from: number; to: number } | null = dealYearRange()) {
  const counts = dealCountsByYearAndKind(filters);
  const undated = countUndatedDeals(filters);
  const citations = dealSourceSummary(filters);
  const from = Math.max(filters.fromYear ?? -Infinity, bounds?.from ?? Infinity);
  const to = Math.min(filters.toYear ?? Infinity, bounds?.to ?? -Infinity);
  const years: number[] = [];
  for (let y = from; Number.isFinite(from) && y <= to; y++) years.push(y);
  const kinds: DealKind[] = DEAL_KINDS.filter((k) => counts.some((c) => c.kind === k));
  const countOf = (year: number, kind: DealKind) => counts.find((c) => c.year === year && c.kind === kind)?.count ?? 0;
  const totalOf = (year: number) => kinds.reduce((a, k) => a + countOf(year, k), 0);
  const dated = counts.reduce((a, c) => a + c.count, 0);
  const name = dealsCsvName(filters, false, "deals per year");
  // The file is the chart's rows: one per year, a count per kind, the total.
  const file = (): TableFile => {
    const yearSources = dealSourcesByYear(filters);
    return {
      name,
      data: {
        columns: ["year", ...kinds.map((k) => `${DEAL_KIND_LABELS[k]} (deals)`), "total (deals)"],
        rows: years.map((y) => [y, ...kinds.map((k) => countOf(y, k)), totalOf(y)]),
        rowSources: years.map((y) => citationsText(yearSources.get(y) ?? [], "no deal dated in this year")),
      },
      chartSources: citationTexts(citations),
    };
  };
  return { undated, citations, years, kinds, countOf, totalOf, dated, name, file };
}

/**
 * Every deal a /deals selection matches (up to DEALS_CSV_LIMIT, the name says when cut), in
 * the table's sort order, or the timeline's when no sort is given or too many deals match to
 * sort (boundedDealSort); with each amount in US dollars at the house rate.
 */
export function dealsSelectionFile(filters: DealFilters, sort: string | undefined): TableFile {
  const total = countDeals(filters);
  // The table's bound on sorting holds for its file too; the name then leaves the sort out.
  const by = sort ? boundedDealSort(dealSortOf(sort), total).sort : undefined;
  const deals = listDeals(filters, { limit: DEALS_CSV_LIMIT, order: "timeline", sort: by });
  return { name: dealsCsvName(filters, total > deals.length, "deals", by ? sort : undefined), data: dealsCsv(deals, undefined, buildFxTable(listFxRates())) };
}
