import { ChartFigure } from "@/components/chart-figure";
import { factAnchor } from "@/lib/views/anchors";
import { FinancialChart } from "@/components/charts/financial-chart";
import { DownloadCsvButton } from "@/components/download-buttons";
import { type SortableColumn, SortableTable } from "@/components/sortable-table";
import { SourceRefs } from "@/components/source-refs";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { formatPercent } from "@/lib/domain/money";
import type { CitationView } from "@/lib/views/records";
import type { FinancialView } from "@/lib/views/records";
import type { Layer } from "@/lib/domain/vocabulary";
import { financialSeriesCsv, financialsCsv } from "@/lib/views/csv/company";
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

type Group = { key: string; metric: string; unit: string; figures: FinancialView[] };

/** A period's length in days, or null when the source gives no dates. */
function periodDays(f: FinancialView): number | null {
  if (!f.periodStart || !f.periodEnd) return null;
  return (Date.parse(f.periodEnd) - Date.parse(f.periodStart)) / 86_400_000 + 1;
}

/**
 * Why a group's figures cannot share a bar chart's axis, or null when they can: readings of
 * a single day are points, not bars; a cumulative figure over years and one quarter are not
 * comparable heights; a period without dates cannot be compared at all. Such groups stay in
 * the table, and the page says why they are not drawn.
 */
export function whyNotCharted(figures: FinancialView[]): string | null {
  const days = figures.map(periodDays);
  if (days.some((d) => d === null)) return "at least one figure has no dated period, so the periods cannot be compared";
  if (days.every((d) => d === 1)) return "every figure is a reading of a single day: the values are listed in the table, not drawn as bars";
  const lengths = days as number[];
  if (Math.max(...lengths) > 1.5 * Math.min(...lengths)) {
    return `the periods differ in length (${figures.map((f) => f.periodLabel).join("; ")}), so bars of them on one axis would mislead`;
  }
  return null;
}

/** Metric-and-unit groups with two or more figures: the only ones worth drawing, split by whether they can be. */
function series(figures: FinancialView[]): { charted: Group[]; skipped: (Group & { reason: string })[] } {
  const groups = new Map<string, FinancialView[]>();
  for (const f of figures) groups.set(`${f.metric}|${f.unit}`, [...(groups.get(`${f.metric}|${f.unit}`) ?? []), f]);
  const all = [...groups]
    .filter(([, list]) => list.length >= 2)
    .map(([key, list]) => ({ key: key.replace("|", "-").toLowerCase(), metric: list[0]!.metric, unit: list[0]!.unit, figures: list }));
  const charted: Group[] = [];
  const skipped: (Group & { reason: string })[] = [];
  for (const g of all) {
    const reason = whyNotCharted(g.figures);
    if (reason) skipped.push({ ...g, reason });
    else charted.push(g);
  }
  return { charted, skipped };
}

function uniqueCitations(list: CitationView[]): CitationView[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.sourceSlug}|${c.locator}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
}: {
  figures: FinancialView[];
  sources: SectionSourceIndex;
  companyName: string;
  layer: Layer | null;
  dataAsOf: string | null;
}) {
  const { charted: charts, skipped } = series(figures);
  return (
    <>
      <div className="toolbar" data-testid="financials-toolbar" style={{ marginBottom: "var(--space-2)" }}>
        <DownloadCsvButton name={`${companyName} financial figures`} data={financialsCsv(figures)} dataAsOf={dataAsOf} />
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
                download={{ name: `${companyName} ${metricLabel(s.metric)} ${s.unit}`, data: financialSeriesCsv(s.figures) }}
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
