import { ChartFigure } from "@/components/chart-figure";
import { DealsTimelineChart, type DealsTimelineRow, type DealsTimelineSeries } from "@/components/charts/deals-timeline-chart";
import { DEAL_KIND_LABELS } from "@/lib/format";
import { countUndatedDeals, dealCountsByYearAndKind, dealSourceSummary } from "@/lib/queries/deal-stats";
import type { DealFilters } from "@/lib/queries/deals";
import { DEAL_KINDS, type DealKind } from "@/lib/validation/dataset";

// Distinct hues with text labels in the legend and table; rumours in red like their badge.
const KIND_COLORS: Record<DealKind, string> = {
  "equity-investment": "#1d4ed8",
  acquisition: "#7c3aed",
  "joint-venture": "#047857",
  partnership: "#b45309",
  reorganisation: "#475569",
  "rumoured-investment": "#b91c1c",
};

/** Deals per year by kind for the current filters: a chart with the same counts as a table. */
export async function DealsPerYear({ filters, bounds }: { filters: DealFilters; bounds: { from: number; to: number } | null }) {
  const counts = dealCountsByYearAndKind(filters);
  const undated = countUndatedDeals(filters);
  const citations = dealSourceSummary(filters);

  // The axis spans the data's years within the filter, so empty years show as gaps.
  const from = Math.max(filters.fromYear ?? -Infinity, bounds?.from ?? Infinity);
  const to = Math.min(filters.toYear ?? Infinity, bounds?.to ?? -Infinity);
  const years: number[] = [];
  for (let y = from; Number.isFinite(from) && y <= to; y++) years.push(y);

  const kinds = DEAL_KINDS.filter((k) => counts.some((c) => c.kind === k));
  const series: DealsTimelineSeries[] = kinds.map((k) => ({ key: k, label: DEAL_KIND_LABELS[k], color: KIND_COLORS[k] }));
  const rows: DealsTimelineRow[] = years.map((year) => {
    const row: DealsTimelineRow = { year } as DealsTimelineRow;
    for (const k of kinds) row[k] = counts.find((c) => c.year === year && c.kind === k)?.count ?? 0;
    return row;
  });
  const total = (row: DealsTimelineRow) => kinds.reduce((a, k) => a + (row[k] ?? 0), 0);
  const dated = counts.reduce((a, c) => a + c.count, 0);

  return (
    <ChartFigure
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
      table={
        <table data-testid="deals-per-year-table">
          <caption className="muted" style={{ textAlign: "left", padding: "var(--space-2) var(--space-3)" }}>
            Dated deals per year and kind
          </caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.label}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                {series.map((s) => (
                  <td key={s.key} className="num">
                    {r[s.key]}
                  </td>
                ))}
                <td className="num" data-testid="year-total">
                  {total(r)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      citations={citations}
    />
  );
}
