"use client";

import { Bar, BarChart, CartesianGrid, LabelList, type LabelProps, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/lib/domain/axis-ticks";
import { formatFigure, formatQualifiedFigure } from "@/lib/domain/figures";
import type { FinancialPoint } from "./series";

const MAX_LABEL = 44;
const shorten = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/**
 * Figures of one metric in one unit, one bar per period the sources give. Bars, not a
 * line: the periods differ in length and are unevenly spaced, so a line would suggest a
 * trend between points nobody measured. Each bar carries its period and value above it, on two lines,
 * instead of on an axis, so the labels fit a phone's width.
 */
export default function FinancialChartPlot({
  data,
  unit,
  metric,
  color,
  seriesLabel,
}: {
  data: FinancialPoint[];
  unit: string;
  metric: string;
  color: string;
  seriesLabel: string;
}) {
  const rows = data.map((d) => ({ ...d, display: formatQualifiedFigure(d.value, unit, metric, d.qualifier) }));
  const hasNegative = data.some((d) => d.value < 0);
  const ticks = niceTicks(Math.min(0, ...data.map((d) => d.value)), Math.max(0, ...data.map((d) => d.value)), { target: 4 });

  const rowLabel = (props: LabelProps) => {
    const box = props.viewBox as { x?: number; y?: number; width?: number } | undefined;
    const row = rows[props.index ?? 0];
    if (!box || row === undefined || box.x === undefined || box.y === undefined) return null;
    const left = Math.min(box.x, box.x + (box.width ?? 0));
    return (
      <text x={left} y={box.y - 20} fontSize={12} style={{ fill: "var(--chart-text)" }}>
        <tspan x={left}>{shorten(row.label)}</tspan>
        <tspan x={left} dy={14} fontWeight={600} style={{ fill: "var(--text)" }}>
          {row.display}
        </tspan>
      </text>
    );
  };

  return (
    <BarChart
      responsive
      style={{ width: "100%", height: "100%" }}
      data={rows}
      layout="vertical"
      margin={{ top: 36, right: 16, bottom: 4, left: 4 }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      {/* The ticks always include zero, so bars start there even when every value is negative. */}
      <XAxis type="number" domain={[ticks[0]!, ticks.at(-1)!]} ticks={ticks} tickFormatter={(v: number) => formatFigure(v, unit, metric)} fontSize={11} />
      <YAxis type="category" dataKey="label" hide />
      {hasNegative ? <ReferenceLine x={0} style={{ stroke: "var(--chart-text)" }} /> : null}
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.04)" }}
        formatter={(_value, _name, item) => [(item.payload as { display: string }).display, seriesLabel]}
      />
      <Bar dataKey="value" name={seriesLabel} fill={color} isAnimationActive={false} barSize={20}>
        <LabelList dataKey="display" content={rowLabel} />
      </Bar>
    </BarChart>
  );
}
