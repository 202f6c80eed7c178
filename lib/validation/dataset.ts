import { z } from "zod";
import {
  CURRENCIES,
  DATE_PRECISIONS,
  DATE_QUALIFIERS,
  DEAL_KINDS,
  DEAL_STATUSES,
  FINANCIAL_UNITS,
  FX_BASES,
  LAYERS,
  LIFECYCLE_STATES,
  ORG_KINDS,
  POSITION_KINDS,
  POSITION_STATUSES,
  type PositionKind,
  QUALIFIERS,
  type Relationship,
  RELATIONSHIPS,
  SPENDING_KINDS,
  SPENDING_SCOPES,
} from "../domain/vocabulary";

/**
 * The curated dataset in `data/*.json`, validated before anything touches the database.
 * The enumerations come from lib/domain/vocabulary, which the drizzle schema and client
 * code use too.
 */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a lower-case slug of letters, digits and single hyphens");
const isoDate = z.iso.date();
/** A year, a month or a day: "2024", "2024-02", "2024-02-24". */
const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "YYYY, YYYY-MM or YYYY-MM-DD");
const text = z.string().trim().min(1);
// 800: the richest records (Alibaba, the pledge) carry their judgement calls in the description.
const description = z.string().trim().min(10).max(800);

export const citationSchema = z.strictObject({
  source: slug,
  /** Which part of the article: "¶N" is the N-th non-empty line of the article file. */
  locator: z.string().regex(/^¶\d+(-\d+)?$/, 'a paragraph locator such as "¶12" or "¶12-13"'),
  /** Optional paraphrase in our own words of what the source says. */
  note: z.string().trim().min(1).max(400).optional(),
});
const citations = z.array(citationSchema).min(1, "every fact cites at least one source");

export const sourceSchema = z.strictObject({
  slug,
  title: text,
  titleNote: z.string().optional(),
  outlet: z.string().nullable(),
  publishedDate: isoDate.nullable(),
  dateNote: z.string().optional(),
  /** The date is ours, estimated from what the article reports (dateNote says how). */
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  /** Non-empty lines in the article file; locators must stay within it. */
  paragraphCount: z.number().int().positive(),
  /** True when publishedDate is our estimate, not printed in the article (shown as "c. 24 Feb 2025"). */
  publishedDateEstimated: z.boolean().default(false),
  summary: description,
});

export const layerSchema = z.strictObject({
  slug: z.enum(LAYERS),
  name: text,
  order: z.number().int().min(1),
  description,
});

export const organizationSchema = z.strictObject({
  slug,
  name: text,
  aliases: z.array(text).default([]),
  kind: z.enum(ORG_KINDS),
  country: z.string().length(2).nullable(),
  description,
  citations,
});

export const positionSchema = z.strictObject({
  organization: slug,
  layer: z.enum(LAYERS),
  segment: slug,
  relationship: z.enum(RELATIONSHIPS),
  status: z.enum(POSITION_STATUSES),
  kind: z.enum(POSITION_KINDS),
  /** The unit a "merged" position was folded into; null for every other kind. */
  mergedInto: slug.nullable().default(null),
  since: partialDate.nullable(),
  note: z.string().trim().max(600).optional(),
  citations,
}).superRefine((p, ctx) => {
  if ((p.kind === "merged") !== (p.mergedInto !== null)) {
    ctx.addIssue({ code: "custom", path: ["mergedInto"], message: 'mergedInto names the unit exactly when kind is "merged"' });
  }
});

/**
 * The kind a position gets when an analyst's import file does not say: read from the
 * relationship, never "non-ai-holding" or "merged", which only a person can judge.
 */
export function defaultPositionKind(relationship: Relationship): PositionKind {
  if (relationship === "rumoured") return "rumour";
  if (relationship === "partnership") return "partner";
  if (relationship === "in-house" || relationship === "subsidiary") return "in-house";
  return "investment";
}

/**
 * One line per cited paragraph: what that paragraph supports, in our own words. The
 * sources panel, the API and the CSV show it beside the citation. Paragraph N is the N-th
 * non-empty line of the article file, the same rule as a citation's "¶N".
 */
export const paragraphSchema = z.strictObject({
  source: slug,
  paragraph: z.number().int().positive(),
  supports: z.string().trim().min(10).max(300),
});

/** The precisions a partial date's form allows: YYYY, YYYY-MM (a quarter starts on a month), YYYY-MM-DD. */
const PRECISIONS_BY_LENGTH: Record<number, readonly string[]> = { 4: ["year"], 7: ["month", "quarter"], 10: ["day"] };

export const dealSchema = z
  .strictObject({
    id: slug,
    organization: slug,
    investor: slug,
    date: partialDate.nullable(),
    datePrecision: z.enum(DATE_PRECISIONS),
    dateQualifier: z.enum(DATE_QUALIFIERS).default("exact"),
    kind: z.enum(DEAL_KINDS),
    status: z.enum(DEAL_STATUSES),
    amount: z.number().positive().nullable(),
    currency: z.enum(CURRENCIES).nullable(),
    qualifier: z.enum(QUALIFIERS).default("exact"),
    stakePercent: z.number().gt(0).max(100).nullable().default(null),
    coInvestors: z.array(slug).default([]),
    terms: z.array(text).default([]),
    description,
    citations,
  })
  .superRefine((d, ctx) => {
    if ((d.amount === null) !== (d.currency === null)) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "amount and currency go together" });
    }
    if ((d.date === null) !== (d.datePrecision === "unknown")) {
      ctx.addIssue({
        code: "custom",
        path: ["datePrecision"],
        message: 'datePrecision is "unknown" exactly when date is null',
      });
    } else if (d.date !== null && !PRECISIONS_BY_LENGTH[d.date.length]?.includes(d.datePrecision)) {
      // The sort date and every label are read from the date's own form; a precision that
      // says otherwise (a day trimmed to its month, the precision left as "day") would be shown
      // as stated while the date says less.
      ctx.addIssue({
        code: "custom",
        path: ["datePrecision"],
        message: `"${d.datePrecision}" does not fit the date ${d.date} (a date written ${d.date.length === 4 ? "YYYY is a year" : d.date.length === 7 ? "YYYY-MM is a month or a quarter" : "YYYY-MM-DD is a day"})`,
      });
    }
  });

export const financialSchema = z.strictObject({
  id: slug,
  organization: slug,
  metric: slug,
  periodLabel: text,
  periodStart: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  value: z.number(),
  unit: z.enum(FINANCIAL_UNITS),
  qualifier: z.enum(QUALIFIERS).default("exact"),
  /** Change against the prior period, in percent (+386 means up 386%). */
  changePercent: z.number().nullable().default(null),
  changeBasis: z.string().optional(),
  description,
  citations,
});

export const spendingSchema = z
  .strictObject({
    id: slug,
    organization: slug,
    kind: z.enum(SPENDING_KINDS),
    scope: z.enum(SPENDING_SCOPES),
    periodLabel: text,
    periodStart: isoDate,
    periodEnd: isoDate,
    /** null for a stated intent without a figure ("will keep investing for three years"). */
    amount: z.number().positive().nullable(),
    currency: z.enum(CURRENCIES).nullable(),
    qualifier: z.enum(QUALIFIERS).default("exact"),
    changePercent: z.number().nullable().default(null),
    description,
    citations,
  })
  .superRefine((s, ctx) => {
    if ((s.amount === null) !== (s.currency === null)) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "amount and currency go together" });
    }
    if (s.periodEnd < s.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodEnd is before periodStart" });
    }
  });

export const claimSchema = z.strictObject({
  source: slug,
  locator: citationSchema.shape.locator,
  /** The value as the source gives it, in our words ("about 53 bn US dollars"). */
  value: text,
  numericValue: z.number().nullable().default(null),
  unit: z.string().nullable().default(null),
  preferred: z.boolean().default(false),
});

export const conflictSchema = z
  .strictObject({
    id: slug,
    topic: text,
    organization: slug.nullable(),
    /** The fact in dispute, when it is a row of another file: "spending:alibaba-380bn-pledge". */
    subject: z
      .string()
      .regex(/^(deal|financial|spending|position|organization):[a-z0-9-]+$/)
      .nullable()
      .default(null),
    description,
    resolution: z.string().trim().max(600).optional(),
    claims: z.array(claimSchema).min(2, "a conflict needs at least two claims"),
  })
  .superRefine((c, ctx) => {
    if (c.claims.filter((k) => k.preferred).length > 1) {
      ctx.addIssue({ code: "custom", path: ["claims"], message: "at most one claim is preferred" });
    }
    if (c.claims.some((k) => k.preferred) && !c.resolution) {
      ctx.addIssue({ code: "custom", path: ["resolution"], message: "a preferred claim needs a resolution saying why" });
    }
  });

export const fxRateSchema = z.strictObject({
  currency: z.enum(CURRENCIES),
  /** Units of this currency per one US dollar. */
  perUsd: z.number().positive(),
  asOf: isoDate,
  basis: z.enum(FX_BASES),
  /** Sources whose figures imply this rate; empty for a reference rate we entered. */
  sources: z.array(slug).default([]),
  isDefault: z.boolean().default(false),
  note: description,
});

/** One step in a deal's or a position's life, dated as precisely as its source allows. */
export const statusChangeSchema = z.strictObject({
  /** "deal:<deal id>" or "position:<organization id>". */
  subject: z.string().regex(/^(deal|position):[a-z0-9]+(?:-[a-z0-9]+)*$/, '"deal:<deal id>" or "position:<organization id>"'),
  state: z.enum(LIFECYCLE_STATES),
  /** When the change happened; null when the source does not say (it then counts from the source's date). */
  date: partialDate.nullable(),
  datePrecision: z.enum(DATE_PRECISIONS),
  dateQualifier: z.enum(DATE_QUALIFIERS),
  note: description,
  citations,
});

/** One file per table; the key is the file name without `.json`. */
export const datasetFiles = {
  sources: z.array(sourceSchema),
  layers: z.array(layerSchema),
  organizations: z.array(organizationSchema),
  positions: z.array(positionSchema),
  deals: z.array(dealSchema),
  financials: z.array(financialSchema),
  spending: z.array(spendingSchema),
  conflicts: z.array(conflictSchema),
  "fx-rates": z.array(fxRateSchema),
  paragraphs: z.array(paragraphSchema),
  "status-changes": z.array(statusChangeSchema),
} as const;

export type DatasetFileName = keyof typeof datasetFiles;
export type Dataset = { [K in DatasetFileName]: z.infer<(typeof datasetFiles)[K]> };
export type SourceRecord = z.infer<typeof sourceSchema>;
export type OrganizationRecord = z.infer<typeof organizationSchema>;
export type DealRecord = z.infer<typeof dealSchema>;
export type FinancialRecord = z.infer<typeof financialSchema>;
export type SpendingRecord = z.infer<typeof spendingSchema>;
export type ConflictRecord = z.infer<typeof conflictSchema>;
export type FxRateRecord = z.infer<typeof fxRateSchema>;
export type CitationRecord = z.infer<typeof citationSchema>;
export type PositionRecord = z.infer<typeof positionSchema>;
export type ParagraphRecord = z.infer<typeof paragraphSchema>;
export type StatusChangeRecord = z.infer<typeof statusChangeSchema>;
