import type { Qualifier } from "@/lib/domain/vocabulary";

/** A chart series: which data key it plots, what it is called and its colour. */
export interface SeriesConfig {
  key: string;
  label: string;
  colour: string;
}

/**
 * Fill and outline per spending kind. Pledges and plans are hatched (promises, not money
 * spent), reported spending is solid; the kind is also written in every label and the
 * legend, so the pattern is never the only cue.
 */
export const KIND_STYLES = {
  pledge: { colour: "#c2410c", hatch: true, dash: undefined },
  plan: { colour: "#b45309", hatch: true, dash: "4 2" },
  actual: { colour: "#1f2937", hatch: false, dash: undefined },
} as const;

export type KindKey = keyof typeof KIND_STYLES;

export interface DealsTimelineSeries {
  key: string;
  label: string;
  color: string;
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
