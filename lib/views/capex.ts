/**
 * The capex comparison as data: spending statements plus exchange rates in, the rows a
 * chart and a table show for one selection out. Pure (no database), so the page, the
 * overview and the unit tests all build the same rows, and the chart and the table can
 * never disagree: both are drawn from one `CapexRow[]`.
 */

import {
  annualise,
  buildFxTable,
  convert,
  type FxRate,
  formatMoney,
  formatMoneyWords,
  periodYears,
  formatQualifiedMoney,
  withQualifier,
  rateLabel,
} from "../domain/money";
import { SCOPE_LABELS, shortPeriod, SPENDING_KIND_LABELS } from "../domain/words";
import type { CitationView } from "../db/queries/citations";
import type { SpendingView } from "../db/queries/spending";
import { type CapexCurrency, type Currency, type Qualifier, type SpendingKind, SPENDING_SCOPES, type SpendingScope } from "../domain/vocabulary";

export type CapexMode = "stated" | "annual";
export type CapexScope = "all" | SpendingScope;

export interface CapexSelection {
  mode: CapexMode;
  currency: CapexCurrency;
  scope: CapexScope;
  kind?: SpendingKind;
}

/**
 * As stated, in US dollars, every scope: the figures as the articles gave them, in the
 * currency most of them use. Per-year and yuan are one click away.
 */
const DEFAULT_CAPEX_SELECTION: CapexSelection = { mode: "stated", currency: "USD", scope: "all" };

export function capexSelection(parsed: Partial<CapexSelection>): CapexSelection {
  return {
    mode: parsed.mode ?? DEFAULT_CAPEX_SELECTION.mode,
    currency: parsed.currency ?? DEFAULT_CAPEX_SELECTION.currency,
    scope: parsed.scope ?? DEFAULT_CAPEX_SELECTION.scope,
    ...(parsed.kind ? { kind: parsed.kind } : {}),
  };
}

/** How a per-year figure relates to the statement it comes from. */
export type PerYearBasis = "whole-year" | "average" | "run-rate";

export interface CapexRow {
  id: number;
  slug: string;
  organization: { slug: string; name: string };
  kind: SpendingKind;
  scope: SpendingScope;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  /** Compact period for chart labels ("Q4 2024", "Mar 2025 – Feb 2028"). */
  periodShort: string;
  periodYears: number;
  qualifier: Qualifier;
  /** What the source said, in its currency; null for an intent stated without a figure. */
  original: { amount: number; currency: Currency } | null;
  mode: CapexMode;
  currency: CapexCurrency;
  /** Converted (and, per year, annualised) value; null when no figure was given. */
  value: number | null;
  /** Only meaningful in per-year mode. */
  perYearBasis: PerYearBasis | null;
  /**
   * The rates the conversion went through (never the USD base, which is 1 by definition);
   * empty when the figure was already in the selected currency.
   */
  rates: FxRate[];
  /** Units of the selected currency per unit of the original; 1 when not converted. */
  perUnit: number | null;
  plotted: boolean;
  description: string;
  citations: CitationView[];
}

function matches(row: SpendingView, sel: CapexSelection): boolean {
  return (sel.scope === "all" || row.scope === sel.scope) && (!sel.kind || row.kind === sel.kind);
}

function perYearBasis(years: number): PerYearBasis {
  // A fiscal year counted by days can come out a hair off 1; it is still a whole year.
  if (Math.abs(years - 1) < 0.01) return "whole-year";
  return years > 1 ? "average" : "run-rate";
}

/**
 * Rows for one selection. Alibaba comes first within each scope so the page reads as
 * "Alibaba against its competitors"; after that, by period then organization.
 */
export function capexRows(spending: readonly SpendingView[], fxRates: readonly FxRate[], sel: CapexSelection): CapexRow[] {
  const table = buildFxTable(fxRates);
  const rows = spending.filter((s) => matches(s, sel)).map((s): CapexRow => {
    const years = periodYears(s.periodStart, s.periodEnd);
    const base = {
      id: s.id,
      slug: s.slug,
      organization: s.organization,
      kind: s.kind,
      scope: s.scope,
      periodLabel: s.periodLabel,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      periodShort: shortPeriod(s.periodStart, s.periodEnd),
      periodYears: years,
      qualifier: s.qualifier,
      mode: sel.mode,
      currency: sel.currency,
      description: s.description,
      citations: s.citations,
    };
    if (s.amount === null || s.currency === null) {
      return { ...base, original: null, value: null, perYearBasis: null, rates: [], perUnit: null, plotted: false };
    }
    const conversion = convert(s.amount, s.currency, sel.currency, table);
    const value = sel.mode === "annual" ? annualise(conversion.value, s.periodStart, s.periodEnd) : conversion.value;
    const rates =
      s.currency === sel.currency
        ? []
        : [conversion.rate.from, conversion.rate.to].filter((r) => r.currency !== "USD");
    return {
      ...base,
      original: { amount: s.amount, currency: s.currency },
      value,
      perYearBasis: sel.mode === "annual" ? perYearBasis(years) : null,
      rates,
      perUnit: conversion.perUnit,
      plotted: true,
    };
  });
  return rows.sort(
    (a, b) =>
      SPENDING_SCOPES.indexOf(a.scope) - SPENDING_SCOPES.indexOf(b.scope) ||
      Number(b.organization.slug === "alibaba") - Number(a.organization.slug === "alibaba") ||
      a.organization.name.localeCompare(b.organization.name) ||
      a.periodStart.localeCompare(b.periodStart) ||
      a.id - b.id,
  );
}

export interface ScopeGroup {
  scope: SpendingScope;
  label: string;
  rows: CapexRow[];
}

/** Position of a scope in the page's order, so sorting by scope restores the grouping. */
export function scopeRank(scope: SpendingScope): number {
  return SPENDING_SCOPES.indexOf(scope);
}

/** Figures of different scope side by side, never summed: one group per scope. */
export function groupByScope(rows: readonly CapexRow[]): ScopeGroup[] {
  const groups = new Map<SpendingScope, CapexRow[]>();
  for (const row of rows) groups.set(row.scope, [...(groups.get(row.scope) ?? []), row]);
  return [...groups.entries()]
    .sort(([a], [b]) => SPENDING_SCOPES.indexOf(a) - SPENDING_SCOPES.indexOf(b))
    .map(([scope, list]) => ({ scope, label: SCOPE_LABELS[scope], rows: list }));
}

/** Every distinct rate the plotted rows went through, for the caption. */
export function ratesUsed(rows: readonly CapexRow[]): FxRate[] {
  const seen = new Map<string, FxRate>();
  for (const row of rows) for (const r of row.rates) seen.set(`${r.currency}|${r.perUsd}|${r.asOf}`, r);
  return [...seen.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The figure as the source gave it: "more than 100 bn yuan", or "no figure given". */
export function formatStated(row: CapexRow): string {
  if (!row.original) return "no figure given";
  return formatQualifiedMoney(row.original.amount, row.original.currency, row.qualifier)!;
}

function perYearSuffix(row: CapexRow): string {
  if (row.value === null || row.mode === "stated") return "";
  return ` / yr${row.perYearBasis === "run-rate" ? " (run-rate)" : ""}`;
}

/**
 * The converted value in words with its qualifier and what it means per year, for the
 * table and tooltips: "up to 65 bn US dollars", "126.67 bn yuan / yr".
 */
export function formatCapexValue(row: CapexRow): string {
  if (row.value === null) return "no figure given";
  return withQualifier(row.qualifier, formatMoneyWords(row.value, row.currency)) + perYearSuffix(row);
}

// Signs for a bar label on a phone; the words stay in the tooltip and the table.
const QUALIFIER_SIGNS: Record<Qualifier, string> = {
  exact: "",
  about: "~",
  "more-than": ">",
  "at-least": "≥",
  "less-than": "<",
  "up-to": "≤",
  "as-much-as": "≤",
  expected: "exp.",
  approaching: "~",
};

/** The same value compact, for a bar's label: "up to $65B", "CN¥127B / yr" (or "≤ $65B"). */
export function formatCapexShort(row: CapexRow, opts: { signs?: boolean } = {}): string {
  if (row.value === null) return "no figure given";
  const amount = formatMoney(row.value, row.currency);
  if (!opts.signs) return withQualifier(row.qualifier, amount) + perYearSuffix(row);
  const suffix = row.mode === "annual" ? `/yr${row.perYearBasis === "run-rate" ? "*" : ""}` : "";
  return `${QUALIFIER_SIGNS[row.qualifier]}${amount}${suffix}`;
}

/** How the per-year figure was derived, in words, for the table and the tooltip. */
export function perYearNote(row: CapexRow): string {
  if (row.mode === "stated" || row.perYearBasis === null) return "";
  const years = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(row.periodYears);
  if (row.perYearBasis === "whole-year") return "covers one year";
  if (row.perYearBasis === "average") return `average per year over ${years} years (stated total ÷ ${years})`;
  const factor = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(1 / row.periodYears);
  return `run-rate: a ${years}-year figure × ${factor}, not a reported annual total`;
}

/** Which rate(s) produced the converted value, or that none was needed. */
export function rateUsedLabel(row: CapexRow): string {
  if (!row.original) return "—";
  if (row.rates.length === 0) return `none (stated in ${row.original.currency})`;
  return row.rates.map(rateLabel).join("; ");
}

export function kindLabel(kind: SpendingKind): string {
  return SPENDING_KIND_LABELS[kind];
}

const KIND_SHORT: Record<SpendingKind, string> = { pledge: "Pledge", plan: "Plan", actual: "Reported" };

/** One entry of the capex bar chart: a scope heading or a bar. Plain data for the client. */
export type CapexChartItem =
  | { type: "heading"; key: string; label: string }
  | {
      type: "bar";
      key: string;
      label: string;
      kindLabel: string;
      period: string;
      /** Set when there are no scope headings, so each bar names its own scope. */
      scope: string | null;
      value: number;
      valueText: string;
      /** The value with the qualifier as a sign, for narrow screens: "> CN¥100B". */
      valueShort: string;
      kind: SpendingKind;
      highlight: boolean;
      details: string[];
    };

/**
 * The chart's entries from the same rows as the table. How scope is shown:
 * "headings" starts each scope with a heading entry so groups of different scope are
 * visibly apart; "labels" (a chart of a few hand-picked rows) names it on every bar;
 * "none" is for a selection of one scope, which the chart's title already names.
 */
export function capexChartItems(rows: readonly CapexRow[], opts: { scope: "headings" | "labels" | "none" }): CapexChartItem[] {
  const bar = (row: CapexRow, withScope: boolean): CapexChartItem => ({
    type: "bar",
    key: row.slug,
    label: row.organization.name,
    kindLabel: KIND_SHORT[row.kind],
    period: row.periodShort,
    scope: withScope ? SCOPE_LABELS[row.scope] : null,
    value: row.value ?? 0,
    valueText: formatCapexShort(row),
    valueShort: formatCapexShort(row, { signs: true }),
    kind: row.kind,
    highlight: row.organization.slug === "alibaba",
    details: [
      `${kindLabel(row.kind)} · ${SCOPE_LABELS[row.scope]}`,
      `Period: ${row.periodLabel}`,
      `Value: ${formatCapexValue(row)}`,
      `As stated: ${formatStated(row)}`,
      ...(perYearNote(row) ? [perYearNote(row)] : []),
      ...(row.rates.length ? [`Rate: ${rateUsedLabel(row)}`] : []),
      `Source: ${[...new Set(row.citations.map((c) => c.outlet ?? c.sourceTitle))].join("; ") || "none"}`,
    ],
  });
  const plotted = rows.filter((r) => r.plotted);
  if (opts.scope !== "headings") return plotted.map((r) => bar(r, opts.scope === "labels"));
  return groupByScope(plotted).flatMap((g) => [
    { type: "heading" as const, key: `scope-${g.scope}`, label: g.label },
    ...g.rows.map((r) => bar(r, false)),
  ]);
}

/** A sentence for screen readers: the chart's content in words. */
export function capexChartSummary(rows: readonly CapexRow[], sel: Pick<CapexSelection, "mode" | "currency">): string {
  const plotted = rows.filter((r) => r.plotted);
  if (plotted.length === 0) return "No spending figures to chart for this selection.";
  const groups = groupByScope(plotted)
    .map((g) => `${g.label}: ${g.rows.map((r) => `${r.organization.name} ${kindLabel(r.kind).toLowerCase()} ${formatCapexValue(r)} (${r.periodShort})`).join(", ")}`)
    .join(". ");
  return `Bar chart of ${plotted.length} spending figures, ${sel.mode === "annual" ? "per year" : "as stated"}, in ${sel.currency}, grouped by scope. ${groups}.`;
}

/** Every citation of the given rows once, for the figure's sources badge. */
export function rowCitations(rows: readonly { citations: CitationView[] }[]): CitationView[] {
  return uniqueCitations(rows.flatMap((r) => r.citations));
}

/** Citations with repeats (same source, same place) removed, order kept. */
export function uniqueCitations(citations: readonly CitationView[]): CitationView[] {
  const seen = new Set<string>();
  const out: CitationView[] = [];
  for (const c of citations) {
    const key = `${c.sourceSlug}|${c.locator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

export interface PledgeContext<T extends SpendingView = SpendingView> {
  /** The organization's largest pledge with a figure. */
  pledge: T | null;
  /** Reported spending whose period reaches into the pledge's: the latest such figure. */
  reported: T | null;
  /** Total capex reported for a period before the pledge: the longest such figure. */
  baseline: T | null;
}

/**
 * The pledge and what it is measured against, picked by kind, scope and period rather
 * than by slug, so a newer statement in the data replaces an older one on the overview.
 */
export function pledgeContext<T extends SpendingView>(spending: readonly T[], organization = "alibaba"): PledgeContext<T> {
  const mine = spending.filter((s) => s.organization.slug === organization && s.amount !== null && s.currency !== null);
  const pledge = mine.filter((s) => s.kind === "pledge").sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0))[0] ?? null;
  if (!pledge) return { pledge: null, reported: null, baseline: null };
  const reported =
    mine
      .filter((s) => s.kind === "actual" && s.periodEnd >= pledge.periodStart)
      .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0] ?? null;
  const baseline =
    mine
      .filter((s) => s.kind === "actual" && s.scope === "total-capex" && s.periodEnd < pledge.periodStart)
      .sort((a, b) => periodYears(b.periodStart, b.periodEnd) - periodYears(a.periodStart, a.periodEnd))[0] ?? null;
  return { pledge, reported, baseline };
}
