"use client";

import { lazy } from "react";
import type { FinancialPoint } from "./series";
import { formatFigure, formatQualifiedFigure } from "@/lib/domain/figures";
import { StaticBars } from "./static-bars";
import { PlotBox } from "./plot-box";

const FinancialChartPlot = lazy(() => import("./financial-chart-plot"));

// The first drawing's coordinate size.
const DRAWN = { width: 560, height: 280 };

/**
 * Figures of one metric in one unit, one bar per period the sources give (see
 * financial-chart-plot.tsx), first as plain SVG with the page (static-bars.tsx); Recharts
 * loads in its own chunk only when the plot is wanted (use-box-size.ts), so a company page
 * without charts never fetches it.
 */
export function FinancialChart(props: { data: FinancialPoint[]; unit: string; metric: string; color: string; seriesLabel: string }) {
  const first = (
    <StaticBars
      width={DRAWN.width}
      height={DRAWN.height}
      labelWidth={0}
      labelsAbove
      tickOptions={{ target: 4 }}
      format={(v) => formatFigure(v, props.unit, props.metric)}
      rows={props.data.map((d, i) => ({
        key: String(i),
        label: d.label,
        valueText: formatQualifiedFigure(d.value, props.unit, props.metric, d.qualifier),
        segments: [{ value: d.value, fill: props.color }],
      }))}
    />
  );
  return <PlotBox drawn={DRAWN} first={first} plot={() => <FinancialChartPlot {...props} />} style={{ width: "100%", height: "100%" }} />;
}
