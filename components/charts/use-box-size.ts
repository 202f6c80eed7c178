"use client";

import { type RefObject, useEffect, useState } from "react";

export interface BoxSize {
  width: number;
  height: number;
}

/**
 * The size of the fixed chart box, measured in the browser. Charts render with these
 * numbers as plain width/height (no ResponsiveContainer, so no "width(-1)" warnings) and
 * render nothing until measured; the box itself has a fixed height, so nothing moves.
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
      setSize((prev) => (width > 0 && height > 0 && (prev?.width !== width || prev?.height !== height) ? { width, height } : prev));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
