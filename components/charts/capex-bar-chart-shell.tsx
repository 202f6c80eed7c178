"use client";

import { lazy, type ReactNode } from "react";
import type { CapexChartItem } from "@/lib/views/capex";
import { PlotBox } from "./plot-box";
import type { BoxSize } from "./use-box-size";

const CapexBarChartPlot = lazy(() => import("./capex-bar-chart-plot"));

/**
 * The browser's part of CapexBarChart (capex-bar-chart.tsx): the box, its summary and test
 * data, and the first drawing the server made (`first`, `drawn` units in size) until the
 * plot is wanted (use-box-size.ts); Recharts comes in a chunk of its own then, so it is not
 * part of the page's first scripts, and replaces that drawing.
 */
export function CapexBarChartShell({
  id,
  items,
  currency,
  summary,
  drawn,
  first,
}: {
  id: string;
  items: CapexChartItem[];
  currency: "USD" | "CNY";
  summary: string;
  drawn: BoxSize;
  first: ReactNode;
}) {
  const bars = items.filter((i) => i.type === "bar");

  return (
    <PlotBox
      role="img"
      aria-label={summary}
      data-testid={`${id}-svg`}
      data-bars={bars.length}
      data-values={bars.map((b) => `${b.key}=${b.valueText}`).join("|")}
      drawn={drawn}
      first={first}
      plot={(size) => <CapexBarChartPlot items={items} currency={currency} size={size} />}
      style={{ width: "100%", height: "100%" }}
    />
  );
}
