import { CapexTable } from "@/components/capex/capex-table";
import { KindLegend } from "@/components/capex/kind-legend";
import { ChartFigure } from "@/components/chart-figure";
import { CapexBarChart } from "@/components/charts/capex-bar-chart";
import { capexChartItems, capexChartSummary, capexRows, pledgeContext, rowCitations } from "@/lib/views/capex";
import { capexCsv } from "@/lib/views/csv/capex";
import { SCOPE_LABELS } from "@/lib/domain/words";
import { formatNumber } from "@/lib/domain/money";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";

/**
 * The pledge beside the two yardsticks the articles give for it: the previous decade's
 * total capex and what has been reported spent since. Three scopes, labelled on each bar.
 */
export async function PledgeChart() {
  const spending = listSpending({ organization: "alibaba" });
  const fxRates = listFxRates();
  const ctx = pledgeContext(spending);
  const picked = [ctx.pledge, ctx.baseline, ctx.reported].filter((s) => s !== null);
  const rows = capexRows(picked, fxRates, { mode: "stated", currency: "CNY", scope: "all" });
  const pledge = rows.find((r) => r.slug === ctx.pledge?.slug);
  const reported = rows.find((r) => r.slug === ctx.reported?.slug);
  const share = pledge?.value && reported?.value ? (100 * reported.value) / pledge.value : null;
  const title = "The pledge against past and reported spending";
  return (
    <ChartFigure
      dataAsOf={getDataAsOf()}
      id="pledge"
      title={title}
      chart={<CapexBarChart id="pledge-chart" items={capexChartItems(rows, { scope: "labels" })} currency="CNY" box={{ width: 560, height: 320 }} summary={capexChartSummary(rows, { mode: "stated", currency: "CNY" })} />}
      caption={
        <>
          Alibaba&apos;s figures as stated, in yuan, each for its own period and scope (named under each bar), so
          the bars are yardsticks, not parts of one total.
          {share !== null && reported && pledge ? (
            <>
              {" "}
              The spending reported so far is about {formatNumber(share, { maximumFractionDigits: 0 })}% of the pledge, a
              rough indication only: it covers {SCOPE_LABELS[reported.scope]}, not {SCOPE_LABELS[pledge.scope]}, over{" "}
              {reported.periodShort}.
            </>
          ) : null}
          <KindLegend kinds={[...new Set(rows.map((r) => r.kind))]} />
        </>
      }
      table={<CapexTable rows={rows} caption={`${title}: as stated, in CNY.`} />}
      citations={rowCitations(rows)}
      download={{ name: "capex pledge against past and reported spending", data: capexCsv(rows) }}
    />
  );
}
