import type { CSSProperties } from "react";
import { type PaletteCategory, colourVar, cssPattern, swatchOf } from "@/lib/domain/palette";

/**
 * A small sample of a category's colour and pattern, the same as its bars in charts. The
 * data attributes let an image export redraw the legend with the same swatch.
 */
export function Swatch({ category, value, size = "1em" }: { category: PaletteCategory; value: string; size?: string }) {
  const sw = swatchOf(category, value as never);
  const colour = colourVar(category, value);
  const style: CSSProperties = {
    display: "inline-block",
    flex: "none",
    width: size,
    height: size,
    borderRadius: 2,
    border: `1.5px solid ${colour}`,
    background: cssPattern(sw.pattern, colour),
  };
  return <span aria-hidden="true" className="swatch" data-category={category} data-value={value} data-pattern={sw.pattern} style={style} />;
}

export interface LegendItem {
  category: PaletteCategory;
  value: string;
  label: string;
  note?: string;
}

/** A chart's legend in HTML: swatch and name per series (an image export redraws it in SVG). */
export function ChartLegend({ items, label = "Legend" }: { items: LegendItem[]; label?: string }) {
  return (
    <ul className="chart-legend" aria-label={label} data-testid="chart-legend">
      {items.map((i) => (
        <li key={`${i.category}-${i.value}`} data-legend-label={i.label}>
          <Swatch category={i.category} value={i.value} />
          <span>
            {i.label}
            {i.note ? <span className="muted"> ({i.note})</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
