import type { ReactNode } from "react";
import { niceTicks } from "@/lib/domain/axis-ticks";
import { formatCountShort } from "@/lib/domain/money";
import { inkVar } from "@/lib/domain/palette";

/**
 * The first drawing of every chart: plain SVG bars computed from the same rows the Recharts
 * plot gets, rendered with the page (server HTML, no script needed). In a browser that runs
 * scripts, the interactive Recharts plot replaces it when the box is too narrow for it or
 * the reader points at or focuses the chart (use-box-size.ts); on a wide screen it is what
 * most readers see.
 *
 * Why not Recharts itself on the server: Recharts 3 sizes the chart and registers its axes
 * and bars in a store from effects, which never run during server rendering, so it renders
 * an empty wrapper there (recharts/recharts#5997). This drawing is deliberately simple:
 * bars, their labels and values, a few grid lines; tooltips and exact label fitting come
 * with Recharts.
 *
 * It draws in a fixed coordinate space (`width` x `height`) scaled to the box by the
 * viewBox, so nothing is measured in the browser and the box keeps its size.
 */

export interface StaticSegment {
  value: number;
  fill: string;
  stroke?: string;
  dash?: string;
  /** Text drawn inside the segment (a count), when it fits. */
  text?: string;
}

export interface StaticRow {
  key: string;
  label: string;
  /** Smaller lines under the label. */
  notes?: string[];
  bold?: boolean;
  /** A scope heading: a label across the row, no bar. */
  heading?: boolean;
  segments: StaticSegment[];
  /** Written after the bar's end. */
  valueText?: string;
}

const FONT = 12;
const SMALL = 11;
const LINE = 13;
// Rough advance width of system-ui text, enough to cut long labels.
const CHAR = 0.6;

/** A round upper bound (400 for 380, 100 for 100) so the grid values are round too. */
function clip(text: string, px: number, size: number): string {
  const n = Math.floor(px / (size * CHAR));
  return text.length > n ? `${text.slice(0, Math.max(1, n - 1))}…` : text;
}

function Frame({ width, height, defs, children }: { width: number; height: number; defs?: ReactNode; children: ReactNode }) {
  return (
    <svg
      className="static-chart"
      data-testid="static-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height="100%"
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {defs ? <defs>{defs}</defs> : null}
      {children}
    </svg>
  );
}

// StaticBars' margins: the value axis below the rows and a little room above them.
const AXIS = 24;
const TOP = 4;

/** How many label lines fit under a row's name in StaticBars of this height and number of rows. */
export function noteLinesThatFit(height: number, rows: number): number {
  return Math.max(0, Math.floor((height - TOP - AXIS) / Math.max(rows, 1) / LINE - 1));
}

/** Horizontal bars, one row each, segments stacked left to right (negative values leftwards). */
export function StaticBars({
  rows,
  width,
  height,
  labelWidth,
  valueWidth = 16,
  format,
  defs,
  labelsAbove = false,
  tickOptions,
  axisLabel,
}: {
  rows: StaticRow[];
  width: number;
  height: number;
  labelWidth: number;
  valueWidth?: number;
  format: (v: number) => string;
  defs?: ReactNode;
  /** Write each row's label and value above its bar instead of beside it (long labels). */
  labelsAbove?: boolean;
  /** The same tick options as the chart's Recharts plot, so both drawings share an axis. */
  tickOptions?: Parameters<typeof niceTicks>[2];
  /** What the value axis counts ("companies"), under its right end as the plot writes it. */
  axisLabel?: string;
}) {
  const totals = rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0));
  const ticks = niceTicks(Math.min(0, ...totals), Math.max(0, ...totals), tickOptions);
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const axis = axisLabel ? AXIS + LINE : AXIS;
  const top = labelsAbove ? 30 : TOP;
  const left = labelsAbove ? 8 : labelWidth;
  const plot = width - left - valueWidth;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plot;
  const rowHeight = (height - top - axis) / Math.max(rows.length, 1);
  const bar = Math.min(labelsAbove ? 20 : 28, rowHeight * (labelsAbove ? 0.4 : 0.64));
  return (
    <Frame width={width} height={height} defs={defs}>
      <g className="static-chart-grid">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - (labelsAbove ? 28 : 0)} y2={height - axis} stroke="var(--chart-grid, #e5e7eb)" />
            <text x={x(t)} y={height - axis + 16} fontSize={SMALL} textAnchor="middle" fill="var(--chart-text, #4a5263)">
              {format(t)}
            </text>
          </g>
        ))}
      </g>
      {axisLabel ? (
        <text x={width - valueWidth} y={height - 4} fontSize={SMALL} textAnchor="end" fill="var(--chart-text, #4a5263)">
          {axisLabel}
        </text>
      ) : null}
      {rows.map((r, i) => {
        const mid = top + rowHeight * (i + 0.5);
        if (r.heading) {
          return (
            <text key={r.key} x={4} y={mid + 4} fontSize={FONT} fontWeight={700} fill="var(--text, #111827)">
              {r.label.toUpperCase()}
            </text>
          );
        }
        let start = 0;
        let negStart = 0;
        const segs = r.segments.map((s, j) => {
          const from = s.value >= 0 ? start : negStart + s.value;
          const to = s.value >= 0 ? start + s.value : negStart;
          if (s.value >= 0) start = to;
          else negStart = from;
          const x0 = x(from);
          const w = Math.max(0, x(to) - x0);
          return (
            <g key={j}>
              <rect x={x0} y={mid - bar / 2} width={w} height={bar} fill={s.fill} stroke={s.stroke} strokeWidth={s.stroke ? 1.5 : 0} strokeDasharray={s.dash} />
              {s.text && w > s.text.length * SMALL * CHAR + 4 ? (
                // As the Recharts drawing does: the count in the palette's ink on a halo of the
                // segment's colour, so a hatched (rumoured) segment never sits right under it.
                <text
                  x={x0 + w / 2}
                  y={mid + 4}
                  fontSize={SMALL}
                  textAnchor="middle"
                  fill={inkVar}
                  style={{ stroke: s.stroke ?? s.fill, strokeWidth: 4, paintOrder: "stroke", fontWeight: 600 }}
                >
                  {s.text}
                </text>
              ) : null}
            </g>
          );
        });
        const end = x(totals[i] ?? 0);
        return (
          <g key={r.key} data-row={r.key}>
            {labelsAbove ? (
              <text x={Math.min(x(0), end)} y={mid - bar / 2 - 18} fontSize={FONT} fill="var(--chart-text, #4a5263)">
                <tspan>{clip(r.label, plot, FONT)}</tspan>
                {r.valueText ? (
                  <tspan x={Math.min(x(0), end)} dy={14} fontWeight={600} fill="var(--text, #111827)">
                    {r.valueText}
                  </tspan>
                ) : null}
              </text>
            ) : (
              <text x={left - 6} y={mid - ((r.notes?.length ?? 0) * LINE) / 2 + 4} fontSize={FONT} textAnchor="end" fill="var(--text, #111827)">
                <tspan fontWeight={r.bold ? 700 : 500}>{clip(r.label, labelWidth - 10, FONT)}</tspan>
                {r.notes?.map((note, j) => (
                  <tspan key={j} x={left - 6} dy={LINE} fontSize={SMALL} fill="var(--chart-text, #4a5263)">
                    {clip(note, labelWidth - 10, SMALL)}
                  </tspan>
                ))}
              </text>
            )}
            {segs}
            {!labelsAbove && r.valueText ? (
              <text x={end + 6} y={mid + 4} fontSize={SMALL} fill="var(--text, #111827)">
                {r.valueText}
              </text>
            ) : null}
          </g>
        );
      })}
    </Frame>
  );
}

/** Vertical columns, one per category (a year), segments stacked upwards, with a legend. */
export function StaticColumns({
  columns,
  legend,
  width,
  height,
  defs,
}: {
  columns: { key: string; label: string; segments: StaticSegment[] }[];
  legend: { label: string; colour: string }[];
  width: number;
  height: number;
  defs?: ReactNode;
}) {
  const totals = columns.map((c) => c.segments.reduce((s, x) => s + x.value, 0));
  const ticks = niceTicks(0, Math.max(0, ...totals), { integer: true });
  const hi = ticks.at(-1)!;
  const left = 36;
  const legendRows = Math.ceil(legend.length / 4);
  const bottom = 22 + legendRows * 16;
  const top = 8;
  const plotH = height - top - bottom;
  const y = (v: number) => top + plotH - (v / hi) * plotH;
  const colWidth = (width - left - 8) / Math.max(columns.length, 1);
  const bar = Math.min(48, colWidth * 0.7);
  const every = Math.max(1, Math.ceil((columns.length * 34) / (width - left)));
  return (
    <Frame width={width} height={height} defs={defs}>
      <g className="static-chart-grid">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} stroke="var(--chart-grid, #e5e7eb)" strokeDasharray="3 3" />
            <text x={left - 6} y={y(t) + 4} fontSize={FONT} textAnchor="end" fill="var(--chart-text, #4a5263)">
              {formatCountShort(t)}
            </text>
          </g>
        ))}
      </g>
      {columns.map((c, i) => {
        const cx = left + colWidth * (i + 0.5);
        let base = 0;
        return (
          <g key={c.key} data-column={c.key}>
            {c.segments.map((s, j) => {
              const y0 = y(base + s.value);
              const h = y(base) - y0;
              base += s.value;
              return h > 0 ? <rect key={j} x={cx - bar / 2} y={y0} width={bar} height={h} fill={s.fill} /> : null;
            })}
            {i % every === 0 ? (
              <text x={cx} y={top + plotH + 16} fontSize={FONT} textAnchor="middle" fill="var(--chart-text, #4a5263)">
                {c.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {legend.map((l, i) => {
        const lx = left + (i % 4) * ((width - left) / 4);
        const ly = height - legendRows * 16 + Math.floor(i / 4) * 16 + 4;
        return (
          <g key={l.label}>
            <rect x={lx} y={ly - 9} width={10} height={10} fill={l.colour} />
            <text x={lx + 14} y={ly} fontSize={SMALL} fill="var(--chart-text, #4a5263)">
              {clip(l.label, (width - left) / 4 - 18, SMALL)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}
