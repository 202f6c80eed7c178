import { ChartFigure } from "@/components/chart-figure";
import { DealsTimelineChart } from "@/components/charts/deals-timeline-chart";
import type { DealsTimelineRow, DealsTimelineSeries } from "@/components/charts/series";
import { type SortableColumn, type SortableRow, SortableTable } from "@/components/sortable-table";
import { DEAL_KIND_LABELS } from "@/lib/domain/words";
import { countNoun, formatCount, formatNumber } from "@/lib/domain/money";
import { dealsPerYear } from "@/lib/views/sections/deals";
import type { DealsUrlState } from "@/lib/views/deals-url";
import { getDataAsOf } from "@/lib/db/queries/meta";
import type { DealFilters } from "@/lib/db/queries/deals";

/** Deals per year by kind for the current filters: a chart with the same counts as a table. */
export async function DealsPerYear({ filters, bounds, state }: { filters: DealFilters; bounds: { from: number; to: number } | null; state: DealsUrlState }) {
  const { undated, citations, years, kinds, countOf, totalOf, dated, name } = dealsPerYear(filters, bounds);
  const series: DealsTimelineSeries[] = kinds.map((k) => ({ key: k, label: DEAL_KIND_LABELS[k] }));
  const rows: DealsTimelineRow[] = years.map((year) => {
    const row: DealsTimelineRow = { year } as DealsTimelineRow;
    for (const k of kinds) row[k] = countOf(year, k);
    return row;
  });

  // The table is the chart's rows (and the download's): one per year, a count per kind, the total.
  const columns: SortableColumn[] = [
    { key: "year", label: "Year" },
    ...series.map((k) => ({ key: k.key, label: k.label, numeric: true })),
    { key: "total", label: "Total", numeric: true },
  ];
  const tableRows: SortableRow[] = rows.map((r) => ({
    id: String(r.year),
    cells: {
      year: { sort: r.year, display: <span data-testid="year">{r.year}</span> },
      ...Object.fromEntries(series.map((k) => [k.key, { sort: r[k.key] ?? 0, display: formatNumber(r[k.key] ?? 0) }])),
      total: { sort: totalOf(r.year), display: <span data-testid="year-total">{formatNumber(totalOf(r.year))}</span> },
    },
  }));
  // The filters and the day, not the view, the sort or the page: the file is the chart's.
  const { view: _view, sort: _sort, ...params } = state;
  void _view;
  void _sort;
  return (
    <ChartFigure
      dataAsOf={getDataAsOf(filters.asof)}
      id="deals-per-year"
      title="Deals per year, by kind"
      caption={
        <>
          Number of dated deals in each year for the current filters ({formatNumber(dated)} in all), stacked by kind. A deal counts in
          the first year its date can mean: &ldquo;2023 or later&rdquo; counts in 2023.
          {undated > 0 ? ` ${formatCount(undated, "deal")} ${countNoun(undated, "has", "have")} no date and ${countNoun(undated, "is", "are")} not on the chart.` : ""}
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
      download={{ name, path: "/deals/download", params: { ...params, table: "per-year" } }}
    />
  );
}
