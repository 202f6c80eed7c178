"use client";

import { lazy, Suspense, useRef } from "react";
import type { DealsTimelineRow, DealsTimelineSeries } from "./series";
import { useBoxSize } from "./use-box-size";

const DealsTimelineChartPlot = lazy(() => import("./deals-timeline-chart-plot"));

/**
 * Deals per year, stacked by kind. Fed plain rows and a series config from the server;
 * Recharts loads in its own chunk once the page runs, so it is not one of the page's
 * first scripts.
 */
export function DealsTimelineChart({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {size ? (
        <Suspense fallback={null}>
          <DealsTimelineChartPlot data={data} series={series} />
        </Suspense>
      ) : null}
    </div>
  );
}
