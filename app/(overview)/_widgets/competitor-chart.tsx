import { ComparableFigure } from "@/components/capex/comparable-figure";
import { capexRows, comparableView, ratesUsed } from "@/lib/views/capex";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";

/** The /capex default, on the overview: Alibaba's pledge per year beside each competitor's closest figure. */
export async function CompetitorChart() {
  const spending = listSpending();
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
      strictHref="/capex?group=scope&mode=annual"
    />
  );
}
