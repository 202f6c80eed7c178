import { CapexTable } from "@/components/capex/capex-table";
import { KindLegend } from "@/components/capex/kind-legend";
import { ChartFigure } from "@/components/chart-figure";
import { CapexBarChart } from "@/components/charts/capex-bar-chart";
import { capexChartItems, capexChartSummary, listInWords } from "@/lib/views/capex";
import { pledgeChart } from "@/lib/views/sections/overview";
import { sectionSources } from "@/lib/views/section-sources";
import { getDataAsOf } from "@/lib/db/queries/meta";

/**
 * The pledge beside the two yardsticks the articles give for it: the previous decade's
 * total capex and what has been reported spent since. Three scopes, labelled on each bar.
 */
export async function PledgeChart({ asof }: { asof?: string }) {
  const { rows, against, citations, name } = pledgeChart(asof);
  const title = "The pledge against past and reported spending";
  const sources = sectionSources("pledge", citations);
  return (
    <ChartFigure
      dataAsOf={getDataAsOf(asof)}
      id="pledge"
      title={title}
      chart={<CapexBarChart id="pledge-chart" items={capexChartItems(rows, { scope: "labels" })} currency="CNY" box={{ width: 560, height: 320 }} summary={capexChartSummary(rows, { mode: "stated", currency: "CNY" })} />}
      caption={
        <>
          Alibaba&apos;s figures as stated, in yuan, each for its own period and scope (named under each bar), so
          the bars are yardsticks, not parts of one total.
          {against ? (
            <span data-testid="pledge-share">
              {" "}
              The reported spending is not progress against the pledge
              {against.caveats.length ? `: ${listInWords(against.caveats)}` : ""}; set against it, it would be{" "}
              {against.shareText} of the pledge.
            </span>
          ) : null}
          <KindLegend kinds={[...new Set(rows.map((r) => r.kind))]} />
        </>
      }
      table={<CapexTable rows={rows} caption={`${title}: as stated, in CNY.`} sources={sources} />}
      citations={citations}
      sources={sources}
      download={{ name, path: "/download", params: { table: "pledge", asof } }}
    />
  );
}
