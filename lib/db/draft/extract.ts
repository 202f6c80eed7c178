import * as chrono from "chrono-node";
import type { Currency, Qualifier } from "../../domain/vocabulary";
import type { Paragraph } from "./article";

export type DatePrecision = "day" | "month" | "quarter" | "year";
type DateQualifier = "exact" | "on-or-after" | "before" | "about";

/**
 * Candidate facts in an article's text: amounts of money, percentages, dates and the
 * organisations named. Dates are read by chrono-node (a maintained natural-language date
 * parser). Amounts are read here: chrono has no money parser, and the general number
 * parsers on npm read "380" or "three" but not a scale word plus a currency word with a
 * qualifier before it ("more than 380 billion yuan"), which is the whole job; the grammar
 * below is that one phrase shape and nothing else.
 */

export interface Mention {
  paragraph: number;
  /** Index of the sentence within the paragraph. */
  sentence: number;
  /** The words matched, e.g. "more than 380 billion yuan" (a phrase, never a sentence). */
  phrase: string;
  /** Character offset within the sentence, so a row can pick the organisation nearest a figure. */
  at: number;
}

export interface MoneyMention extends Mention {
  kind: "money";
  amount: number;
  currency: Currency;
  qualifier: Qualifier;
}

export interface PercentMention extends Mention {
  kind: "percent";
  value: number;
  qualifier: Qualifier;
  /** What the sentence says the percentage measures, when it says: stake, market share, change, decline... */
  measures: string | null;
}

export interface DateMention extends Mention {
  kind: "date";
  /** "2025", "2025-02", "2025-02-24"; a quarter is its first month with precision "quarter". */
  value: string;
  precision: DatePrecision;
  qualifier: DateQualifier;
  /** The article gave no year; it was taken from the source's date. */
  yearImplied: boolean;
}

export interface OrganizationMention extends Mention {
  kind: "organization";
  /** The database's slug when the name or an alias matched; null for a name to propose as new. */
  slug: string | null;
  name: string;
}

export type Candidate = MoneyMention | PercentMention | DateMention | OrganizationMention;

export interface KnownOrganization {
  slug: string;
  names: string[];
}

export interface Sentence {
  paragraph: number;
  index: number;
  text: string;
  candidates: Candidate[];
}

const SCALES: Record<string, number> = { trillion: 1e12, billion: 1e9, bn: 1e9, million: 1e6, mn: 1e6, thousand: 1e3 };
const PREFIX_CURRENCY: Record<string, Currency> = { "us$": "USD", $: "USD", usd: "USD", "£": "GBP", gbp: "GBP", rmb: "CNY", cny: "CNY", "¥": "CNY" };
const SUFFIX_CURRENCY: Record<string, Currency> = {
  "us dollars": "USD", dollars: "USD", dollar: "USD", usd: "USD", yuan: "CNY", rmb: "CNY", cny: "CNY", yen: "JPY", pounds: "GBP", "pounds sterling": "GBP",
};

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100, "a hundred": 100,
};
const WORD_NUMBER = Object.keys(WORDS).sort((a, b) => b.length - a.length).join("|");
// Translations write "500 - million - yuan": spaced hyphens may join the number, scale and currency.
const JOIN = String.raw`(?:\s*-\s*|\s+)`;
const MONEY = new RegExp(
  String.raw`(?<pre>US\$|\$|£|¥|\bRMB|\bUSD|\bCNY|\bGBP)?\s?(?:(?<num>${NUMBER})|\b(?<word>${WORD_NUMBER})(?=${JOIN}(?:trillion|billion|million)))(?:${JOIN}(?<scale>trillion|billion|million|thousand|bn|mn)\b)?(?:${JOIN}(?<suf>US dollars|dollars?|yuan|RMB|CNY|USD|yen|pounds(?: sterling)?)\b)?`,
  "gi",
);
const PERCENT = new RegExp(String.raw`(?<num>${NUMBER})\s?(?:%|percent\b|per cent\b)`, "gi");

/** Words just before a figure that qualify it, longest first. */
const QUALIFIER_BEFORE: [RegExp, Qualifier][] = [
  [/\b(?:as much as)\s*$/i, "as-much-as"],
  [/\b(?:up to)\s*$/i, "up-to"],
  [/\b(?:at least|no less than|not less than)\s*$/i, "at-least"],
  [/\b(?:more than|over|exceeding|exceeded|exceeds?|above|in excess of|upwards of)\s*$/i, "more-than"],
  [/\b(?:less than|under|below|fewer than)\s*$/i, "less-than"],
  [/\b(?:nearly|almost|close to|approaching)\s*$/i, "approaching"],
  [/\b(?:about|approximately|approx\.|around|roughly|some|an estimated|estimated)\s*$/i, "about"],
];

function qualifierBefore(sentence: string, at: number): Qualifier {
  const before = sentence.slice(Math.max(0, at - 24), at);
  for (const [re, q] of QUALIFIER_BEFORE) if (re.test(before)) return q;
  if (/^\S*\s*(?:or more)\b/i.test(sentence.slice(at))) return "at-least";
  return "exact";
}

/** What a percentage measures, from the words of its sentence (closest cue wins). */
const MEASURES: [RegExp, string][] = [
  [/\bstake\b|\bequity\b|\bshareholding\b/i, "stake"],
  [/\bmarket share\b/i, "market share"],
  [/\bshares?\b[^.]*\b(?:fell|fall|dipped|dip|dropped|drop|declined?|decline|slid|lost)\b|\b(?:fell|dipped|dropped|decline|drop)\b[^.]*\bshares?\b/i, "share-price change"],
  [/\bgross margin|\bmargin\b/i, "margin"],
  [/\byear[\s-]*on[\s-]*year\b|\bincrease[sd]?\b|\brise\b|\brose\b|\bgrowth\b|\bgrew\b|\bup by\b/i, "change"],
  [/\bdecline[sd]?\b|\bdrop(?:ped)?\b|\bfell\b|\bfall\b|\bdown by\b|\bdecrease[sd]?\b/i, "decline"],
  [/\bcooperation with\b|\bbrands?\b|\bcustomers?\b|\bpurchases?\b/i, "share of"],
];

function measureOf(sentence: string): string | null {
  for (const [re, what] of MEASURES) if (re.test(sentence)) return what;
  return null;
}

const toNumber = (s: string) => Number(s.replace(/,/g, ""));

/** Sentences of a paragraph: a full stop, question or exclamation mark ends one unless it sits inside a number. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。])(?!\d)\s*(?=[A-Z“"‘(]|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function moneyIn(sentence: string): { at: number; end: number; phrase: string; amount: number; currency: Currency; qualifier: Qualifier }[] {
  const out = [];
  for (const m of sentence.matchAll(MONEY)) {
    const g = m.groups!;
    const pre = g.pre?.toLowerCase();
    const suf = g.suf?.toLowerCase();
    const currency = (pre ? PREFIX_CURRENCY[pre] : undefined) ?? (suf ? SUFFIX_CURRENCY[suf] : undefined);
    if (!currency) continue;
    // "$53 Billion" without a scale is still a figure; "2024 yuan" is not plausible and is skipped.
    const scale = g.scale ? SCALES[g.scale.toLowerCase()]! : 1;
    const amount = Math.round((g.num ? toNumber(g.num) : WORDS[g.word!.toLowerCase()]!) * scale);
    if (!(amount > 0)) continue;
    const at = m.index + m[0].search(/\S/);
    const qualifier = qualifierBefore(sentence, at);
    const lead = QUALIFIER_BEFORE.map(([re]) => re.exec(sentence.slice(Math.max(0, at - 24), at))?.[0]).find(Boolean);
    const phrase = `${lead ? lead.trim() + " " : ""}${m[0].trim()}`;
    out.push({ at, end: m.index + m[0].length, phrase, amount, currency, qualifier });
  }
  return out;
}

function percentsIn(sentence: string) {
  const out = [];
  for (const m of sentence.matchAll(PERCENT)) {
    const at = m.index;
    const qualifier = qualifierBefore(sentence, at);
    const lead = QUALIFIER_BEFORE.map(([re]) => re.exec(sentence.slice(Math.max(0, at - 24), at))?.[0]).find(Boolean);
    out.push({ at, phrase: `${lead ? lead.trim() + " " : ""}${m[0]}`, value: toNumber(m.groups!.num!), qualifier, measures: measureOf(sentence) });
  }
  return out;
}

const QUARTER = /\b(?:Q([1-4])|(first|second|third|fourth) quarter)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?/gi;
const QUARTER_WORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };
const YEAR = /\b(?<lead>since|before|by|around|about|from|in|until|after)?\s*\b(?<year>(?:19|20)\d{2})\b(?!\s*(?:%|percent|billion|million|yuan|dollars|,\d))/gi;

/** `contextYear`: the last year the paragraph named, which "September of the same year" refers to. */
function datesIn(sentence: string, ref: Date, contextYear: number | null): Omit<DateMention, "kind" | "paragraph" | "sentence">[] {
  const out: Omit<DateMention, "kind" | "paragraph" | "sentence">[] = [];
  const taken: [number, number][] = [];
  const pad = (n: number) => String(n).padStart(2, "0");
  const refYear = ref.getUTCFullYear();

  const yearsBefore = (at: number) => [...sentence.slice(0, at).matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0])).at(-1) ?? null;
  for (const r of chrono.parse(sentence, ref, { forwardDate: false })) {
    const c = r.start;
    // Relative phrases ("this year", "last week") carry no date of their own; the analyst dates those.
    if (!/\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(r.text)) continue;
    if (!c.isCertain("month") && !c.isCertain("year")) continue;
    const month = c.get("month")!;
    const day = c.get("day")!;
    let year = c.get("year")!;
    const yearImplied = !c.isCertain("year");
    if (yearImplied) {
      const after = sentence.slice(r.index + r.text.length, r.index + r.text.length + 20);
      const earlier = yearsBefore(r.index) ?? contextYear;
      if (earlier !== null && !/^\s*(?:of\s+)?this year/i.test(after)) {
        year = earlier;
      } else {
        // A month named without a year means the latest one on or before the article's date.
        year = refYear;
        if (month > ref.getUTCMonth() + 1) year -= 1;
      }
    }
    const precision: DatePrecision = c.isCertain("day") ? "day" : c.isCertain("month") ? "month" : "year";
    const value = precision === "day" ? `${year}-${pad(month)}-${pad(day)}` : precision === "month" ? `${year}-${pad(month)}` : String(year);
    const at = r.index;
    taken.push([at, at + r.text.length]);
    const before = sentence.slice(Math.max(0, at - 20), at);
    const qualifier: DateQualifier = /\bsince\s*$/i.test(before) ? "on-or-after" : /\bbefore\s*$/i.test(before) ? "before" : /\b(?:around|about|beginning of|early|end of|late)\s*$/i.test(before) ? "about" : "exact";
    out.push({ phrase: r.text.trim(), at, value, precision, qualifier, yearImplied });
  }
  for (const m of sentence.matchAll(QUARTER)) {
    const q = m[1] ? Number(m[1]) : QUARTER_WORD[m[2]!.toLowerCase()]!;
    const year = m[3] ? Number(m[3]) : refYear;
    taken.push([m.index, m.index + m[0].length]);
    out.push({ phrase: m[0], at: m.index, value: `${year}-${pad(q * 3 - 2)}`, precision: "quarter", qualifier: "exact", yearImplied: !m[3] });
  }
  for (const m of sentence.matchAll(YEAR)) {
    const at = m.index + m[0].indexOf(m.groups!.year!);
    if (taken.some(([a, b]) => at >= a && at < b)) continue;
    // A year inside an amount ("2024 yuan") or a longer number is not a date.
    if (/[\d$.,]$/.test(sentence.slice(0, at)) ) continue;
    const lead = m.groups!.lead?.toLowerCase();
    const qualifier: DateQualifier = lead === "since" ? "on-or-after" : lead === "before" ? "before" : lead === "around" || lead === "about" ? "about" : "exact";
    out.push({ phrase: m[0].trim(), at, value: m.groups!.year!, precision: "year", qualifier, yearImplied: false });
  }
  return out.sort((a, b) => a.at - b.at);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regular expression over every known name and alias, longest first, so "Alibaba Cloud" wins over "Alibaba". */
function nameMatcher(known: KnownOrganization[]) {
  const bySlug = new Map<string, string>();
  const names: string[] = [];
  for (const o of known) {
    for (const n of o.names) {
      // Names of one or two letters ("AI") match too much prose to be useful.
      if (n.trim().length < 3) continue;
      const key = n.trim().toLowerCase();
      if (!bySlug.has(key)) {
        bySlug.set(key, o.slug);
        names.push(n.trim());
      }
    }
  }
  names.sort((a, b) => b.length - a.length);
  const re = names.length ? new RegExp(`(?<![\\w-])(?:${names.map(escapeRe).join("|")})(?![\\w-])`, "gi") : null;
  return { re, slugOf: (name: string) => bySlug.get(name.toLowerCase()) ?? null };
}

/** Capitalised names ending in a word companies use in their names: proposed as new organisations. */
const NEW_ORG = /\b((?:[A-Z][\w&'.-]*\s+){0,3}(?:[A-Z][\w&'-]*))\s+(Inc\.?|Ltd\.?|Limited|Group|Corporation|Corp\.?|Technologies|Technology|Intelligence|Robotics|Motors?|Holdings|Capital|Ventures|Semiconductors?|Electronics|Networks?|Labs?|Platforms)\b/g;
const NOT_A_NAME = /^(?:The|This|That|These|Its|Their|A|An|In|On|At|For|And|But|Chinese|China|Global|Artificial|General|Alibaba)$/;

function organizationsIn(sentence: string, matcher: ReturnType<typeof nameMatcher>) {
  const out: { at: number; slug: string | null; name: string }[] = [];
  const taken: [number, number][] = [];
  if (matcher.re) {
    for (const m of sentence.matchAll(matcher.re)) {
      out.push({ at: m.index, slug: matcher.slugOf(m[0]), name: m[0] });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  for (const m of sentence.matchAll(NEW_ORG)) {
    let name = m[0];
    // Drop leading sentence words ("The Zebra Network" -> "Zebra Network").
    const words = name.split(/\s+/);
    while (words.length > 1 && NOT_A_NAME.test(words[0]!)) words.shift();
    name = words.join(" ");
    const at = m.index + m[0].indexOf(name);
    if (words.length < 2 || taken.some(([a, b]) => at < b && at + name.length > a)) continue;
    out.push({ at, slug: null, name });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Every candidate in the article, sentence by sentence, in reading order. */
export function extractCandidates(paragraphs: Paragraph[], opts: { refDate: Date; known: KnownOrganization[] }): Sentence[] {
  const matcher = nameMatcher(opts.known);
  const out: Sentence[] = [];
  for (const p of paragraphs) {
    let contextYear: number | null = null;
    sentencesOf(p.text).forEach((text, index) => {
      const base = { paragraph: p.n, sentence: index };
      const money = moneyIn(text);
      const candidates: Candidate[] = [
        ...money.map((m) => ({ kind: "money" as const, ...base, at: m.at, phrase: m.phrase, amount: m.amount, currency: m.currency, qualifier: m.qualifier })),
        ...percentsIn(text).map((m) => ({ kind: "percent" as const, ...base, ...m })),
        // A year inside a money phrase was already read as part of it.
        ...datesIn(text, opts.refDate, contextYear)
          .filter((d) => !money.some((m) => d.at >= m.at && d.at < m.end))
          .map((d) => ({ kind: "date" as const, ...base, ...d })),
        ...organizationsIn(text, matcher).map((o) => ({ kind: "organization" as const, ...base, phrase: o.name, ...o })),
      ];
      candidates.sort((a, b) => a.at - b.at);
      for (const c of candidates) if (c.kind === "date" && !c.yearImplied) contextYear = Number(c.value.slice(0, 4));
      out.push({ paragraph: p.n, index, text, candidates });
    });
  }
  return out;
}
