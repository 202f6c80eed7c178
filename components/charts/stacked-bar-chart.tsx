"use client";

import { useRef } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesConfig } from "./series";
import { useBoxSize } from "./use-box-size";

export type StackedDatum = { category: string; label: string } & Record<string, number | string>;

/**
 * Counts per category, stacked by series (companies per layer by relationship). Each
 * segment carries its count as text and the legend names every series, so the colours
 * are never the only way to read it.
 */
export function StackedBarChart({
  id,
  data,
  series,
  summary,
  valueLabel,
}: {
  id: string;
  data: StackedDatum[];
  series: SeriesConfig[];
  summary: string;
  valueLabel: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);

  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <div
        ref={ref}
        role="img"
        aria-label={summary}
        data-testid={`${id}-svg`}
        style={{ flex: "1 1 auto", minHeight: 0, width: "100%" }}
      >
        {size ? (
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
        ) : null}
      </div>
      <ul className="chart-legend" aria-label="Legend" style={{ listStyle: "none", margin: "6px 0 0", padding: 0, display: "flex", flexWrap: "wrap", gap: "4px 12px", fontSize: 12 }}>
        {series.map((s) => (
          <li key={s.key} style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
            <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 2, background: s.colour, display: "inline-block" }} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
