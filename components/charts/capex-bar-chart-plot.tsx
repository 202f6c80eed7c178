"use client";

import { Bar, BarChart, type BarShapeProps, CartesianGrid, LabelList, Rectangle, Tooltip, XAxis, YAxis } from "recharts";
import { type CapexChartBar, type CapexChartItem, capexLabelLines } from "@/lib/views/capex";
import { formatMoney } from "@/lib/domain/money";
import { colourVar, svgFill } from "@/lib/domain/palette";
import { niceTicks } from "@/lib/domain/axis-ticks";
import { PaletteDefs } from "./palette-defs";
import type { BoxSize } from "./use-box-size";

type BarItem = CapexChartBar;

type Datum = { key: string; value: number | null; item: CapexChartItem };

const FONT = 12;
const SMALL = 11;
const LINE = 13;
// Rough advance width of system-ui text; enough to size the axis and the value labels.
const CHAR = 0.6;
const CHAR_BOLD = 0.68;
const textWidth = (text: string, size = FONT) => text.length * size * CHAR;

/**
 * The Recharts drawing of CapexBarChart, loaded by it when the plot is wanted (see
 * use-box-size.ts for when, and capex-bar-chart.tsx for why it is a separate chunk).
 */
export default function CapexBarChartPlot({
  items,
  currency,
  size,
}: {
  items: CapexChartItem[];
  currency: "USD" | "CNY";
  size: BoxSize;
}) {
  const data: Datum[] = items.map((item) => ({ key: item.key, value: item.type === "bar" ? item.value : null, item }));
  const byKey = new Map(items.map((i) => [i.key, i]));
  const bars = items.filter((i): i is BarItem => i.type === "bar");
  const ticks = niceTicks(0, Math.max(0, ...bars.map((b) => b.value)));

  const narrow = size.width < 520;
  const axisHeight = 28;
  const rowHeight = (size.height - axisHeight - 8) / Math.max(items.length, 1);
  // Label lines under the name: kind and period on one line, or on two when the row
  // has room (phones, charts of few bars), then the scope when there are no headings.
  const maxLines = Math.max(0, Math.floor((rowHeight - LINE) / LINE));
  const linesOf = capexLabelLines(items, maxLines);
  // On a phone the label column may take half the width, enough for "Alibaba Group" in bold.
  const labelCap = size.width * (narrow ? 0.5 : 0.36);
  const charWidth = (fontSize: number, bold = false) => fontSize * (bold ? CHAR_BOLD : CHAR);
  const clip = (t: string, px: number, fontSize: number, bold = false) => {
    const n = Math.floor(px / charWidth(fontSize, bold));
    return t.length > n ? `${t.slice(0, Math.max(1, n - 1))}…` : t;
  };
  const nameWidth = (b: BarItem) => b.label.length * charWidth(FONT, b.highlight);
  // With no room for a second line the kind joins the name; the name is what gets cut.
  const oneLine = maxLines === 0;
  const kindSuffix = (b: BarItem) => ` · ${b.kindLabel}`;
  const labelWidth =
    Math.min(
      labelCap,
      Math.max(
        60,
        ...bars.map((b) =>
          oneLine
            ? nameWidth(b) + kindSuffix(b).length * charWidth(FONT)
            : Math.max(nameWidth(b), ...linesOf(b).map((l) => l.length * charWidth(SMALL))),
        ),
      ),
    ) + 16;
  const valueOf = (b: BarItem) => (narrow ? b.valueShort : b.valueText);
  const valueWidth = Math.min(size.width * 0.3, Math.max(36, ...bars.map((b) => textWidth(valueOf(b), SMALL))) + 10);

  const Tick = (props: { x?: number | string; y?: number | string; payload?: { value: string } }) => {
    const x = Number(props.x ?? 0);
    const y = Number(props.y ?? 0);
    const item = props.payload ? byKey.get(props.payload.value) : undefined;
    if (!item) return null;
    if (item.type === "heading") {
      // Headings start at the left edge and may run into the empty plot row beside them.
      return (
        <text x={4} y={y} dy={4} fontSize={FONT} fontWeight={700} style={{ fill: "var(--text)" }} data-testid="capex-chart-heading">
          {item.label.toUpperCase()}
        </text>
      );
    }
    const lines = linesOf(item).map((l) => clip(l, labelWidth - 10, SMALL));
    const top = y - (lines.length * LINE) / 2 + 4;
    // The company's name is never cut: on one line the kind gives way first (the bar's pattern
    // and the legend still say it), and a name that still does not fit keeps its full text in
    // a <title>.
    const room = labelWidth - 10;
    const suffixFits = nameWidth(item) + kindSuffix(item).length * charWidth(FONT) <= room;
    const name = clip(item.label, oneLine && suffixFits ? room - kindSuffix(item).length * charWidth(FONT) : room, FONT, item.highlight);
    return (
      <text x={x - 6} y={top} textAnchor="end" fontSize={FONT} style={{ fill: "var(--text)" }}>
        {name !== item.label ? <title>{item.label}</title> : null}
        <tspan x={x - 6} fontWeight={item.highlight ? 700 : 500}>
          {name}
        </tspan>
        {oneLine && suffixFits ? <tspan>{kindSuffix(item)}</tspan> : null}
        {lines.map((l, i) => (
          <tspan key={i} x={x - 6} dy={LINE} fontSize={SMALL} style={{ fill: "var(--chart-text)" }}>
            {l}
          </tspan>
        ))}
      </text>
    );
  };

  const Shape = (props: BarShapeProps) => {
    const item = (props.payload as Datum | undefined)?.item;
    if (!item || item.type !== "bar") return <g />;
    // The palette's colour and pattern for the kind: pledges hatched, plans dotted, spending solid.
    return (
      <Rectangle
        {...props}
        fill={svgFill("spendingKind", item.kind)}
        stroke={colourVar("spendingKind", item.kind)}
        strokeWidth={1.5}
        data-kind={item.kind}
      />
    );
  };

  // The label list reads the row key, so each label finds its own item whatever rows
  // Recharts skips (headings have no bar).
  const ValueLabel = (props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown }) => {
    const item = typeof props.value === "string" ? byKey.get(props.value) : undefined;
    if (!item || item.type !== "bar") return null;
    return (
      <text
        x={Number(props.x ?? 0) + Number(props.width ?? 0) + 6}
        y={Number(props.y ?? 0) + Number(props.height ?? 0) / 2}
        dy={4}
        fontSize={SMALL}
        style={{ fill: "var(--text)" }}
        data-testid="capex-chart-value"
        data-key={item.key}
      >
        {valueOf(item)}
      </text>
    );
  };

  return (
    <BarChart
      width={size.width}
      height={size.height}
      data={data}
      layout="vertical"
      margin={{ top: 4, right: valueWidth, bottom: 4, left: 0 }}
      barCategoryGap="22%"
      accessibilityLayer={false}
    >
      <PaletteDefs categories={["spendingKind"]} />
      <CartesianGrid horizontal={false} />
      {/* Axis text and line colours come from the theme's .chart-box rules; stroking the
          text here made it smudged on screen and in the downloaded image. */}
      <XAxis
        type="number"
        domain={[0, ticks.at(-1)!]}
        ticks={ticks}
        tickFormatter={(v: number) => formatMoney(v, currency)}
        fontSize={SMALL}
        height={axisHeight}
      />
      <YAxis type="category" dataKey="key" width={labelWidth} tick={Tick} interval={0} tickLine={false} />
      <Tooltip
        cursor={{ fill: "var(--surface-2)" }}
        content={({ active, payload }) => {
          const item = (payload?.[0]?.payload as Datum | undefined)?.item;
          if (!active || !item || item.type !== "bar") return null;
          return (
            <div className="chart-tooltip" style={{ background: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)", borderRadius: 6, padding: "6px 10px", fontSize: 12, maxWidth: 320, boxShadow: "0 4px 12px rgba(0,0,0,.12)" }}>
              <strong>{item.label}</strong>
              <ul style={{ margin: "4px 0 0", paddingLeft: 16 }}>
                {item.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          );
        }}
      />
      <Bar dataKey="value" shape={Shape} isAnimationActive={false} maxBarSize={28}>
        <LabelList dataKey="key" content={ValueLabel} />
      </Bar>
    </BarChart>
  );
}
