"use client";

import { lazy } from "react";
import { ChartLegend } from "@/components/swatch";
import { svgFill } from "@/lib/domain/palette";
import { PaletteDefs } from "./palette-defs";
import type { DealsTimelineRow, DealsTimelineSeries } from "./series";
import { StaticColumns } from "./static-bars";
import { PlotBox } from "./plot-box";

const DealsTimelineChartPlot = lazy(() => import("./deals-timeline-chart-plot"));

// The first drawing's coordinate size: the box's on a desktop screen (1134 x 295 from
// 1280 px up), so the drawing fills it as the plot would.
const DRAWN = { width: 1130, height: 295 };

/**
 * Deals per year, stacked by kind. Fed plain rows and a series config from the server;
 * drawn as plain SVG with the page (static-bars.tsx), then by Recharts, which loads in its
 * own chunk only when the plot is wanted (use-box-size.ts), so it is not one of the page's
 * first scripts.
 */
export function DealsTimelineChart({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  const first = (
    <StaticColumns
      width={DRAWN.width}
      height={DRAWN.height}
      // The legend is the HTML one under the chart, shared with the Recharts drawing.
      legend={[]}
      defs={<PaletteDefs categories={["dealKind"]} />}
      columns={data.map((d) => ({ key: String(d.year), label: String(d.year), segments: series.map((s) => ({ value: d[s.key] ?? 0, fill: svgFill("dealKind", s.key) })) }))}
    />
  );
  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <PlotBox
        drawn={DRAWN}
        first={first}
        plot={() => <DealsTimelineChartPlot data={data} series={series} />}
        style={{ flex: "1 1 auto", minHeight: 0, width: "100%" }}
      />
      <ChartLegend items={series.map((s) => ({ category: "dealKind", value: s.key, label: s.label }))} />
    </div>
  );
}
