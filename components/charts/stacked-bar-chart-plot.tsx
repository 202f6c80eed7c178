"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesConfig, StackedDatum } from "./series";
import type { BoxSize } from "./use-box-size";

/** The Recharts drawing of StackedBarChart, loaded by it once the box is measured. */
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
      <CartesianGrid horizontal={false} stroke="#e5e7eb" />
      <XAxis type="number" allowDecimals={false} fontSize={11} stroke="#4a5263" label={{ value: valueLabel, position: "insideBottomRight", offset: -2, fontSize: 11, fill: "#4a5263" }} height={36} />
      <YAxis type="category" dataKey="label" width={size.width < 520 ? 96 : 130} fontSize={12} interval={0} tickLine={false} stroke="#4a5263" />
      <Tooltip
        cursor={{ fill: "rgba(17,24,39,0.06)" }}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
        formatter={(value, name) => [String(value), String(name)]}
      />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.colour} stroke="#ffffff" strokeWidth={1} isAnimationActive={false}>
          <LabelList
            dataKey={s.key}
            position="center"
            fill="#ffffff"
            fontSize={11}
            formatter={(v) => (typeof v === "number" && v > 0 ? String(v) : "")}
          />
        </Bar>
      ))}
    </BarChart>
  );
}
