import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { CURRENCIES, DATE_PRECISIONS, DATE_QUALIFIERS, DEAL_KINDS, DEAL_STATUSES, FINANCIAL_UNITS, FX_BASES, LAYERS, LIFECYCLE_STATES, ORG_KINDS, POSITION_KINDS, POSITION_STATUSES, QUALIFIERS, RELATIONSHIPS, SPENDING_KINDS, SPENDING_SCOPES } from "../domain/vocabulary";

/** SQL `IN (...)` list for a CHECK constraint over one of the dataset enumerations. */
function oneOf(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
}

export const sources = sqliteTable("sources", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  titleNote: text("title_note"),
  outlet: text("outlet"),
  publishedDate: text("published_date"),
  dateNote: text("date_note"),
  /** The published date is our estimate, not printed (date_note says how it was reached). */
  /** The article file in shared/articles; null for a source an analyst imported. */
  file: text("file"),
  paragraphCount: integer("paragraph_count"),
  /** The published date is our estimate (the article prints none): shown as "c. 24 Feb 2025". */
  publishedDateEstimated: integer("published_date_estimated", { mode: "boolean" }).notNull().default(false),
  url: text("url"),
  summary: text("summary").notNull(),
});

export const layers = sqliteTable(
  "layers",
  {
    slug: text("slug", { enum: LAYERS }).primaryKey(),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull(),
    description: text("description").notNull(),
  },
  (t) => [check("layers_slug_check", sql`${t.slug} IN (${oneOf(LAYERS)})`)],
);

export const organizations = sqliteTable(
  "organizations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
    country: text("country"),
    description: text("description").notNull(),
  },
  (t) => [
    index("organizations_kind_idx").on(t.kind),
    index("organizations_name_idx").on(t.name),
    check("organizations_kind_check", sql`${t.kind} IN (${oneOf(ORG_KINDS)})`),
  ],
);

export const organizationAliases = sqliteTable(
  "organization_aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
  },
  (t) => [
    uniqueIndex("organization_aliases_org_alias_uq").on(t.organizationId, t.alias),
    index("organization_aliases_alias_idx").on(t.alias),
  ],
);

export const positions = sqliteTable(
  "positions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id")
      .notNull()
      .unique()
      .references(() => organizations.id, { onDelete: "cascade" }),
    layer: text("layer", { enum: LAYERS })
      .notNull()
      .references(() => layers.slug),
    segment: text("segment").notNull(),
    relationship: text("relationship", { enum: RELATIONSHIPS }).notNull(),
    status: text("status", { enum: POSITION_STATUSES }).notNull(),
    /**
     * How the position counts (POSITION_KINDS). Nullable only because SQLite cannot add a
     * NOT NULL column without a default, and a default would count an unjudged position
     * as an investment; the seed and the import always set it. No CHECK either: adding
     * one makes SQLite recreate the table, which drops the summary triggers (0006).
     */
    kind: text("kind", { enum: POSITION_KINDS }),
    /** For kind "merged": the unit the company was folded into (C-Sky into T-Head). */
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => organizations.id),
    since: text("since"),
    note: text("note"),
  },
  (t) => [
    // The map filters by layer first, then facets on the other three.
    index("positions_layer_segment_idx").on(t.layer, t.segment),
    index("positions_segment_idx").on(t.segment),
    index("positions_relationship_idx").on(t.relationship),
    index("positions_status_idx").on(t.status),
    check("positions_relationship_check", sql`${t.relationship} IN (${oneOf(RELATIONSHIPS)})`),
    check("positions_status_check", sql`${t.status} IN (${oneOf(POSITION_STATUSES)})`),
  ],
);

export const deals = sqliteTable(
  "deals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    investorId: integer("investor_id")
      .notNull()
      .references(() => organizations.id),
    /** "2024", "2024-02" or "2024-02-24"; null when no source dates the deal. */
    date: text("date"),
    datePrecision: text("date_precision", { enum: DATE_PRECISIONS }).notNull(),
    dateQualifier: text("date_qualifier", { enum: DATE_QUALIFIERS }).notNull(),
    /** First day the date can mean, so a year, a month and a day sort together. */
    sortDate: text("sort_date"),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    amount: real("amount"),
    currency: text("currency", { enum: CURRENCIES }),
    qualifier: text("qualifier", { enum: QUALIFIERS }).notNull(),
    stakePercent: real("stake_percent"),
    description: text("description").notNull(),
  },
  (t) => [
    // One company's deals and one investor's, in timeline order: a company page reads its
    // first 100 from here instead of sorting all of them (300,000 for the busiest company
    // on the synthetic database). The investor one replaces a plain investor_id index. The
    // company one also serves what started with organization_id: the per-company counts,
    // the cascade of a company's delete, and db:import's duplicate check, which probes
    // (company, undated, day) and so never falls back to the investor index, where Alibaba
    // alone holds most rows.
    index("deals_organization_timeline_idx").on(t.organizationId, sql`${t.sortDate} IS NULL`, t.sortDate),
    index("deals_investor_timeline_idx").on(t.investorId, sql`${t.sortDate} IS NULL`, t.sortDate),
    // The timeline orders by (sort_date IS NULL, sort_date, id): undated deals last. These
    // match that ORDER BY exactly, so a page of deals reads LIMIT rows from the index
    // instead of sorting the whole table. The rowid is every index's last key, so id breaks
    // ties for free. A condition "(sort_date IS NULL) = 0" (lib/db/queries/deals.ts,
    // `isDated`) fixes the first of those keys, so the same indexes read a year range by
    // date, the newest dated deals backwards and the first and last date: no index on
    // sort_date alone nor a second, descending one is kept (each index is one more B-tree
    // to write per imported deal; migration 0017).
    index("deals_timeline_idx").on(sql`${t.sortDate} IS NULL`, t.sortDate),
    index("deals_kind_timeline_idx").on(t.kind, sql`${t.sortDate} IS NULL`, t.sortDate),
    index("deals_status_timeline_idx").on(t.status, sql`${t.sortDate} IS NULL`, t.sortDate),
    // Kind and status together: a combination with few deals (denied reorganisations) is
    // found at once instead of by reading every deal of the kind. Counts and facets come
    // from deal_counts, so no index needs to cover them any more.
    index("deals_kind_status_timeline_idx").on(t.kind, t.status, sql`${t.sortDate} IS NULL`, t.sortDate),
    check("deals_kind_check", sql`${t.kind} IN (${oneOf(DEAL_KINDS)})`),
    check("deals_status_check", sql`${t.status} IN (${oneOf(DEAL_STATUSES)})`),
    check("deals_currency_check", sql`${t.currency} IS NULL OR ${t.currency} IN (${oneOf(CURRENCIES)})`),
    check("deals_amount_check", sql`(${t.amount} IS NULL) = (${t.currency} IS NULL) AND (${t.amount} IS NULL OR ${t.amount} > 0)`),
    check("deals_stake_check", sql`${t.stakePercent} IS NULL OR (${t.stakePercent} > 0 AND ${t.stakePercent} <= 100)`),
  ],
);

export const dealCoInvestors = sqliteTable(
  "deal_co_investors",
  {
    dealId: integer("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.organizationId] }),
    index("deal_co_investors_org_idx").on(t.organizationId),
  ],
);

export const dealTerms = sqliteTable(
  "deal_terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dealId: integer("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    term: text("term").notNull(),
  },
  (t) => [index("deal_terms_deal_idx").on(t.dealId)],
);

export const financials = sqliteTable(
  "financials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    periodLabel: text("period_label").notNull(),
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    value: real("value").notNull(),
    unit: text("unit", { enum: FINANCIAL_UNITS }).notNull(),
    qualifier: text("qualifier", { enum: QUALIFIERS }).notNull(),
    changePercent: real("change_percent"),
    changeBasis: text("change_basis"),
    description: text("description").notNull(),
  },
  (t) => [
    index("financials_org_metric_idx").on(t.organizationId, t.metric, t.periodEnd),
    check("financials_unit_check", sql`${t.unit} IN (${oneOf(FINANCIAL_UNITS)})`),
  ],
);

export const spending = sqliteTable(
  "spending",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SPENDING_KINDS }).notNull(),
    scope: text("scope", { enum: SPENDING_SCOPES }).notNull(),
    periodLabel: text("period_label").notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    amount: real("amount"),
    currency: text("currency", { enum: CURRENCIES }),
    qualifier: text("qualifier", { enum: QUALIFIERS }).notNull(),
    changePercent: real("change_percent"),
    description: text("description").notNull(),
  },
  (t) => [
    index("spending_org_idx").on(t.organizationId),
    index("spending_scope_kind_idx").on(t.scope, t.kind),
    check("spending_kind_check", sql`${t.kind} IN (${oneOf(SPENDING_KINDS)})`),
    check("spending_scope_check", sql`${t.scope} IN (${oneOf(SPENDING_SCOPES)})`),
    check("spending_amount_check", sql`(${t.amount} IS NULL) = (${t.currency} IS NULL) AND (${t.amount} IS NULL OR ${t.amount} > 0)`),
    check("spending_period_check", sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/**
 * One row per (fact, source). Exactly one of the fact columns is set, so every citation
 * keeps a real foreign key instead of a polymorphic (type, id) pair.
 */
export const citations = sqliteTable(
  "citations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    locator: text("locator").notNull(),
    note: text("note"),
    organizationId: integer("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    positionId: integer("position_id").references(() => positions.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").references(() => deals.id, { onDelete: "cascade" }),
    financialId: integer("financial_id").references(() => financials.id, { onDelete: "cascade" }),
    spendingId: integer("spending_id").references(() => spending.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("citations_source_idx").on(t.sourceId),
    index("citations_deal_idx").on(t.dealId),
    // A citation has one subject, so four of these five columns are null in every row: most
    // citations are of deals (1.0M of 1.18M on the synthetic database). Partial indexes hold
    // only the rows that have the subject; every lookup is "column = value", which implies
    // NOT NULL, so SQLite still uses them, and a deal's citation writes two indexes, not six.
    index("citations_organization_idx").on(t.organizationId).where(sql`${t.organizationId} IS NOT NULL`),
    index("citations_position_idx").on(t.positionId).where(sql`${t.positionId} IS NOT NULL`),
    index("citations_financial_idx").on(t.financialId).where(sql`${t.financialId} IS NOT NULL`),
    index("citations_spending_idx").on(t.spendingId).where(sql`${t.spendingId} IS NOT NULL`),
    check(
      "citations_one_subject_check",
      sql`(${t.organizationId} IS NOT NULL) + (${t.positionId} IS NOT NULL) + (${t.dealId} IS NOT NULL) + (${t.financialId} IS NOT NULL) + (${t.spendingId} IS NOT NULL) = 1`,
    ),
  ],
);

export const conflicts = sqliteTable(
  "conflicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    topic: text("topic").notNull(),
    organizationId: integer("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    /** "spending:<slug>" etc.: the row whose value is in dispute, when there is one. */
    subject: text("subject"),
    description: text("description").notNull(),
    resolution: text("resolution"),
  },
  (t) => [index("conflicts_organization_idx").on(t.organizationId), index("conflicts_subject_idx").on(t.subject)],
);

export const claims = sqliteTable(
  "claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conflictId: integer("conflict_id")
      .notNull()
      .references(() => conflicts.id, { onDelete: "cascade" }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    locator: text("locator").notNull(),
    valueText: text("value_text").notNull(),
    numericValue: real("numeric_value"),
    unit: text("unit"),
    isPreferred: integer("is_preferred", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("claims_conflict_idx").on(t.conflictId), index("claims_source_idx").on(t.sourceId)],
);

export const fxRates = sqliteTable(
  "fx_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    perUsd: real("per_usd").notNull(),
    asOf: text("as_of").notNull(),
    basis: text("basis", { enum: FX_BASES }).notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    note: text("note").notNull(),
  },
  (t) => [
    index("fx_rates_currency_idx").on(t.currency),
    // At most one default rate per currency: the one conversions use unless told otherwise.
    uniqueIndex("fx_rates_default_uq").on(t.currency).where(sql`${t.isDefault} = 1`),
    check("fx_rates_per_usd_check", sql`${t.perUsd} > 0`),
  ],
);

export const fxRateSources = sqliteTable(
  "fx_rate_sources",
  {
    fxRateId: integer("fx_rate_id")
      .notNull()
      .references(() => fxRates.id, { onDelete: "cascade" }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fxRateId, t.sourceId] })],
);

/**
 * What each cited paragraph supports, in our words: one line per (source, paragraph),
 * shown beside every citation of that paragraph (sources panel, API, CSV).
 */
export const paragraphs = sqliteTable(
  "paragraphs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** N of "¶N": the N-th non-empty line of the article file. */
    paragraph: integer("paragraph").notNull(),
    paraphrase: text("paraphrase").notNull(),
  },
  (t) => [uniqueIndex("paragraphs_source_paragraph_uq").on(t.sourceId, t.paragraph)],
);

/*
 * Summaries the list pages count from instead of the big tables: facet counts, totals and
 * the deals-per-year chart over a million deals cannot be counted per request in time.
 * Triggers (custom migration 0006_summary_triggers) keep them exact on every insert, update
 * and delete of the rows they count, so the seed, db:import and any other writer maintain
 * them without knowing about them; db:synth drops the triggers around its bulk load and
 * refills the tables with summaries.ts. Rows whose count falls to 0 are kept (deleting
 * them would cost a scan per write); readers skip them.
 */

/** Positions per (layer, relationship, status, segment): the portfolio's counts and facets. */
export const positionCounts = sqliteTable(
  "position_counts",
  {
    layer: text("layer", { enum: LAYERS }).notNull(),
    relationship: text("relationship", { enum: RELATIONSHIPS }).notNull(),
    status: text("status", { enum: POSITION_STATUSES }).notNull(),
    segment: text("segment").notNull(),
    companies: integer("companies").notNull(),
  },
  (t) => [primaryKey({ columns: [t.layer, t.relationship, t.status, t.segment] })],
);

/**
 * Deals per (year, kind, status, layer of the company's position): every deal is in
 * exactly one row. The key holds no NULLs so an upsert can find its row: year 0 is an
 * undated deal, layer '' a company without a position.
 */
export const dealCounts = sqliteTable(
  "deal_counts",
  {
    year: integer("year").notNull(),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    layer: text("layer").notNull(),
    deals: integer("deals").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.kind, t.status, t.layer] })],
);

/** The same cells per source: how many distinct deals in each the source is cited for. */
export const dealSourceCounts = sqliteTable(
  "deal_source_counts",
  {
    sourceId: integer("source_id").notNull(),
    year: integer("year").notNull(),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    layer: text("layer").notNull(),
    deals: integer("deals").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.year, t.kind, t.status, t.layer] })],
);

/**
 * Deals per organization and (year, kind, status): `deal_counts` split by company, without
 * the layer (read from the company's one position when needed, so a position's changes
 * touch no row here). A name filter ("robot": 7,692 companies, 363,000 deals at scale)
 * then sums a few rows per company instead of reading every deal. Kept by triggers
 * (migration 0013), recounted by lib/db/summaries.ts. WITHOUT ROWID in the migration, so
 * the key is the table and a company's rows are one range.
 */
export const organizationDealCounts = sqliteTable(
  "organization_deal_counts",
  {
    organizationId: integer("organization_id").notNull(),
    year: integer("year").notNull(),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    deals: integer("deals").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.year, t.kind, t.status] })],
);

/**
 * A company's rows of organization_deal_counts in one row (migration 0015, kept by triggers on
 * that table): `cells` is a JSON array [cell, deals, ...] with cell = (year * 8 + kind) * 8 +
 * status, the kind and status by their places in DEAL_KINDS and DEAL_STATUSES (null: outside
 * them). A name filter sums a row per matching company instead of a row per cell.
 */
export const organizationDealCells = sqliteTable("organization_deal_cells", {
  organizationId: integer("organization_id").primaryKey(),
  cells: text("cells").notNull(),
});

/** The same for organization_deal_source_counts: `cells` is [cell, source id, deals, ...] (migration 0015). */
export const organizationDealSourceCells = sqliteTable("organization_deal_source_cells", {
  organizationId: integer("organization_id").primaryKey(),
  cells: text("cells").notNull(),
});

/**
 * A company's row of organization_deal_cells with its row of organization_deal_source_cells
 * and its position's layer beside it (migration 0016, the view organization_deal_packs_of,
 * kept by triggers on those three tables): a name filter sums a row per matching company
 * and reads it with one seek instead of three.
 */
export const organizationDealPacks = sqliteTable("organization_deal_packs", {
  organizationId: integer("organization_id").primaryKey(),
  layer: text("layer", { enum: LAYERS }),
  cells: text("cells").notNull(),
  sourceCells: text("source_cells"),
  /**
   * The company's deals per source over all its cells, `[source id, deals, ...]` (migration
   * 0018): what a name filter's chart sources need when no kind, status or year narrows
   * them, a few bytes where `source_cells` is ~120.
   */
  sourceTotals: text("source_totals"),
});

/** The same cells per source: how many distinct deals of the company in each the source is cited for. */
export const organizationDealSourceCounts = sqliteTable(
  "organization_deal_source_counts",
  {
    organizationId: integer("organization_id").notNull(),
    sourceId: integer("source_id").notNull(),
    year: integer("year").notNull(),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    deals: integer("deals").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.sourceId, t.year, t.kind, t.status] })],
);

/**
 * The columns a position's kind is read from (lib/domain/position-kinds.ts), as the summary
 * tables keyed by them store them: with no NULLs, so an upsert finds its row (kind '' is a
 * position without a stated kind). A function, so each table gets its own column builders.
 */
const positionKindKey = () => ({
  kind: text("kind").notNull(),
  layer: text("layer", { enum: LAYERS }).notNull(),
  relationship: text("relationship", { enum: RELATIONSHIPS }).notNull(),
  status: text("status", { enum: POSITION_STATUSES }).notNull(),
  segment: text("segment").notNull(),
  organizationKind: text("organization_kind", { enum: ORG_KINDS }).notNull(),
});

/**
 * Positions per (stated kind, layer, relationship, status, segment, organization kind):
 * what the map's and the overview's "each organisation once" tally reads, a few hundred
 * rows instead of grouping every position with its organization (82,000 at scale, ~400 ms
 * per render). Kept by triggers on positions and organizations (migration 0014).
 */
export const positionKindCounts = sqliteTable(
  "position_kind_counts",
  {
    ...positionKindKey(),
    companies: integer("companies").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.layer, t.relationship, t.status, t.segment, t.organizationKind] })],
);

/**
 * Citations of positions per group of the position's kind columns and the cited source,
 * paragraph and note (migration 0019), kept by triggers on citations, positions and
 * organizations: what the overview cites every position by, in a few hundred rows. A NULL
 * note is stored as '' too; rows that fell to zero stay.
 */
export const positionCitationGroups = sqliteTable(
  "position_citation_groups",
  {
    ...positionKindKey(),
    sourceId: integer("source_id").notNull(),
    locator: text("locator").notNull(),
    note: text("note").notNull(),
    citations: integer("citations").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.layer, t.relationship, t.status, t.segment, t.organizationKind, t.sourceId, t.locator, t.note] })],
);

/**
 * Each fact's first dated citation (migration 0020): for every deal, position, financial
 * figure and spending line a dated source cites, the citation that dated it first (earliest
 * source date, then first recorded) and its company. The change log and the feeds page
 * through it by date, for the whole log or one company; kept by triggers on citations,
 * sources and the facts' tables.
 */
export const factFirstCitations = sqliteTable(
  "fact_first_citations",
  {
    subject: text("subject", { enum: ["deal", "position", "financial", "spending"] }).notNull(),
    subjectId: integer("subject_id").notNull(),
    organizationId: integer("organization_id").notNull(),
    date: text("date").notNull(),
    sourceId: integer("source_id").notNull(),
    citationId: integer("citation_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.subjectId] }),
    index("fact_first_citations_date_idx").on(t.date, t.sourceId, t.citationId),
    index("fact_first_citations_organization_idx").on(t.organizationId, t.date, t.sourceId, t.citationId),
  ],
);

/**
 * Deals per day they became known (their first dated citation's date, migration 0021) and
 * the cell they count in today: a past view sums the days up to it. Rows that fall to zero
 * stay, as in deal_counts.
 */
export const dealKnownCounts = sqliteTable(
  "deal_known_counts",
  {
    day: text("day").notNull(),
    year: integer("year").notNull(),
    kind: text("kind", { enum: DEAL_KINDS }).notNull(),
    status: text("status", { enum: DEAL_STATUSES }).notNull(),
    layer: text("layer").notNull(),
    deals: integer("deals").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.year, t.kind, t.status, t.layer] })],
);

/**
 * Distinct facts citing each source, per kind of fact (organization, position, deal,
 * financial, spending): what /sources shows for every source, kept by triggers on
 * citations (migration 0009) so the page reads a few rows instead of counting distinct
 * subjects over every citation (3.4 million on the synthetic database).
 */
export const sourceFactCounts = sqliteTable(
  "source_fact_counts",
  {
    sourceId: integer("source_id").notNull(),
    kind: text("kind", { enum: ["organization", "position", "deal", "financial", "spending"] }).notNull(),
    facts: integer("facts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.kind] })],
);

/**
 * A deal's or a position's history: each state it was in, from when (at the precision the
 * source gives; null when the source does not say, and the state then counts from the
 * source's own date), and who says so. The deal's or position's own status column is the
 * latest state; this table is the sequence and what an "as of" view reads.
 */
export const statusChanges = sqliteTable(
  "status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dealId: integer("deal_id").references(() => deals.id, { onDelete: "cascade" }),
    positionId: integer("position_id").references(() => positions.id, { onDelete: "cascade" }),
    state: text("state", { enum: LIFECYCLE_STATES }).notNull(),
    date: text("date"),
    datePrecision: text("date_precision", { enum: DATE_PRECISIONS }).notNull(),
    dateQualifier: text("date_qualifier", { enum: DATE_QUALIFIERS }).notNull(),
    /** The first day this state counts from in an "as of" view: its date's first day, else its earliest source's date. */
    knownFrom: text("known_from"),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    locator: text("locator").notNull(),
    note: text("note").notNull(),
  },
  (t) => [
    index("status_changes_deal_idx").on(t.dealId),
    index("status_changes_position_idx").on(t.positionId),
    check("status_changes_state_check", sql`${t.state} IN (${oneOf(LIFECYCLE_STATES)})`),
    check("status_changes_one_subject_check", sql`(${t.dealId} IS NOT NULL) + (${t.positionId} IS NOT NULL) = 1`),
  ],
);

/**
 * One row per change to the data: the seed, and each db:import that wrote something
 * (when, which file and its SHA-256, how many rows it added and updated).
 */
export const revisions = sqliteTable("revisions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  kind: text("kind", { enum: ["seed", "import"] }).notNull(),
  /** ISO timestamp (UTC) of the write. */
  at: text("at").notNull(),
  fileName: text("file_name").notNull(),
  fileHash: text("file_hash").notNull(),
  rowsAdded: integer("rows_added").notNull(),
  rowsUpdated: integer("rows_updated").notNull(),
});

/** What one revision did to one record: added or updated, with the fields that changed. */
export const revisionChanges = sqliteTable(
  "revision_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => revisions.id, { onDelete: "cascade" }),
    recordType: text("record_type", { enum: ["source", "organization", "deal", "financial", "spending"] }).notNull(),
    recordSlug: text("record_slug").notNull(),
    action: text("action", { enum: ["added", "updated"] }).notNull(),
    /** Comma-separated names of the fields an update changed; empty for an addition. */
    fields: text("fields").notNull().default(""),
  },
  (t) => [index("revision_changes_revision_idx").on(t.revisionId), index("revision_changes_record_idx").on(t.recordType, t.recordSlug)],
);

/** Facts about the database itself: the dataset's hash and the date the data runs to. */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type Source = typeof sources.$inferSelect;
export type LayerRow = typeof layers.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type OrganizationAlias = typeof organizationAliases.$inferSelect;
export type Position = typeof positions.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type DealTerm = typeof dealTerms.$inferSelect;
export type Financial = typeof financials.$inferSelect;
export type Spending = typeof spending.$inferSelect;
export type Citation = typeof citations.$inferSelect;
export type Conflict = typeof conflicts.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type FxRate = typeof fxRates.$inferSelect;
export type Paragraph = typeof paragraphs.$inferSelect;
export type NewCitation = typeof citations.$inferInsert;
export type StatusChange = typeof statusChanges.$inferSelect;
export type Revision = typeof revisions.$inferSelect;
export type RevisionChange = typeof revisionChanges.$inferSelect;
