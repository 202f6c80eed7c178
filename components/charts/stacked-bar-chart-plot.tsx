"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { formatCountShort, formatNumber } from "@/lib/domain/money";
import { colourVar, inkVar, svgFill } from "@/lib/domain/palette";
import { PaletteDefs } from "./palette-defs";
import { niceTicks } from "@/lib/domain/axis-ticks";
import { type SeriesConfig, type StackedDatum, stackTotals } from "./series";
import type { BoxSize } from "./use-box-size";

/** The Recharts drawing of StackedBarChart, loaded by it when the plot is wanted (use-box-size.ts). */
export default function StackedBarChartPlot({
  data,
  series,
  valueLabel,
  size,
}: {
  data: StackedDatum[];
  series: SeriesConfig[];
  valueLabel: string;
  size: BoxSize;
}) {
  const ticks = niceTicks(0, Math.max(0, ...stackTotals(data, series.map((s) => s.key))), { integer: true });
  return (
    <BarChart
      width={size.width}
      height={size.height}
      data={data}
      layout="vertical"
      margin={{ top: 4, right: 16, bottom: 4, left: 0 }}
      barCategoryGap="25%"
      accessibilityLayer={false}
    >
      <PaletteDefs categories={[...new Set(series.map((s) => s.category))]} />
      {/* Grid, axis and label colours come from the theme's .chart-box rules. */}
      <CartesianGrid horizontal={false} />
      <XAxis type="number" domain={[0, ticks.at(-1)!]} ticks={ticks} tickFormatter={(v: number) => formatCountShort(v)} fontSize={11} label={{ value: valueLabel, position: "insideBottomRight", offset: -2, fontSize: 11 }} height={36} />
      <YAxis type="category" dataKey="label" width={size.width < 520 ? 96 : 130} fontSize={12} interval={0} tickLine={false} />
      <Tooltip
        cursor={{ fill: "var(--surface-2)" }}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
        formatter={(value, name) => [typeof value === "number" ? formatNumber(value) : String(value), String(name)]}
      />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={svgFill(s.category, s.key)} stroke="var(--surface)" strokeWidth={1} isAnimationActive={false}>
          {/* The count in the fill's ink, on a halo of the fill colour so a pattern never sits under it. */}
          <LabelList
            dataKey={s.key}
            position="center"
            style={{ fill: inkVar, stroke: colourVar(s.category, s.key), strokeWidth: 4, paintOrder: "stroke", fontWeight: 600 }}
            fontSize={11}
            formatter={(v) => (typeof v === "number" && v > 0 ? formatCountShort(v) : "")}
          />
        </Bar>
      ))}
    </BarChart>
  );
}
