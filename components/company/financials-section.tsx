import { ChartFigure } from "@/components/chart-figure";
import { factAnchor } from "@/lib/views/anchors";
import { FinancialChart } from "@/components/charts/financial-chart";
import { SelectionDownloads } from "@/components/selection-downloads";
import { type SortableColumn, SortableTable } from "@/components/sortable-table";
import { SourceRefs } from "@/components/source-refs";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { formatPercent } from "@/lib/domain/money";
import type { FinancialView } from "@/lib/views/records";
import type { Layer } from "@/lib/domain/vocabulary";
import { uniqueCitations } from "@/lib/views/capex";
import { financialChartName, financialSeries } from "@/lib/views/sections/company";
import { formatFigure, metricLabel, qualifierColumn, unitLabel } from "@/lib/domain/figures";
import { colourVar } from "@/lib/domain/palette";

// A company's figures are drawn in its layer's colour; one outside the portfolio in neutral ink.
const NEUTRAL = "var(--text-muted)";

function ChangeCell({ f }: { f: FinancialView }) {
  if (f.changePercent === null) return <span className="muted">not given</span>;
  return (
    <>
      {formatPercent(f.changePercent)}
      {f.changeBasis ? (
        <div className="muted" style={{ whiteSpace: "normal", minWidth: "18ch", maxWidth: "30ch", textAlign: "left" }}>
          {f.changeBasis}
        </div>
      ) : null}
    </>
  );
}

const CHART_TABLE_COLUMNS: SortableColumn[] = [
  { key: "period", label: "Period" },
  { key: "value", label: "Value", numeric: true },
  { key: "qualifier", label: "Qualifier" },
  { key: "sources", label: "Sources" },
];

export function FinancialsSection({
  figures,
  companyName,
  layer,
  dataAsOf,
  sources,
  download,
}: {
  figures: FinancialView[];
  sources: SectionSourceIndex;
  companyName: string;
  layer: Layer | null;
  dataAsOf: string | null;
  /** The page's download route and parameters for one of its tables. */
  download: (table: string) => { path: string; params: Record<string, string | undefined> };
}) {
  const { charted: charts, skipped } = financialSeries(figures);
  const chartDownload = (key: string) => {
    const { path, params } = download("financial-chart");
    return { path, params: { ...params, chart: key } };
  };
  return (
    <>
      <div className="toolbar" data-testid="financials-toolbar" style={{ marginBottom: "var(--space-2)" }}>
        <SelectionDownloads {...download("financials")} what={`${companyName}'s financial figures`} />
      </div>
      <div className="table-scroll" data-testid="financials-table">
        <table>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Qualifier</th>
              <th scope="col" className="num">
                Change vs prior period
              </th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.slug} id={factAnchor("financial", f.slug)} data-testid="financial-row" data-slug={f.slug}>
                <th scope="row" style={{ background: "none", color: "var(--text)", minWidth: "11rem" }}>
                  {metricLabel(f.metric)}
                  <div className="muted" style={{ fontWeight: 400 }}>
                    {f.description}
                  </div>
                </th>
                <td>{f.periodLabel}</td>
                <td className="num" data-testid="financial-value">
                  {formatFigure(f.value, f.unit, f.metric)}
                </td>
                <td>{qualifierColumn(f.qualifier)}</td>
                <td className="num">
                  <ChangeCell f={f} />
                </td>
                <td>
                  <SourceRefs index={sources} citations={f.citations} label={`${metricLabel(f.metric)}, ${f.periodLabel}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length ? (
        <ul className="muted" data-testid="financials-not-charted" style={{ marginTop: "var(--space-3)" }}>
          {skipped.map((g) => (
            <li key={g.key}>
              {metricLabel(g.metric)} ({unitLabel(g.unit)}) is not charted: {g.reason}.
            </li>
          ))}
        </ul>
      ) : null}
      {charts.length ? (
        <div className="grid grid-2" style={{ marginTop: "var(--space-4)" }}>
          {charts.map((s) => {
            const title = `${companyName}: ${metricLabel(s.metric).toLowerCase()} (${unitLabel(s.unit)})`;
            return (
              <ChartFigure
                dataAsOf={dataAsOf}
                key={s.key}
                id={`financial-${s.key}`}
                title={title}
                caption={
                  <>
                    The {s.figures.length} figures the sources give for this metric, as stated, in {unitLabel(s.unit)}, each
                    labelled with its period in the source&apos;s words. The bars compare what was reported; they do not
                    draw a trend between periods nobody measured.
                  </>
                }
                chart={
                  <FinancialChart
                    data={s.figures.map((f) => ({ label: f.periodLabel, value: f.value, qualifier: f.qualifier }))}
                    unit={s.unit}
                    metric={s.metric}
                    color={layer ? colourVar("layer", layer) : NEUTRAL}
                    seriesLabel={metricLabel(s.metric)}
                  />
                }
                table={
                  <SortableTable
                    columns={CHART_TABLE_COLUMNS}
                    caption={title}
                    testId={`financial-${s.key}-table`}
                    rows={s.figures.map((f) => ({
                      id: f.slug,
                      cells: {
                        // Periods sort by when they end; the source's own words are what is shown.
                        period: { sort: f.periodEnd ?? f.periodStart ?? f.periodLabel, display: f.periodLabel },
                        value: { sort: f.value, display: formatFigure(f.value, f.unit, f.metric) },
                        qualifier: { sort: qualifierColumn(f.qualifier), display: qualifierColumn(f.qualifier) },
                        sources: { sort: new Set(f.citations.map((c) => c.sourceSlug)).size, display: <SourceRefs index={sources} citations={f.citations} label={`${metricLabel(f.metric)}, ${f.periodLabel}`} /> },
                      },
                    }))}
                  />
                }
                download={{ name: financialChartName(companyName, s), ...chartDownload(s.key) }}
                citations={uniqueCitations(s.figures.flatMap((f) => f.citations))}
                sources={sources}
                sourcesListed
              />
            );
          })}
        </div>
      ) : null}
    </>
  );
}
