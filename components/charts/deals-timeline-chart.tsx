"use client";

import { lazy, Suspense, useRef } from "react";
import { ChartLegend } from "@/components/swatch";
import { useBoxSize } from "./use-box-size";

const DealsTimelineChartPlot = lazy(() => import("./deals-timeline-chart-plot"));

/** A deal kind and its name; the colour and pattern are the palette's for that kind. */
export interface DealsTimelineSeries {
  key: string;
  label: string;
}

export type DealsTimelineRow = { year: number } & Record<string, number>;

/**
 * Deals per year, stacked by kind. Fed plain rows and a series config from the server;
 * Recharts loads in its own chunk once the page runs, so it is not one of the page's
 * first scripts.
 */
export function DealsTimelineChart({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);
  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <div ref={ref} style={{ flex: "1 1 auto", minHeight: 0, width: "100%" }}>
        {size ? (
          <Suspense fallback={null}>
            <DealsTimelineChartPlot data={data} series={series} />
          </Suspense>
        ) : null}
      </div>
      <ChartLegend items={series.map((s) => ({ category: "dealKind", value: s.key, label: s.label }))} />
    </div>
  );
}
