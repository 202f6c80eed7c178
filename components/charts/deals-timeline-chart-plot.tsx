"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { DealsTimelineRow, DealsTimelineSeries } from "./series";

/**
 * The Recharts drawing of DealsTimelineChart, sized by its fixed-height parent
 * (`responsive`), so there is no ResponsiveContainer.
 */
export default function DealsTimelineChartPlot({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  return (
    <BarChart
      responsive
      data={data}
      style={{ width: "100%", height: "100%" }}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      accessibilityLayer
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="year" tickLine={false} interval="preserveStartEnd" minTickGap={8} fontSize={12} />
      <YAxis allowDecimals={false} tickLine={false} fontSize={12} width={40} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="deals" fill={s.color} isAnimationActive={false} maxBarSize={48} />
      ))}
    </BarChart>
  );
}
