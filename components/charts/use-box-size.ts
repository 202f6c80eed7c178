"use client";

import { type RefObject, startTransition, useEffect, useState } from "react";

export interface BoxSize {
  width: number;
  height: number;
}

// How far outside the viewport a chart starts loading, so it is usually drawn by the
// time it scrolls into view.
const NEAR = "200px 0px";

// The first drawing (static-bars.tsx) is scaled to its box. Below this scale its 11-12 px
// labels fall under about 9.5 px, too small to read, so the plot redraws at the box's
// real size as soon as it is near; at or above it the first drawing reads as drawn.
export const READABLE_SCALE = 0.8;

// What tells us the reader wants more than the first drawing (tooltips, keyboard
// navigation of the bars): pointing at, touching or tabbing into the chart's figure. A move,
// not an entry: a pointer already resting on the chart when the page hydrates never
// enters it again. Each listener goes at the first event.
const INTENT = ["pointermove", "pointerdown", "focusin"] as const;

/** How much the first drawing, `drawn` units wide and high, is scaled to fit `box` ("meet"). */
export function drawingScale(box: BoxSize, drawn: BoxSize): number {
  return Math.min(box.width / drawn.width, box.height / drawn.height);
}

/**
 * The size of the fixed chart box, measured in the browser, once the interactive plot is
 * wanted; null until then, and the first drawing stays. Charts render with these numbers
 * as plain width/height (no ResponsiveContainer, so no "width(-1)" warnings); the box has a
 * fixed height, so nothing moves.
 *
 * Recharts is the largest script of a page and drawing a chart its heaviest render: on a
 * desktop page they were most of the main thread's blocking time (tests/perf/README.md,
 * "Charts on intent": Lighthouse desktop TBT on `/` 85-104 ms with them, 7-42 ms without).
 * So the plot is asked for only when it adds something:
 * - at once when the box nears the viewport and the first drawing (`drawn`, its coordinate
 *   size) would be scaled below READABLE_SCALE (a phone, a narrow column): the plot lays
 *   its labels out for the real width;
 * - otherwise when the reader points at, touches or focuses the chart's figure (its title,
 *   box, legend or download buttons): the plot brings the tooltips.
 * The size arrives as a transition, so React can yield to input while a chart renders.
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>, drawn: BoxSize): BoxSize | null {
  const [size, setSize] = useState<BoxSize | null>(null);
  const { width: drawnWidth, height: drawnHeight } = drawn;
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const zone = node.closest("figure") ?? node;
    let wanted = false;
    const measure = () => {
      const rect = node.getBoundingClientRect();
      return { width: Math.floor(rect.width), height: Math.floor(rect.height) };
    };
    const update = () => {
      const { width, height } = measure();
      startTransition(() =>
        setSize((prev) => (width > 0 && height > 0 && (prev?.width !== width || prev?.height !== height) ? { width, height } : prev)),
      );
    };
    const want = () => {
      if (wanted) return;
      wanted = true;
      for (const type of INTENT) zone.removeEventListener(type, want);
      update();
    };
    // Observed from the first time the box is near: a box that becomes too narrow later (a
    // window made smaller) gets the plot then, and a drawn plot follows the box's size.
    const resize = new ResizeObserver(() => {
      if (wanted) update();
      else {
        const box = measure();
        if (box.width > 0 && box.height > 0 && drawingScale(box, { width: drawnWidth, height: drawnHeight }) < READABLE_SCALE) want();
      }
    });
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        resize.observe(node);
      },
      { rootMargin: NEAR },
    );
    near.observe(node);
    for (const type of INTENT) zone.addEventListener(type, want, { passive: true });
    return () => {
      near.disconnect();
      resize.disconnect();
      for (const type of INTENT) zone.removeEventListener(type, want);
    };
  }, [ref, drawnWidth, drawnHeight]);
  return size;
}
