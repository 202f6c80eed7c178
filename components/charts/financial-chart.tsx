"use client";

import { lazy, Suspense, useRef } from "react";
import type { Qualifier } from "@/lib/domain/vocabulary";
import { useBoxSize } from "./use-box-size";

const FinancialChartPlot = lazy(() => import("./financial-chart-plot"));

export interface FinancialPoint {
  /** The period as the source words it. */
  label: string;
  value: number;
  qualifier: Qualifier;
}

/**
 * Figures of one metric in one unit, one bar per period the sources give (see
 * financial-chart-plot.tsx). Recharts loads in its own chunk once the page runs, so a
 * company page without charts never fetches it.
 */
export function FinancialChart(props: { data: FinancialPoint[]; unit: string; metric: string; color: string; seriesLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      {size ? (
        <Suspense fallback={null}>
          <FinancialChartPlot {...props} />
        </Suspense>
      ) : null}
    </div>
  );
}
