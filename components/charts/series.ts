import type { PaletteCategory } from "@/lib/domain/palette";
import type { Qualifier } from "@/lib/domain/vocabulary";

/**
 * A chart series: which data key it plots and what it is called. Its colour and pattern are
 * the palette's for (category, key), so a series looks the same in every chart.
 */
export interface SeriesConfig {
  key: string;
  label: string;
  category: PaletteCategory;
}

/** A deal kind and its name; the colour and pattern are the palette's for that kind. */
export interface DealsTimelineSeries {
  key: string;
  label: string;
}

export type DealsTimelineRow = { year: number } & Record<string, number>;

/** One bar of a company's financial chart. */
export interface FinancialPoint {
  /** The period as the source words it. */
  label: string;
  value: number;
  qualifier: Qualifier;
}

export type StackedDatum = { category: string; label: string } & Record<string, number | string>;

/** The height of each stacked bar: the sum of its series' values, for the axis ticks. */
export function stackTotals(rows: Record<string, unknown>[], keys: string[]): number[] {
  return rows.map((r) => keys.reduce((sum, k) => sum + (typeof r[k] === "number" ? (r[k] as number) : 0), 0));
}
