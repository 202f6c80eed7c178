import Link from "next/link";
import { CapexTable } from "@/components/capex/capex-table";
import { KindLegend } from "@/components/capex/kind-legend";
import { ChartFigure } from "@/components/chart-figure";
import { CapexBarChart } from "@/components/charts/capex-bar-chart";
import { capexChartItems, capexChartSummary, capexRows, type CapexSelection, groupByScope, ratesUsed, rowCitations } from "@/lib/views/capex";
import { capexCsv, capexDownloadName } from "@/lib/views/csv/capex";
import { rateLabel } from "@/lib/domain/money";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";

const SELECTION: CapexSelection = { mode: "annual", currency: "USD", scope: "all" };

/** Every spending figure per year in US dollars, grouped by scope: the /capex default, condensed. */
export async function CompetitorChart() {
  const spending = listSpending();
  const fxRates = listFxRates();
  const rows = capexRows(spending, fxRates, SELECTION);
  const plotted = rows.filter((r) => r.plotted);
  const title = "Alibaba and its competitors, per year";
  return (
    <ChartFigure
      dataAsOf={getDataAsOf()}
      id="competitors"
      title={title}
      tall
      chart={<CapexBarChart id="competitors-chart" items={capexChartItems(rows, { scope: "headings" })} currency="USD" box={{ width: 1000, height: 420 }} summary={capexChartSummary(rows, SELECTION)} />}
      caption={
        <>
          Per year in US dollars: multi-year totals averaged, sub-year figures scaled up to a year (run-rate, * on a narrow screen). Grouped by scope (
          {groupByScope(plotted)
            .map((g) => g.label)
            .join(", ")}
          ); figures of different scope are not comparable and are never added up. Rates: {ratesUsed(plotted).map(rateLabel).join("; ")}
          . <Link href="/capex?mode=annual" prefetch={false}>Compare in detail</Link>.
          <KindLegend />
        </>
      }
      table={<CapexTable rows={rows} caption={`${title}, in USD, grouped by scope.`} />}
      citations={rowCitations(rows)}
      download={{ name: capexDownloadName(SELECTION), data: capexCsv(rows) }}
    />
  );
}
