import { ChartFigure } from "@/components/chart-figure";
import { DealsTimelineChart } from "@/components/charts/deals-timeline-chart";
import type { DealsTimelineRow, DealsTimelineSeries } from "@/components/charts/series";
import { type SortableColumn, type SortableRow, SortableTable } from "@/components/sortable-table";
import type { CsvData } from "@/lib/views/csv/download";
import { citationsText } from "@/lib/domain/words";
import { DEAL_KIND_LABELS } from "@/lib/domain/words";
import { dealsCsvName } from "@/lib/views/csv/deals";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { countUndatedDeals, dealCountsByYearAndKind, dealSourceSummary } from "@/lib/db/queries/deal-stats";
import { dealSourcesByYear } from "@/lib/db/queries/deal-year-sources";
import type { DealFilters } from "@/lib/db/queries/deals";
import { DEAL_KINDS } from "@/lib/domain/vocabulary";


/** Deals per year by kind for the current filters: a chart with the same counts as a table. */
export async function DealsPerYear({ filters, bounds }: { filters: DealFilters; bounds: { from: number; to: number } | null }) {
  const counts = dealCountsByYearAndKind(filters);
  const undated = countUndatedDeals(filters);
  const citations = dealSourceSummary(filters);
  const yearSources = dealSourcesByYear(filters);

  // The axis spans the data's years within the filter, so empty years show as gaps.
  const from = Math.max(filters.fromYear ?? -Infinity, bounds?.from ?? Infinity);
  const to = Math.min(filters.toYear ?? Infinity, bounds?.to ?? -Infinity);
  const years: number[] = [];
  for (let y = from; Number.isFinite(from) && y <= to; y++) years.push(y);

  const kinds = DEAL_KINDS.filter((k) => counts.some((c) => c.kind === k));
  const series: DealsTimelineSeries[] = kinds.map((k) => ({ key: k, label: DEAL_KIND_LABELS[k] }));
  const rows: DealsTimelineRow[] = years.map((year) => {
    const row: DealsTimelineRow = { year } as DealsTimelineRow;
    for (const k of kinds) row[k] = counts.find((c) => c.year === year && c.kind === k)?.count ?? 0;
    return row;
  });
  const total = (row: DealsTimelineRow) => kinds.reduce((a, k) => a + (row[k] ?? 0), 0);
  const dated = counts.reduce((a, c) => a + c.count, 0);

  // The table and the CSV are the chart's rows: one per year, a count per kind, the total.
  const columns: SortableColumn[] = [
    { key: "year", label: "Year" },
    ...series.map((k) => ({ key: k.key, label: k.label, numeric: true })),
    { key: "total", label: "Total", numeric: true },
  ];
  const tableRows: SortableRow[] = rows.map((r) => ({
    id: String(r.year),
    cells: {
      year: { sort: r.year, display: <span data-testid="year">{r.year}</span> },
      ...Object.fromEntries(series.map((k) => [k.key, { sort: r[k.key] ?? 0, display: r[k.key] ?? 0 }])),
      total: { sort: total(r), display: <span data-testid="year-total">{total(r)}</span> },
    },
  }));
  const csv: CsvData = {
    columns: ["year", ...series.map((k) => `${k.label} (deals)`), "total (deals)"],
    rows: rows.map((r) => [r.year, ...series.map((k) => r[k.key] ?? 0), total(r)]),
    rowSources: rows.map((r) => citationsText(yearSources.get(r.year) ?? [], "no deal dated in this year")),
  };

  return (
    <ChartFigure
      dataAsOf={getDataAsOf()}
      id="deals-per-year"
      title="Deals per year, by kind"
      caption={
        <>
          Number of dated deals in each year for the current filters ({dated} in all), stacked by kind. A deal counts in
          the first year its date can mean: &ldquo;2023 or later&rdquo; counts in 2023.
          {undated > 0 ? ` ${undated} deal${undated === 1 ? " has" : "s have"} no date and ${undated === 1 ? "is" : "are"} not on the chart.` : ""}
        </>
      }
      chart={
        dated > 0 ? (
          <DealsTimelineChart data={rows} series={series} />
        ) : (
          <p className="muted">No dated deals match these filters.</p>
        )
      }
      table={<SortableTable columns={columns} rows={tableRows} caption="Dated deals per year and kind" testId="deals-per-year-table" />}
      citations={citations}
      download={{ name: dealsCsvName(filters, false, "deals per year"), data: csv }}
    />
  );
}
