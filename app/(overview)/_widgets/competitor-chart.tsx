import { withAsof } from "@/lib/views/url";
import { ComparableFigure } from "@/components/capex/comparable-figure";
import { comparableChart } from "@/lib/views/sections/overview";

/** The /capex default, on the overview: Alibaba's pledge per year beside each competitor's closest figure. */
export async function CompetitorChart({ asof }: { asof?: string }) {
  const { view } = comparableChart(asof, "USD");
  return (
    <ComparableFigure
      id="competitors"
      view={view}
      currency="USD"
      title="Alibaba's pledge per year beside its competitors' closest figures, in USD"
      strictHref={withAsof("/capex?group=scope&mode=annual", asof)}
      download={{ path: "/download", params: { table: "competitors", asof } }}
    />
  );
}
