/**
 * Money math for the whole app: currency conversion, annualising spending periods and
 * formatting amounts. Pure functions only, so server and client components share one
 * implementation and a figure never reads differently on two pages.
 */

import type { Currency, FxBasis, Qualifier } from "./vocabulary";

/** An exchange rate as data/fx-rates.json records it (lib/validation checks the file). */
export type FxRate = Readonly<{
  currency: Currency;
  /** Units of this currency per one US dollar. */
  perUsd: number;
  asOf: string;
  basis: FxBasis;
  sources: string[];
  isDefault: boolean;
  note: string;
}>;

/**
 * One chosen rate per currency. A plain object rather than a Map so a table built on the
 * server can be passed as a prop to a client component.
 */
export type FxTable = { readonly [C in Currency]?: FxRate };

export interface Conversion {
  value: number;
  rate: { from: FxRate; to: FxRate };
  /** How many units of `to` one unit of `from` buys. */
  perUnit: number;
}

export interface FormatMoneyOptions {
  compact?: boolean;
  locale?: string;
  maximumFractionDigits?: number;
}

export interface FormatNumberOptions {
  locale?: string;
  maximumFractionDigits?: number;
}

const DEFAULT_LOCALE = "en-US";

// Typed as a full Record so adding or removing a currency in dataset.ts fails type-checking
// here until its words are written; it doubles as the runtime list of known currencies.
const CURRENCY_WORDS: Record<Currency, { one: string; many: string }> = {
  CNY: { one: "yuan", many: "yuan" },
  USD: { one: "US dollar", many: "US dollars" },
  GBP: { one: "pound", many: "pounds" },
  JPY: { one: "yen", many: "yen" },
};

function isCurrency(value: string): value is Currency {
  return Object.prototype.hasOwnProperty.call(CURRENCY_WORDS, value);
}

function assertCurrency(value: string): asserts value is Currency {
  if (!isCurrency(value)) {
    throw new Error(
      `Unknown currency "${value}"; expected one of ${Object.keys(CURRENCY_WORDS).join(", ")}.`,
    );
  }
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}.`);
  }
}

/**
 * Several rates may exist per currency (each source implies its own); the one marked
 * isDefault is the house rate. Two defaults for one currency would make every converted
 * figure depend on file order, so that is rejected rather than silently resolved.
 */
export function buildFxTable(rates: readonly FxRate[]): FxTable {
  const chosen: { [C in Currency]?: FxRate } = {};
  const defaults: { [C in Currency]?: FxRate } = {};

  for (const rate of rates) {
    assertCurrency(rate.currency);
    if (!(Number.isFinite(rate.perUsd) && rate.perUsd > 0)) {
      throw new RangeError(
        `FX rate for ${rate.currency} as of ${rate.asOf} must be a positive number, got ${String(rate.perUsd)}.`,
      );
    }
    // USD is the base every rate is quoted against; any other value would make
    // conversions through USD disagree with direct USD figures.
    if (rate.currency === "USD" && rate.perUsd !== 1) {
      throw new RangeError(`The USD rate must be 1 per USD, got ${rate.perUsd}.`);
    }
    if (rate.isDefault) {
      const earlier = defaults[rate.currency];
      if (earlier) {
        throw new Error(
          `Two default FX rates for ${rate.currency} (as of ${earlier.asOf} and ${rate.asOf}); mark only one isDefault.`,
        );
      }
      defaults[rate.currency] = rate;
    }
    chosen[rate.currency] ??= rate;
  }

  const table: { [C in Currency]?: FxRate } = { ...chosen, ...defaults };

  // The dataset need not list USD = 1; synthesising it keeps "convert to USD" working.
  // It borrows the newest date in the table because a base rate has no date of its own.
  if (!table.USD && rates.length > 0) {
    const newest = rates.reduce((a, b) => (b.asOf > a.asOf ? b : a));
    table.USD = {
      currency: "USD",
      perUsd: 1,
      asOf: newest.asOf,
      basis: "reference",
      sources: [],
      isDefault: true,
      note: "US dollar is the base currency: 1 per USD by definition.",
    };
  }

  return Object.freeze(table);
}

/** The table's rate for a currency; throws rather than letting a figure go unconverted. */
export function rateFor(table: FxTable, currency: Currency): FxRate {
  assertCurrency(currency);
  const rate = table[currency];
  if (!rate) {
    const known = Object.keys(table);
    throw new Error(
      `No FX rate for ${currency}; the table has ${known.length > 0 ? known.join(", ") : "no rates"}.`,
    );
  }
  return rate;
}

export function convert(amount: number, from: Currency, to: Currency, table: FxTable): Conversion {
  assertFinite(amount, "Amount");
  const fromRate = rateFor(table, from);
  const toRate = rateFor(table, to);
  if (from === to) {
    // Skip the division so an identity conversion returns the amount bit-for-bit.
    return { value: amount, rate: { from: fromRate, to: toRate }, perUnit: 1 };
  }
  const perUnit = toRate.perUsd / fromRate.perUsd;
  // Going through USD in one expression (amount / from * to) rounds once, not twice.
  const value = (amount / fromRate.perUsd) * toRate.perUsd;
  return { value, rate: { from: fromRate, to: toRate }, perUnit };
}

/**
 * The exchange rate a source implicitly used when it gives one sum in both currencies,
 * e.g. 380 bn yuan "about 53 bn US dollars". Used to audit the conversions articles quote.
 */
export function impliedPerUsd(localAmount: number, usdAmount: number): number {
  assertFinite(localAmount, "Local amount");
  assertFinite(usdAmount, "USD amount");
  if (localAmount <= 0 || usdAmount <= 0) {
    throw new RangeError("Both amounts must be positive to imply an exchange rate.");
  }
  return localAmount / usdAmount;
}

interface IsoDay {
  year: number;
  month: number; // 1-12
  day: number;
  /** Days since the Unix epoch, for exact day counts regardless of time zone or DST. */
  epochDay: number;
}

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;

function parseIsoDate(value: string, what: string): IsoDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    // Date.UTC rolls 2025-02-30 over to March; a round trip catches impossible dates.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return { year, month, day, epochDay: ms / MS_PER_DAY };
    }
  }
  throw new RangeError(`${what} must be an ISO date (YYYY-MM-DD), got "${value}".`);
}

/**
 * Length of an inclusive period in years. Calendar-month periods count months, because
 * days/365.25 would make a fiscal year 0.999 or 1.002 years and a "three-year" pledge not
 * quite three; anything else falls back to days.
 */
export function periodYears(start: string, end: string): number {
  const s = parseIsoDate(start, "Period start");
  const e = parseIsoDate(end, "Period end");
  if (e.epochDay < s.epochDay) {
    throw new RangeError(`Period end ${end} is before its start ${start}.`);
  }
  if (s.day === 1 && e.day === lastDayOfMonth(e.year, e.month)) {
    const months = (e.year - s.year) * 12 + (e.month - s.month) + 1;
    return months / 12;
  }
  return (e.epochDay - s.epochDay + 1) / DAYS_PER_YEAR;
}

/** Per-year amount, so a quarterly figure and a multi-year pledge can share an axis. */
export function annualise(amount: number, periodStart: string, periodEnd: string): number {
  assertFinite(amount, "Amount");
  return amount / periodYears(periodStart, periodEnd);
}

// Building an Intl.NumberFormat costs far more than formatting with one (locale data is
// resolved each time), and a page of 50 deal cards formatted each amount and stake with a
// new one: ~6 ms of a request's CPU. The options are a handful of fixed shapes, so one
// formatter per (locale, options) is kept for the life of the process.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function currencyFractionDigits(locale: string, currency: Currency): number {
  return numberFormat(locale, { style: "currency", currency }).resolvedOptions()
    .minimumFractionDigits ?? 0;
}

export function formatMoney(value: number, currency: Currency, opts: FormatMoneyOptions = {}): string {
  assertFinite(value, "Money value");
  assertCurrency(currency);
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const options: Intl.NumberFormatOptions = {
    style: "currency",
    currency,
    notation: (opts.compact ?? true) ? "compact" : "standard",
  };
  if (opts.maximumFractionDigits !== undefined) {
    options.maximumFractionDigits = opts.maximumFractionDigits;
    // Older engines throw when the maximum is below the currency's own minimum (2 for USD).
    options.minimumFractionDigits = Math.min(
      currencyFractionDigits(locale, currency),
      opts.maximumFractionDigits,
    );
  }
  return numberFormat(locale, options).format(value);
}

const WORD_SCALES = [
  { factor: 1e12, word: "tn" },
  { factor: 1e9, word: "bn" },
  { factor: 1e6, word: "m" },
] as const;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The prose style used in notes and tooltips ("380 bn yuan"). Always English, since the
 * currency words are. The scale is chosen after rounding so 999.999 bn reads "1 tn",
 * not "1,000 bn".
 */
export function formatMoneyWords(value: number, currency: Currency): string {
  assertFinite(value, "Money value");
  assertCurrency(currency);
  const words = CURRENCY_WORDS[currency];
  const number = numberFormat(DEFAULT_LOCALE, { maximumFractionDigits: 2 });
  const magnitude = Math.abs(value);
  for (const { factor, word } of WORD_SCALES) {
    if (round2(magnitude / factor) >= 1) {
      return `${number.format(value / factor)} ${word} ${words.many}`;
    }
  }
  return `${number.format(value)} ${Math.abs(round2(value)) === 1 ? words.one : words.many}`;
}

/**
 * For change figures stored as percent numbers (+386 means up 386%). The sign is always
 * shown because a bare "386%" is ambiguous between growth and level; the minus sign is
 * whatever Intl gives for the locale, the same as in formatNumber and formatMoney.
 */
export function formatPercent(value: number, opts: FormatNumberOptions = {}): string {
  assertFinite(value, "Percent value");
  return numberFormat(opts.locale ?? DEFAULT_LOCALE, {
    style: "unit",
    unit: "percent",
    signDisplay: "exceptZero",
    maximumFractionDigits: opts.maximumFractionDigits ?? 1,
  }).format(value);
}

export function formatNumber(value: number, opts: FormatNumberOptions = {}): string {
  assertFinite(value, "Number");
  return numberFormat(opts.locale ?? DEFAULT_LOCALE, {
    maximumFractionDigits: opts.maximumFractionDigits ?? 2,
  }).format(value);
}

export function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one, leap years included.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A count with its noun ("1 deal", "1,000,025 deals"): counts reach seven digits on the
 * scale database, where ungrouped digits are hard to read. Every count shown beside its
 * noun goes through here, so grouping and the plural are decided once.
 */
export function formatCount(count: number, singular: string, plural = `${singular}s`, opts: FormatNumberOptions = {}): string {
  return `${formatNumber(count, { ...opts, maximumFractionDigits: 0 })} ${countNoun(count, singular, plural)}`;
}

/** The noun alone, for a count set apart from it (a styled figure): singular only for one. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}

/**
 * A count where a chart has little room (an axis tick, a label inside a bar): exact below
 * 10,000, compact above ("95K", "1.2M"), since "150000" overflows a 40-pixel axis. The exact
 * figure is always in the chart's table and tooltip.
 */
export function formatCountShort(count: number, opts: FormatNumberOptions = {}): string {
  assertFinite(count, "Count");
  if (Math.abs(count) < 10_000) return formatNumber(count, { ...opts, maximumFractionDigits: 0 });
  return numberFormat(opts.locale ?? DEFAULT_LOCALE, { notation: "compact", maximumFractionDigits: 1 }).format(count);
}

// "exact" maps to "" so callers can prefix unconditionally: `${label} ${amount}`.trim().
const QUALIFIER_LABELS: Record<Qualifier, string> = {
  exact: "",
  about: "about",
  "more-than": "more than",
  "at-least": "at least",
  "less-than": "less than",
  "up-to": "up to",
  "as-much-as": "as much as",
  expected: "expected",
  approaching: "approaching",
};

export function qualifierLabel(q: Qualifier): string {
  const label = QUALIFIER_LABELS[q];
  if (label === undefined) throw new Error(`Unknown qualifier "${String(q)}".`);
  return label;
}

/** A value in words with its qualifier in front, as a reader should take it: "more than 2.6 bn yuan". */
export function withQualifier(q: Qualifier, text: string): string {
  return `${qualifierLabel(q)} ${text}`.trim();
}

/** An amount as the source stated it ("up to 65 bn US dollars"); null when it gave none. */
export function formatQualifiedMoney(amount: number | null, currency: Currency | null, qualifier: Qualifier): string | null {
  return amount === null || currency === null ? null : withQualifier(qualifier, formatMoneyWords(amount, currency));
}

const BASIS_LABELS: Record<FxRate["basis"], string> = {
  "implied-by-source": "implied by sources",
  reference: "reference rate",
  "headline-implied": "implied by a headline figure",
};

/** Shown beside every converted figure so readers can see which rate produced it. */
export function rateLabel(rate: FxRate): string {
  return `${rateShortLabel(rate)} (${BASIS_LABELS[rate.basis]}, as of ${rate.asOf})`;
}

/** The rate alone ("1 USD = 7.2 CNY"), for a cell whose table names each rate's basis and date once. */
export function rateShortLabel(rate: FxRate): string {
  assertFinite(rate.perUsd, "Rate");
  // Sub-unit rates (GBP ~0.79) need more decimals than CNY or JPY to stay meaningful.
  const perUsd = formatNumber(rate.perUsd, { maximumFractionDigits: rate.perUsd >= 1 ? 2 : 4 });
  return `1 USD = ${perUsd} ${rate.currency}`;
}

/*
 * Qualifiers travel. A source's "more than 380 bn yuan" stays "more than" through every
 * figure derived from it (its dollar value, its yearly average, a share of it), and two
 * qualified figures combined keep both qualifiers. A derived figure carries a list of
 * qualifiers, empty when every input was exact.
 */

/** A figure with the qualifiers of every figure it was derived from; [] means exact. */
export interface Qualified {
  value: number;
  qualifiers: readonly Qualifier[];
}

type Bound = "lower" | "upper" | null;

// Which side of the true value a qualified figure sits on: "more than 380" is a lower
// bound, "up to 65" an upper one; "about" and "expected" bound nothing.
const BOUNDS: Record<Qualifier, Bound> = {
  exact: null,
  about: null,
  "more-than": "lower",
  "at-least": "lower",
  "less-than": "upper",
  "up-to": "upper",
  "as-much-as": "upper",
  expected: null,
  approaching: "upper",
};

// Dividing by a lower bound gives an upper bound and the other way round.
const INVERSE: Record<Qualifier, Qualifier> = {
  exact: "exact",
  about: "about",
  "more-than": "less-than",
  "at-least": "up-to",
  "less-than": "more-than",
  "up-to": "at-least",
  "as-much-as": "at-least",
  expected: "expected",
  approaching: "more-than",
};

// Reading order of a combined phrase: "expected more than about 53 bn".
const PHRASE_ORDER: readonly Qualifier[] = ["expected", "approaching", "more-than", "at-least", "less-than", "up-to", "as-much-as", "about"];

/** One list per figure: no "exact", no repeats, in reading order. */
export function normaliseQualifiers(qualifiers: readonly Qualifier[]): Qualifier[] {
  for (const q of qualifiers) qualifierLabel(q);
  const set = new Set<Qualifier>(qualifiers.filter((q) => q !== "exact"));
  return PHRASE_ORDER.filter((q) => set.has(q));
}

/** A stated figure as the start of a derivation. */
export function qualified(value: number, qualifier: Qualifier | readonly Qualifier[] = "exact"): Qualified {
  assertFinite(value, "Value");
  return { value, qualifiers: normaliseQualifiers(typeof qualifier === "string" ? [qualifier] : qualifier) };
}

/**
 * Multiplying by a positive factor keeps the direction of every bound; the factor's own
 * qualifier (an approximate rate, say) joins the list. A negative factor would flip the
 * bounds, and no amount here is negative, so it is refused rather than handled.
 */
export function scaleQualified(x: Qualified, factor: number, factorQualifier: Qualifier = "exact"): Qualified {
  assertFinite(factor, "Factor");
  if (factor <= 0) throw new RangeError(`A qualified figure can only be scaled by a positive factor, got ${factor}.`);
  return { value: x.value * factor, qualifiers: normaliseQualifiers([...x.qualifiers, factorQualifier]) };
}

/** The figure in another currency: the conversion's factor is exact, so the qualifiers stay. */
export function convertQualified(x: Qualified, from: Currency, to: Currency, table: FxTable): Qualified & { conversion: Conversion } {
  const conversion = convert(x.value, from, to, table);
  return { value: conversion.value, qualifiers: x.qualifiers, conversion };
}

/** The yearly average (or run-rate) of a figure for a period, with its qualifiers. */
export function annualiseQualified(x: Qualified, periodStart: string, periodEnd: string): Qualified {
  return { value: annualise(x.value, periodStart, periodEnd), qualifiers: x.qualifiers };
}

/**
 * part ÷ whole. The part's qualifiers carry over as they are; the whole's are inverted,
 * because a share of "more than 380" is at most the share of 380. So a lower bound over a
 * lower bound has no bound at all in either direction (see qualifierCaveat).
 */
export function divideQualified(part: Qualified, whole: Qualified): Qualified {
  if (whole.value === 0) throw new RangeError("Cannot divide by a figure of zero.");
  return {
    value: part.value / whole.value,
    qualifiers: normaliseQualifiers([...part.qualifiers, ...whole.qualifiers.map((q) => INVERSE[q])]),
  };
}

/** True when the qualifiers bound the figure from both sides at once, i.e. not at all. */
export function hasMixedBounds(qualifiers: readonly Qualifier[]): boolean {
  const bounds = new Set(qualifiers.map((q) => BOUNDS[q]).filter((b) => b !== null));
  return bounds.size > 1;
}

/**
 * The words before a derived figure: "more than", "more than about", "expected up to".
 * With bounds on both sides the figure is neither a floor nor a ceiling, so the phrase
 * says "roughly" and qualifierCaveat says why.
 */
export function qualifiersPhrase(qualifiers: readonly Qualifier[]): string {
  const list = normaliseQualifiers(qualifiers);
  if (hasMixedBounds(list)) {
    return ["roughly", ...list.filter((q) => q === "expected").map(qualifierLabel)].join(" ");
  }
  return list.map(qualifierLabel).join(" ");
}

/** A sentence for a figure whose inputs were bounds in opposite directions; "" otherwise. */
export function qualifierCaveat(qualifiers: readonly Qualifier[]): string {
  if (!hasMixedBounds(qualifiers)) return "";
  return "its inputs are bounds in opposite directions (such as one \"more than\" figure divided by another), so the true value may be higher or lower";
}

/** "more than 53 bn US dollars": a derived amount in words with every qualifier it carries. */
export function formatQualifiedMoneyWords(x: Qualified, currency: Currency): string {
  return `${qualifiersPhrase(x.qualifiers)} ${formatMoneyWords(x.value, currency)}`.trim();
}

/** "more than 26%" for a ratio given as a fraction (0.26). */
export function formatQualifiedShare(x: Qualified, opts: FormatNumberOptions = {}): string {
  const pct = numberFormat(opts.locale ?? DEFAULT_LOCALE, { maximumFractionDigits: opts.maximumFractionDigits ?? 0 }).format(100 * x.value);
  return `${qualifiersPhrase(x.qualifiers)} ${pct}%`.trim();
}

/** For CSV and JSON: the qualifiers as codes joined with "+", "exact" when there are none. */
export function qualifiersCode(qualifiers: readonly Qualifier[]): string {
  const list = normaliseQualifiers(qualifiers);
  return list.length ? list.join("+") : "exact";
}
