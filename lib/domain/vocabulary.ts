/**
 * The dataset's vocabulary: every enumeration once, as plain tuples with their types.
 * No zod here, so client components can import these without pulling a validator into
 * their bundle; lib/validation builds its schemas from them and lib/db/schema its checks.
 */

export const LAYERS = ["basic", "technology", "application"] as const;
export const RELATIONSHIPS = [
  "subsidiary",
  "in-house",
  "equity-investment",
  "acquisition",
  "joint-venture",
  "partnership",
  "rumoured",
] as const;
export const POSITION_STATUSES = [
  "active",
  "integrated",
  "listing-in-progress",
  "wound-down",
  "denied",
] as const;
/**
 * How a position counts on the overview and the map, so no organization is counted twice
 * or under the wrong heading:
 * - investment: a company Alibaba has invested in or owns (equity stake, acquisition, the
 *   joint-venture company itself);
 * - in-house: a unit Alibaba built itself (Alibaba Cloud, T-Head, DAMO, Qwen, Feitian);
 * - partner: a company Alibaba works with, including the other founder of a joint venture;
 * - rumour: a reported deal that did not happen (DeepSeek);
 * - non-ai-holding: an acquisition outside AI, kept as context (Kaola);
 * - merged: a company folded into another unit, named in `mergedInto` (C-Sky into T-Head).
 */
export const POSITION_KINDS = ["investment", "in-house", "partner", "rumour", "non-ai-holding", "merged"] as const;
export const ORG_KINDS = [
  "alibaba",
  "alibaba-unit",
  "portfolio",
  "partner",
  "competitor",
  "other",
] as const;
export const DATE_PRECISIONS = ["day", "month", "quarter", "year", "unknown"] as const;
/** "exact" = the date as given; "on-or-after" for "since 2023"; "about" for "recently". */
export const DATE_QUALIFIERS = ["exact", "on-or-after", "before", "about"] as const;
export const DEAL_KINDS = [
  "equity-investment",
  "acquisition",
  "joint-venture",
  "partnership",
  "reorganisation",
  "rumoured-investment",
] as const;
export const DEAL_STATUSES = ["completed", "announced", "reported", "rumoured", "denied"] as const;
export const QUALIFIERS = [
  "exact",
  "about",
  "more-than",
  "at-least",
  "less-than",
  "up-to",
  "as-much-as",
  "expected",
  "approaching",
] as const;
export const SPENDING_KINDS = ["pledge", "plan", "actual"] as const;
export const SPENDING_SCOPES = [
  "ai-data-centres",
  "ai-cloud-infrastructure",
  "total-capex",
  "ai-infra-and-rnd",
  "rnd",
  "ai-capital-projects",
] as const;
export const CURRENCIES = ["CNY", "USD", "GBP", "JPY"] as const;
/**
 * The states a deal or a position passes through, in the order they usually come: a
 * rumour is reported and then denied or confirmed; a listing goes from guidance to an
 * application to a listing; a joint venture from announced to built.
 */
export const LIFECYCLE_STATES = [
  "rumoured",
  "reported",
  "denied",
  "announced",
  "completed",
  "built",
  "listing-guidance",
  "listing-application",
  "listed",
  "wound-down",
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export type Layer = (typeof LAYERS)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];
export type PositionStatus = (typeof POSITION_STATUSES)[number];
export type PositionKind = (typeof POSITION_KINDS)[number];
export type DealKind = (typeof DEAL_KINDS)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type Qualifier = (typeof QUALIFIERS)[number];
export type SpendingKind = (typeof SPENDING_KINDS)[number];
export type SpendingScope = (typeof SPENDING_SCOPES)[number];
export type Currency = (typeof CURRENCIES)[number];
export type OrgKind = (typeof ORG_KINDS)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** What a financial figure is counted in: a currency or one of these units. */
export const FINANCIAL_UNITS = [...CURRENCIES, "percent", "units", "people", "years", "multiple"] as const;
export type FinancialUnit = (typeof FINANCIAL_UNITS)[number];

/** Where an exchange rate comes from. */
export const FX_BASES = ["implied-by-source", "reference", "headline-implied"] as const;
export type FxBasis = (typeof FX_BASES)[number];

/** The currencies the capex comparison converts into. */
export const CAPEX_CURRENCIES = ["USD", "CNY"] as const satisfies readonly Currency[];
export type CapexCurrency = (typeof CAPEX_CURRENCIES)[number];
