"use client";

import { type CSSProperties, type HTMLAttributes, type ReactNode, Suspense, useRef } from "react";
import { type BoxSize, useBoxSize } from "./use-box-size";

/**
 * A chart's box, for every chart here: the first drawing (plain SVG made with the page,
 * `drawn` units in size) until the plot is wanted (use-box-size.ts), then the plot, whose
 * Recharts chunk loads only then, with the first drawing shown while it does. `data-plot`
 * says which of the two the box holds. Other attributes go on the box.
 */
export function PlotBox({
  drawn,
  first,
  plot,
  style,
  ...attributes
}: {
  drawn: BoxSize;
  first: ReactNode;
  plot: (size: BoxSize) => ReactNode;
  style: CSSProperties;
} & Omit<HTMLAttributes<HTMLDivElement>, "children" | "style">) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref, drawn);
  return (
    <div ref={ref} {...attributes} data-plot={size ? "wanted" : "first"} style={style}>
      {size ? <Suspense fallback={first}>{plot(size)}</Suspense> : first}
    </div>
  );
}
