import { ChartFigure } from "@/components/chart-figure";
import { formatCount, formatNumber } from "@/lib/domain/money";
import type { SeriesConfig, StackedDatum } from "@/components/charts/series";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { type SortableColumn, type SortableRow, SortableTable } from "@/components/sortable-table";
import { SourceRefs } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import { portfolioChart } from "@/lib/views/sections/overview";
import { LAYER_LABELS, RELATIONSHIP_LABELS } from "@/lib/domain/words";
import { getDataAsOf } from "@/lib/db/queries/meta";

/** Companies per layer, split by how Alibaba is tied to them. */
export async function PortfolioChart({ asof }: { asof?: string }) {
  const { layers, present, countOf, citationsOf, citations, name } = portfolioChart(asof);
  const series: SeriesConfig[] = present.map((r) => ({ key: r, label: RELATIONSHIP_LABELS[r], category: "relationship" }));
  const data: StackedDatum[] = layers.map((l) => {
    const row: StackedDatum = { category: l.slug, label: LAYER_LABELS[l.slug].replace(" layer", "") };
    for (const r of present) row[r] = countOf(l.slug, r);
    return row;
  });
  const summary = `Stacked bar chart of companies per layer by relationship. ${layers
    .map((l) => `${LAYER_LABELS[l.slug]}: ${formatCount(l.companyCount, "company", "companies")} (${present
      .map((r) => ({ r, n: countOf(l.slug, r) }))
      .filter((x) => x.n > 0)
      .map((x) => `${formatNumber(x.n)} ${RELATIONSHIP_LABELS[x.r].toLowerCase()}`)
      .join(", ")})`)
    .join("; ")}.`;
  const sources = sectionSources("portfolio", citations);

  // The table holds the same numbers as the bars (and the download), one row per layer.
  const columns: SortableColumn[] = [
    { key: "layer", label: "Layer" },
    ...series.map((s) => ({ key: s.key, label: s.label, numeric: true })),
    { key: "total", label: "Total", numeric: true },
    { key: "sources", label: "Sources" },
  ];
  const tableRows: SortableRow[] = layers.map((l, i) => ({
    id: l.slug,
    cells: {
      layer: { sort: l.sortOrder, display: <strong>{LAYER_LABELS[l.slug]}</strong> },
      ...Object.fromEntries(series.map((s) => [s.key, { sort: Number(data[i]![s.key]), display: formatNumber(Number(data[i]![s.key])) }])),
      total: { sort: l.companyCount, display: <span data-testid="portfolio-total">{formatNumber(l.companyCount)}</span> },
      sources: { sort: new Set(citationsOf(l.slug).map((c) => c.sourceSlug)).size, display: <SourceRefs index={sources} citations={citationsOf(l.slug)} label={LAYER_LABELS[l.slug]} /> },
    },
  }));

  return (
    <ChartFigure
      dataAsOf={getDataAsOf(asof)}
      id="portfolio"
      title="Portfolio by layer and relationship"
      chart={<StackedBarChart id="portfolio-chart" data={data} series={series} summary={summary} valueLabel="companies" />}
      caption={<>Number of companies in each layer of the AI stack, split by Alibaba&apos;s tie to them (owned, invested in, partnered or rumoured).</>}
      table={<SortableTable columns={columns} rows={tableRows} caption="Companies per layer and relationship" testId="portfolio-table" />}
      citations={citations}
      sources={sources}
      download={{ name, path: "/download", params: { table: "portfolio", asof } }}
    />
  );
}
