"use client";

import { lazy, Suspense, useRef } from "react";
import type { DealsTimelineRow, DealsTimelineSeries } from "./series";
import { StaticColumns } from "./static-bars";
import { useBoxSize } from "./use-box-size";

const DealsTimelineChartPlot = lazy(() => import("./deals-timeline-chart-plot"));

/**
 * Deals per year, stacked by kind. Fed plain rows and a series config from the server;
 * drawn as plain SVG with the page (static-bars.tsx), then by Recharts, which loads in its
 * own chunk once the page runs, so it is not one of the page's first scripts.
 */
export function DealsTimelineChart({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);
  const first = (
    <StaticColumns
      width={960}
      height={320}
      legend={series.map((s) => ({ label: s.label, colour: s.color }))}
      columns={data.map((d) => ({ key: String(d.year), label: String(d.year), segments: series.map((s) => ({ value: d[s.key] ?? 0, fill: s.color })) }))}
    />
  );
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {size ? (
        <Suspense fallback={first}>
          <DealsTimelineChartPlot data={data} series={series} />
        </Suspense>
      ) : (
        first
      )}
    </div>
  );
}
