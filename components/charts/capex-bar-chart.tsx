import { type CapexChartItem, capexLabelLines } from "@/lib/views/capex";
import { formatMoney } from "@/lib/domain/money";
import { colourVar, svgFill } from "@/lib/domain/palette";
import { CapexBarChartShell } from "./capex-bar-chart-shell";
import { PaletteDefs } from "./palette-defs";
import { noteLinesThatFit, StaticBars } from "./static-bars";

/**
 * Horizontal bars for spending figures, fed rows from lib/views/capex. Scope headings sit as
 * their own rows so figures of different scope never share a group; pledges and plans
 * are hatched, reported spending solid, and each bar's label says which.
 *
 * The first drawing (static-bars.tsx) is made here, on the server, and handed to the client
 * shell as markup: drawing it in the browser during hydration formatted the axis in
 * compact currency, and a page's first `Intl.NumberFormat` loads the locale's number data,
 * 10-20 ms on a fast CPU in one piece of hydration React cannot split (a 68 ms task on `/`
 * at a phone's CPU speed). The shell holds the box, its summary and test data, and loads
 * Recharts only when the plot is wanted (use-box-size.ts).
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
  // By default as wide as the /capex box on a desktop screen (1134 px from 1280 px up), so
  // the first drawing fills it as the plot would.
  const drawn = { width: box?.width ?? 1130, height: box?.height ?? Math.max(200, items.length * 38 + 44) };
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
  return <CapexBarChartShell id={id} items={items} currency={currency} summary={summary} drawn={drawn} first={first} />;
}
