import type { CSSProperties } from "react";
import { type PaletteCategory, colourVar, swatchOf } from "@/lib/domain/palette";

/**
 * A small sample of a category's colour and pattern, the same as its bars in charts. Its
 * look is in the palette's CSS (lib/domain/palette.ts); the element carries only its colour.
 * A badge draws its own swatch from the same CSS, without this element. The data attributes
 * let an image export redraw the legend with the same swatch.
 */
export function Swatch({
  category,
  value,
  size,
  box,
}: {
  category: PaletteCategory;
  value: string;
  /** Width and height, when not the 1em of the CSS. */
  size?: string;
  /** Width and height apart: a swatch drawn as a bar (the capex comparison's). */
  box?: { width: string; height: string };
}) {
  const sw = swatchOf(category, value as never);
  const style: Record<string, string> = { "--swatch-colour": colourVar(category, value) };
  if (size) Object.assign(style, { width: size, height: size });
  if (box) Object.assign(style, box);
  return (
    <span
      aria-hidden="true"
      className="swatch"
      data-category={category}
      data-value={value}
      data-pattern={sw.pattern}
      style={style as CSSProperties}
    />
  );
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
