"use client";

import { lazy, Suspense, useRef } from "react";
import type { CapexChartItem } from "@/lib/views/capex";
import { useBoxSize } from "./use-box-size";

const CapexBarChartPlot = lazy(() => import("./capex-bar-chart-plot"));

/**
 * Horizontal bars for spending figures, fed rows from lib/views/capex. Scope headings sit as
 * their own rows so figures of different scope never share a group; pledges and plans
 * are hatched, reported spending solid, and each bar's label says which.
 *
 * This shell holds the box, its summary and test data; Recharts comes in a chunk of its
 * own once the box is measured, so it is not part of the page's first scripts.
 */
export function CapexBarChart({
  id,
  items,
  currency,
  summary,
}: {
  id: string;
  items: CapexChartItem[];
  currency: "USD" | "CNY";
  summary: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref);
  const bars = items.filter((i) => i.type === "bar");

  return (
    <div
      ref={ref}
      role="img"
      aria-label={summary}
      data-testid={`${id}-svg`}
      data-bars={bars.length}
      data-values={bars.map((b) => `${b.key}=${b.valueText}`).join("|")}
      style={{ width: "100%", height: "100%" }}
    >
      {size ? (
        <Suspense fallback={null}>
          <CapexBarChartPlot id={id} items={items} currency={currency} size={size} />
        </Suspense>
      ) : null}
    </div>
  );
}
