"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCountShort, formatNumber } from "@/lib/domain/money";
import { colourVar, svgFill } from "@/lib/domain/palette";
import { PaletteDefs } from "./palette-defs";
import { niceTicks } from "@/lib/domain/axis-ticks";
import { type DealsTimelineRow, type DealsTimelineSeries, stackTotals } from "./series";

/**
 * The Recharts drawing of DealsTimelineChart, sized by its fixed-height parent
 * (`responsive`), so there is no ResponsiveContainer.
 */
export default function DealsTimelineChartPlot({ data, series }: { data: DealsTimelineRow[]; series: DealsTimelineSeries[] }) {
  const ticks = niceTicks(0, Math.max(0, ...stackTotals(data, series.map((s) => s.key))), { integer: true });
  return (
    <BarChart
      responsive
      data={data}
      style={{ width: "100%", height: "100%" }}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      accessibilityLayer
    >
      <PaletteDefs categories={["dealKind"]} />
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="year" tickLine={false} interval="preserveStartEnd" minTickGap={8} fontSize={12} />
      <YAxis domain={[0, ticks.at(-1)!]} ticks={ticks} tickFormatter={(v: number) => formatCountShort(v)} tickLine={false} fontSize={12} width={40} />
      <Tooltip
        cursor={{ fill: "var(--surface-2)" }}
        contentStyle={{ background: "var(--surface)", borderColor: "var(--border)", color: "var(--text)" }}
        formatter={(value, name) => [typeof value === "number" ? formatNumber(value) : String(value), String(name)]}
      />
      {/* The legend is HTML under the chart (ChartLegend), the same swatches as every other chart. */}
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="deals" fill={svgFill("dealKind", s.key)} stroke={colourVar("dealKind", s.key)} strokeWidth={1} isAnimationActive={false} maxBarSize={48} />
      ))}
    </BarChart>
  );
}
