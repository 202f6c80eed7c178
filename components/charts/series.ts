import type { PaletteCategory } from "@/lib/domain/palette";

/**
 * A chart series: which data key it plots and what it is called. Its colour and pattern are
 * the palette's for (category, key), so a series looks the same in every chart.
 */
export interface SeriesConfig {
  key: string;
  label: string;
  category: PaletteCategory;
}
