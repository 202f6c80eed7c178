import { ChartFigure } from "@/components/chart-figure";
import type { SeriesConfig } from "@/components/charts/series";
import { type StackedDatum, StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { uniqueCitations } from "@/lib/capex";
import { LAYER_LABELS, RELATIONSHIP_LABELS } from "@/lib/format";
import { listLayers, listPortfolio, portfolioByLayerAndRelationship } from "@/lib/queries/portfolio";
import type { Relationship } from "@/lib/validation/dataset";

// Distinct hues, each with white count labels readable on it; the legend names them.
const RELATIONSHIP_COLOURS: Record<Relationship, string> = {
  subsidiary: "#1d4ed8",
  "in-house": "#0e7490",
  "equity-investment": "#7c3aed",
  acquisition: "#be185d",
  "joint-venture": "#047857",
  partnership: "#b45309",
  rumoured: "#4b5563",
};
const ORDER = Object.keys(RELATIONSHIP_COLOURS) as Relationship[];

/** Companies per layer, split by how Alibaba is tied to them. */
export async function PortfolioChart() {
  const [counts, layers, portfolio] = await Promise.all([portfolioByLayerAndRelationship(), listLayers(), listPortfolio()]);
  const present = ORDER.filter((r) => counts.some((c) => c.relationship === r));
  const series: SeriesConfig[] = present.map((r) => ({ key: r, label: RELATIONSHIP_LABELS[r], colour: RELATIONSHIP_COLOURS[r] }));
  const data: StackedDatum[] = layers.map((l) => {
    const row: StackedDatum = { category: l.slug, label: LAYER_LABELS[l.slug].replace(" layer", "") };
    for (const r of present) row[r] = counts.find((c) => c.layer === l.slug && c.relationship === r)?.companyCount ?? 0;
    return row;
  });
  const summary = `Stacked bar chart of companies per layer by relationship. ${layers
    .map((l) => `${LAYER_LABELS[l.slug]}: ${l.companyCount} companies (${present
      .map((r) => ({ r, n: counts.find((c) => c.layer === l.slug && c.relationship === r)?.companyCount ?? 0 }))
      .filter((x) => x.n > 0)
      .map((x) => `${x.n} ${RELATIONSHIP_LABELS[x.r].toLowerCase()}`)
      .join(", ")})`)
    .join("; ")}.`;
  return (
    <ChartFigure
      id="portfolio"
      title="Portfolio by layer and relationship"
      chart={<StackedBarChart id="portfolio-chart" data={data} series={series} summary={summary} valueLabel="companies" />}
      caption={<>Number of companies in each layer of the AI stack, split by Alibaba&apos;s tie to them (owned, invested in, partnered or rumoured).</>}
      table={
        <table data-testid="portfolio-table">
          <thead>
            <tr>
              <th scope="col">Layer</th>
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
            {layers.map((l, i) => (
              <tr key={l.slug} data-layer={l.slug} data-count={l.companyCount}>
                <th scope="row">{LAYER_LABELS[l.slug]}</th>
                {series.map((s) => (
                  <td key={s.key} className="num">
                    {data[i]![s.key]}
                  </td>
                ))}
                <td className="num">{l.companyCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      citations={uniqueCitations(portfolio.flatMap((p) => p.citations))}
    />
  );
}
