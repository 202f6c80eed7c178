"use client";

import { lazy, Suspense, useRef } from "react";
import { type CapexChartItem, capexLabelLines } from "@/lib/views/capex";
import { formatMoney } from "@/lib/domain/money";
import { colourVar, svgFill } from "@/lib/domain/palette";
import { PaletteDefs } from "./palette-defs";
import { noteLinesThatFit, StaticBars } from "./static-bars";
import { useBoxSize } from "./use-box-size";

const CapexBarChartPlot = lazy(() => import("./capex-bar-chart-plot"));

/**
 * Horizontal bars for spending figures, fed rows from lib/views/capex. Scope headings sit as
 * their own rows so figures of different scope never share a group; pledges and plans
 * are hatched, reported spending solid, and each bar's label says which.
 *
 * This shell holds the box, its summary and test data, and draws the bars as plain SVG
 * with the page (static-bars.tsx); Recharts comes in a chunk of its own only when the plot
 * is wanted (use-box-size.ts), so it is not part of the page's first scripts, and
 * replaces that drawing.
 */
export function CapexBarChart({
  id,
  items,
  currency,
  summary,
  box,
}: {
  id: string;
  items: CapexChartItem[];
  currency: "USD" | "CNY";
  summary: string;
  /** The shape of the chart's box on a wide screen, for the first drawing; by default 1130 wide and one 38 px row per item. */
  box?: { width: number; height: number };
}) {
  const ref = useRef<HTMLDivElement>(null);
  // By default as wide as the /capex box on a desktop screen (1134 px from 1280 px up), so
  // the first drawing fills it as the plot would.
  const drawn = { width: box?.width ?? 1130, height: box?.height ?? Math.max(200, items.length * 38 + 44) };
  const size = useBoxSize(ref, drawn);
  const bars = items.filter((i) => i.type === "bar");
  const labelWidth = box && box.width < 700 ? 210 : 260;
  // As many lines under each name as its row has room for, as the plot does.
  const linesOf = capexLabelLines(items, noteLinesThatFit(drawn.height, items.length));
  const first = (
    <StaticBars
      width={drawn.width}
      height={drawn.height}
      labelWidth={labelWidth}
      valueWidth={box && box.width < 700 ? 110 : 150}
      format={(v) => formatMoney(v, currency)}
      defs={<PaletteDefs categories={["spendingKind"]} />}
      rows={items.map((i) =>
        i.type === "heading"
          ? { key: i.key, label: i.label, heading: true, segments: [] }
          : {
              key: i.key,
              label: i.label,
              bold: i.highlight,
              notes: linesOf(i),
              valueText: i.valueText,
              segments: [
                {
                  value: i.value,
                  fill: svgFill("spendingKind", i.kind),
                  stroke: colourVar("spendingKind", i.kind),
                },
              ],
            },
      )}
    />
  );

  return (
    <div
      ref={ref}
      role="img"
      aria-label={summary}
      data-testid={`${id}-svg`}
      data-plot={size ? "wanted" : "first"}
      data-bars={bars.length}
      data-values={bars.map((b) => `${b.key}=${b.valueText}`).join("|")}
      style={{ width: "100%", height: "100%" }}
    >
      {size ? (
        <Suspense fallback={first}>
          <CapexBarChartPlot items={items} currency={currency} size={size} />
        </Suspense>
      ) : (
        first
      )}
    </div>
  );
}
