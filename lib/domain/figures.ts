import { formatMoneyWords, formatNumber, formatPercent, qualifierLabel, withQualifier } from "./money";
import { CURRENCIES, type Currency, type Qualifier } from "./vocabulary";

/**
 * Words for a financial figure in whatever unit the source gave it. Pure, so the server
 * table and the client chart print a value the same way.
 */


function isMoneyUnit(unit: string): unit is Currency {
  return (CURRENCIES as readonly string[]).includes(unit);
}

const METRIC_WORDS: Record<string, string> = {
  "dram-output": "DRAM output",
  rnd: "R&D",
  "share-of-purchases-from-alibaba": "Share of purchases from Alibaba",
  "capex-above-analyst-estimate": "Capex above analysts' estimate",
};

export function metricLabel(metric: string): string {
  if (METRIC_WORDS[metric]) return METRIC_WORDS[metric];
  const words = metric.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A percent that is itself a change (share price moves) carries a sign; a level does not. */
function isChangeMetric(metric: string): boolean {
  return /(^|-)change($|-)/.test(metric);
}

const compactLong = new Intl.NumberFormat("en-US", { notation: "compact", compactDisplay: "long", maximumFractionDigits: 2 });

export function formatFigure(value: number, unit: string, metric: string): string {
  if (isMoneyUnit(unit)) return formatMoneyWords(value, unit);
  switch (unit) {
    case "percent":
      return isChangeMetric(metric) ? formatPercent(value) : `${formatNumber(value)}%`;
    case "units":
      return `${Math.abs(value) >= 1e6 ? compactLong.format(value) : formatNumber(value)} units`;
    case "people":
      return `${formatNumber(value)} ${value === 1 ? "person" : "people"}`;
    case "years":
      return `${formatNumber(value)} ${value === 1 ? "year" : "years"}`;
    case "multiple":
      return `${formatNumber(value)} times`;
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}

/** The qualifier and the value together, as a reader should take it: "more than 2.6 bn yuan". */
export function formatQualifiedFigure(value: number, unit: string, metric: string, qualifier: Qualifier): string {
  return withQualifier(qualifier, formatFigure(value, unit, metric));
}

export function unitLabel(unit: string): string {
  const words: Record<string, string> = {
    CNY: "yuan",
    USD: "US dollars",
    GBP: "pounds",
    JPY: "yen",
    percent: "percent",
    units: "units",
    people: "people",
    years: "years",
    multiple: "times",
  };
  return words[unit] ?? unit;
}

/** "exact" reads as nothing in prose; in a table column it should still say something. */
export function qualifierColumn(q: Qualifier): string {
  const label = qualifierLabel(q);
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : "As stated";
}
