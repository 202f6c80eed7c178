import { withAsof } from "@/lib/views/url";
import { ComparableFigure } from "@/components/capex/comparable-figure";
import { capexRows, comparableView, ratesUsed } from "@/lib/views/capex";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";

/** The /capex default, on the overview: Alibaba's pledge per year beside each competitor's closest figure. */
export async function CompetitorChart({ asof }: { asof?: string }) {
  const spending = listSpending({ asof });
  const fxRates = listFxRates();
  const dataAsOf = getDataAsOf();
  const view = comparableView(capexRows(spending, fxRates, { mode: "annual", currency: "USD", scope: "all" }));
  const shown = [...(view.anchor ? [view.anchor.row] : []), ...view.bars.map((b) => b.row)];
  return (
    <ComparableFigure
      id="competitors"
      view={view}
      currency="USD"
      rates={ratesUsed(shown)}
      title="Alibaba's pledge per year beside its competitors' closest figures"
      dataAsOf={dataAsOf}
      strictHref={withAsof("/capex?group=scope&mode=annual", asof)}
    />
  );
}
