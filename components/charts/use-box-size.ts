"use client";

import { type RefObject, startTransition, useEffect, useState } from "react";

export interface BoxSize {
  width: number;
  height: number;
}

// How far outside the viewport a chart starts loading, so it is usually drawn by the
// time it scrolls into view.
const NEAR = "200px 0px";

/**
 * The size of the fixed chart box, measured in the browser. Charts render with these
 * numbers as plain width/height (no ResponsiveContainer, so no "width(-1)" warnings) and
 * render nothing until measured; the box itself has a fixed height, so nothing moves.
 *
 * The box is measured only once it comes near the viewport: Recharts is the largest
 * script of a page and drawing a chart its heaviest render, so a chart further down the
 * page costs nothing until the reader scrolls towards it. The size arrives as a
 * transition, so React can yield to input while a chart renders.
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>): BoxSize | null {
  const [size, setSize] = useState<BoxSize | null>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const update = () => {
      const rect = node.getBoundingClientRect();
      const width = Math.floor(rect.width);
      const height = Math.floor(rect.height);
      startTransition(() =>
        setSize((prev) => (width > 0 && height > 0 && (prev?.width !== width || prev?.height !== height) ? { width, height } : prev)),
      );
    };
    const resize = new ResizeObserver(update);
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        update();
        resize.observe(node);
      },
      { rootMargin: NEAR },
    );
    near.observe(node);
    return () => {
      near.disconnect();
      resize.disconnect();
    };
  }, [ref]);
  return size;
}
