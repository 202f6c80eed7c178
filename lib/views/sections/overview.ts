import type { TableFile } from "@/lib/views/csv/download";
import { capexCsv, comparableFile } from "@/lib/views/csv/capex";
import { recentDealsCsv } from "@/lib/views/csv/deals";
import { capexRows, comparableView, pledgeContext, rowCitations, spendingAgainstPledge, uniqueCitations } from "@/lib/views/capex";
import { citationsText, citationTexts, LAYER_LABELS } from "@/lib/domain/words";
import { RELATIONSHIPS, type Relationship } from "@/lib/domain/vocabulary";
import { listDeals } from "@/lib/db/queries/deals";
import { listLayers, portfolioByLayerAndRelationship, positionCitations } from "@/lib/db/queries/portfolio";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";
import type { OVERVIEW_TABLES } from "@/lib/validation/params";

/**
 * The overview's tables, each loaded by one function that both its widget
 * (app/(overview)/_widgets) and the page's download route (app/(overview)/download) call,
 * so the file holds exactly the rows the widget shows.
 */

/** The pledge beside the previous decade's capex and what has been reported spent, as stated, in yuan. */
export function pledgeChart(asof: string | undefined) {
  const spending = listSpending({ organization: "alibaba", asof });
  const fxRates = listFxRates();
  const ctx = pledgeContext(spending);
  const picked = [ctx.pledge, ctx.baseline, ctx.reported].filter((s) => s !== null);
  const rows = capexRows(picked, fxRates, { mode: "stated", currency: "CNY", scope: "all" });
  const against = ctx.pledge && ctx.reported ? spendingAgainstPledge(ctx.pledge, ctx.reported, fxRates) : null;
  const citations = rowCitations(rows);
  const name = "capex pledge against past and reported spending";
  const file = (): TableFile => ({ name, data: capexCsv(rows), chartSources: citationTexts(citations) });
  return { rows, against, citations, name, file };
}

/** Companies per layer, split by Alibaba's tie to them: one row per layer, a count per relationship present. */
export function portfolioChart(asof: string | undefined) {
  const counts = portfolioByLayerAndRelationship(asof);
  const layers = listLayers(asof);
  // Every position's sources, not a page of positions': the bars count every company.
  const cited = positionCitations(asof);
  const present: Relationship[] = RELATIONSHIPS.filter((r) => counts.some((c) => c.relationship === r));
  const countOf = (layer: string, r: Relationship) => counts.find((c) => c.layer === layer && c.relationship === r)?.companyCount ?? 0;
  const citationsOf = (layer: string) => uniqueCitations(cited.filter((c) => c.layer === layer).map((c) => c.citation));
  const citations = uniqueCitations(cited.map((c) => c.citation));
  // The file holds the same numbers as the bars and the table, one row per layer.
  const name = "portfolio by layer and relationship";
  const file = (): TableFile => ({
    name,
    data: {
      columns: ["layer", ...present, "total", "unit"],
      rows: layers.map((l) => [LAYER_LABELS[l.slug], ...present.map((r) => countOf(l.slug, r)), l.companyCount, "companies"]),
      rowSources: layers.map((l) => citationsText(citationsOf(l.slug))),
    },
    chartSources: citationTexts(citations),
  });
  return { layers, present, countOf, citationsOf, citations, name, file };
}

/** Per year, in one currency: Alibaba's pledge beside each competitor's closest figure (also /capex's default view). */
export function comparableChart(asof: string | undefined, currency: "USD" | "CNY") {
  const view = comparableView(capexRows(listSpending({ asof }), listFxRates(), { mode: "annual", currency, scope: "all" }));
  const shown = [...(view.anchor ? [view.anchor.row] : []), ...view.bars.map((b) => b.row)];
  return { view, shown, file: () => comparableFile(view, currency) };
}

/** The six newest deals. */
export function recentDeals(asof: string | undefined) {
  const deals = listDeals({ asof }, { order: "recent", limit: 6 });
  return { deals, file: (): TableFile => ({ name: "recent deals", data: recentDealsCsv(deals) }) };
}

export function overviewTable(table: (typeof OVERVIEW_TABLES)[number], asof: string | undefined): TableFile {
  switch (table) {
    case "pledge":
      return pledgeChart(asof).file();
    case "portfolio":
      return portfolioChart(asof).file();
    case "competitors":
      return comparableChart(asof, "USD").file();
    case "recent-deals":
      return recentDeals(asof).file();
  }
}
