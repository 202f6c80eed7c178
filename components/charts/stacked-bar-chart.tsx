"use client";

import { lazy } from "react";
import { formatCountShort } from "@/lib/domain/money";
import { ChartLegend } from "@/components/swatch";
import { colourVar, svgFill } from "@/lib/domain/palette";
import { PaletteDefs } from "./palette-defs";
import type { SeriesConfig, StackedDatum } from "./series";
import { StaticBars } from "./static-bars";
import { PlotBox } from "./plot-box";

const StackedBarChartPlot = lazy(() => import("./stacked-bar-chart-plot"));

// The first drawing's coordinate size.
const DRAWN = { width: 560, height: 280 };

/**
 * Counts per category, stacked by series (companies per layer by relationship). Each
 * segment carries its count as text and the legend names every series, so the colours
 * are never the only way to read it. The page's HTML carries a plain SVG drawing
 * (static-bars.tsx); Recharts loads in its own chunk when the plot is wanted
 * (use-box-size.ts) and replaces it. The box, summary and legend are rendered with the page.
 */
export function StackedBarChart({
  id,
  data,
  series,
  summary,
  valueLabel,
}: {
  id: string;
  data: StackedDatum[];
  series: SeriesConfig[];
  summary: string;
  valueLabel: string;
}) {
  const first = (
    <StaticBars
      width={DRAWN.width}
      height={DRAWN.height}
      labelWidth={130}
      tickOptions={{ integer: true }}
      axisLabel={valueLabel}
      format={formatCountShort}
      defs={<PaletteDefs categories={[...new Set(series.map((s) => s.category))]} />}
      rows={data.map((d) => ({
        key: d.category,
        label: d.label,
        segments: series.map((s) => {
          const v = typeof d[s.key] === "number" ? (d[s.key] as number) : 0;
          return { value: v, fill: svgFill(s.category, s.key), stroke: colourVar(s.category, s.key), text: v > 0 ? formatCountShort(v) : undefined };
        }),
      }))}
    />
  );

  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <PlotBox
        role="img"
        aria-label={summary}
        data-testid={`${id}-svg`}
        drawn={DRAWN}
        first={first}
        plot={(size) => <StackedBarChartPlot data={data} series={series} valueLabel={valueLabel} size={size} />}
        style={{ flex: "1 1 auto", minHeight: 0, width: "100%" }}
      />
      <ChartLegend items={series.map((s) => ({ category: s.category, value: s.key, label: s.label }))} />
    </div>
  );
}
