import "server-only";
import { type SQL, type SQLWrapper, and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { cache } from "react";
import type Database from "better-sqlite3";
import { type Db, getDb, getSqlite, prepared } from "@/lib/db/client";
import { dealCoInvestors, dealCounts, dealKnownCounts, dealSourceCounts, dealTerms, deals, factFirstCitations, fxRates, layers, organizationDealCounts, organizationDealPacks, organizations, positions } from "@/lib/db/schema";
import { type Currency, DEAL_KINDS, DEAL_STATUSES, type DealKind, type DealStatus, LAYERS, type Layer, type Qualifier } from "@/lib/domain/vocabulary";
import { HISTORY_DEALS, dealKnownOn, dealStatusOn, fewFirstCitedAfter, fewKnownBy, firstCitedAfter, knownOn, stateOn } from "./asof";
import { type CitationView, citationsFor } from "./citations";
import { type FacetFilter, facetCondition } from "./facet-sql";
import { facetPasses } from "@/lib/domain/facets";
import { idList, inIdList } from "./id-list";
import { nameLookup, organizationIdsNamed } from "./portfolio";

export interface DealFilters {
  layer?: FacetFilter<Layer>;
  kind?: FacetFilter<DealKind>;
  status?: FacetFilter<DealStatus>;
  fromYear?: number;
  toYear?: number;
  organization?: string;
  /** Deals this organization took part in as the investor or a co-investor. */
  participant?: string;
  q?: string;
  /** A past view: only deals the sources had published by this day, with the status they had then. */
  asof?: string;
}

export interface OrgRef {
  slug: string;
  name: string;
}

export interface DealView {
  id: number;
  slug: string;
  organization: OrgRef;
  investor: OrgRef;
  layer: Layer | null;
  date: string | null;
  datePrecision: string;
  dateQualifier: string;
  sortDate: string | null;
  kind: DealKind;
  status: DealStatus;
  amount: number | null;
  currency: Currency | null;
  qualifier: Qualifier;
  stakePercent: number | null;
  description: string;
  /** The latest state of the deal's history as of the view; null without one. */
  state: string | null;
  coInvestors: OrgRef[];
  terms: string[];
  citations: CitationView[];
}

const investor = alias(organizations, "investor");

/** The status column, or in a past view the status the deal's history had then. */
function dealStatusColumn(f: DealFilters): SQL<DealStatus> {
  return f.asof ? (dealStatusOn(deals.id, deals.status, f.asof) as SQL<DealStatus>) : sql<DealStatus>`${deals.status}`;
}

/**
 * "The deal has a date", written as an equality on the `sort_date IS NULL` key that the
 * timeline indexes (schema.ts) hold before sort_date: SQLite then reads a range of dates, or
 * the dated deals newest first, from those indexes in date order. `sort_date IS NOT NULL`
 * means the same but fixes no key, and needed an index on sort_date alone (dropped in 0017).
 * Past views keep `IS NOT NULL` (dealConditions says why).
 */
const isDated = sql`(${deals.sortDate} IS NULL) = 0`;
const isUndated = sql`(${deals.sortDate} IS NULL) = 1`;

/**
 * Deals matching a condition; with the company's position joined only when the condition
 * names its layer: a join nobody reads still costs a lookup per counted row.
 */
function countWhere(condition: SQL | undefined, layer: boolean): number {
  const db = getDb();
  const row = layer
    ? db.select({ n: count() }).from(deals).leftJoin(positions, eq(positions.organizationId, deals.organizationId)).where(condition).get()
    : db.select({ n: count() }).from(deals).where(condition).get();
  return row?.n ?? 0;
}

/** The WHERE clause for deal filters (all but `except`, for facet counts); shared with deal-stats. */
export function dealConditions(f: DealFilters, except?: "layer" | "kind" | "status", known: "list" | "probe" = "list"): SQL | undefined {
  const parts: SQL[] = [];
  // Unary plus keeps SQLite from driving the query from positions_layer_segment_idx: a
  // layer holds a third of all deals, and starting there means sorting them all, where
  // walking the timeline index stops after one page (3.7 s against 1.5 ms on 1M deals).
  const facets = [
    except !== "layer" ? facetCondition(sql`+${positions.layer}`, f.layer) : undefined,
    except !== "kind" ? facetCondition(deals.kind, f.kind) : undefined,
    except !== "status" ? facetCondition(dealStatusColumn(f), f.status) : undefined,
  ];
  for (const part of facets) if (part) parts.push(part);
  if (f.asof) parts.push(known === "probe" ? dealKnownOn(deals.id, f.asof) : f.organization ? organizationDealKnownOn(f.organization, f.asof) : knownOn("deal_id", deals.id, f.asof));
  // A year range can only keep dated deals; undated ones have no place on it. In a past
  // view SQLite is best driven by the lists of deals known on the day (rowid lookups, then a
  // sort of the few found); an equality on an index key would make a walk of the whole range
  // look cheaper to it (measured: 260 -> 305 ms for a 2024 view of two years at scale).
  const dated = f.asof ? isNotNull(deals.sortDate) : isDated;
  if (f.fromYear !== undefined) parts.push(dated, gte(deals.sortDate, `${f.fromYear}-01-01`));
  if (f.toYear !== undefined) parts.push(dated, lte(deals.sortDate, `${f.toYear}-12-31`));
  // Subqueries rather than conditions on a joined organizations row, so counts need no join
  // and one company's deals come straight from deals_organization_timeline_idx.
  if (f.organization) parts.push(sql`${deals.organizationId} = (SELECT o.id FROM ${organizations} o WHERE o.slug = ${f.organization})`);
  if (f.participant) {
    parts.push(sql`(${deals.investorId} = (SELECT p.id FROM ${organizations} p WHERE p.slug = ${f.participant})
      OR EXISTS (SELECT 1 FROM ${dealCoInvestors} dc JOIN ${organizations} p ON p.id = dc.organization_id
                 WHERE dc.deal_id = ${deals.id} AND p.slug = ${f.participant}))`);
  }
  if (f.q) parts.push(dealsNamed(organizationIdsNamed(f.q)));
  return parts.length ? and(...parts) : undefined;
}

/**
 * knownOn for one company's deals: the list of its deals known by the day comes from
 * fact_first_citations' company index (plus the deals with a state known by then), where
 * knownOn's list holds every deal any company had known by then: a million on a database
 * whose deals are all dated, 0.3-1 s to build for any company's page (tests/perf/README.md,
 * known17). Unary plus on subject: SQLite would otherwise read every deal's row through
 * the primary key.
 */
function organizationDealKnownOn(slug: string, asof: string): SQL {
  return sql`${deals.id} IN (SELECT kf.subject_id FROM ${factFirstCitations} kf
      WHERE kf.organization_id = (SELECT ko.id FROM ${organizations} ko WHERE ko.slug = ${slug}) AND kf.date <= ${asof} AND +kf.subject = 'deal'
    UNION SELECT ksc.deal_id FROM status_changes ksc WHERE ksc.deal_id IS NOT NULL AND ksc.known_from <= ${asof})`;
}

/** Deals of the companies a name lookup finds (`ids`: its subquery). */
function dealsNamed(ids: SQL): SQL {
  return sql`${deals.organizationId} IN (${ids})`;
}

/**
 * Whether the summary tables (deal_counts, deal_source_counts) can answer counts under
 * these filters: they hold every combination of layer, kind, status and year, but nothing
 * about a deal's companies or names.
 */
export function countableFromSummary(f: DealFilters): boolean {
  return !f.organization && !f.participant && !f.q && !f.asof;
}

/** `dealConditions` over a summary table, whose year is 0 for an undated deal and layer '' for none. */
export function summaryConditions(
  t: typeof dealCounts | typeof dealSourceCounts,
  f: DealFilters,
  except?: "layer" | "kind" | "status",
): SQL | undefined {
  const parts: SQL[] = [];
  // The summary's layer is '' (not NULL) for a deal without one: it passes an exclusion by NOT IN alone.
  const facets = [
    except !== "layer" ? facetCondition(t.layer, f.layer) : undefined,
    except !== "kind" ? facetCondition(t.kind, f.kind) : undefined,
    except !== "status" ? facetCondition(t.status, f.status) : undefined,
  ];
  for (const part of facets) if (part) parts.push(part);
  // Whole years, as the date filter means: sort_date between from-01-01 and to-12-31.
  if (f.fromYear !== undefined || f.toYear !== undefined) parts.push(gt(t.year, 0));
  if (f.fromYear !== undefined) parts.push(gte(t.year, f.fromYear));
  if (f.toYear !== undefined) parts.push(lte(t.year, f.toYear));
  return parts.length ? and(...parts) : undefined;
}

/**
 * Whether the per-organization summaries (organization_deal_counts and
 * organization_deal_source_counts, migration 0013, read packed a row per company from
 * migration 0015's tables) can answer counts under these filters:
 * a name or company filter with today's statuses. A past view needs each deal's status on
 * the day, and "took part in" is about investors, which the summaries do not key.
 */
export function countableFromOrganizationSummary(f: DealFilters): boolean {
  return !f.asof && !f.participant && (!!f.q || !!f.organization);
}

/**
 * Whether deal_known_counts (migration 0021: deals per day they became known) can answer a
 * past view's counts: no company, name or participant filter, which it does not key.
 */
export function countableFromKnownSummary(f: DealFilters): boolean {
  return !!f.asof && !f.organization && !f.participant && !f.q;
}

export const summedDeals = sql<number>`sum(${dealCounts.deals})`.mapWith(Number);

export function countDeals(filters: DealFilters = {}): number {
  if (countableFromSummary(filters)) {
    return getDb().select({ n: summedDeals }).from(dealCounts).where(summaryConditions(dealCounts, filters)).get()?.n ?? 0;
  }
  // A name or company filter, or a past view: a sum over the cube, which reads a few summary
  // rows per company, or per day known.
  if (countableFromOrganizationSummary(filters) || countableFromKnownSummary(filters)) return cubeCells(filters).reduce((sum, c) => sum + c.n, 0);
  const db = getDb();
  if (participantOnly(filters)) {
    // As investor, plus as co-investor in deals someone else led: two index counts instead
    // of testing an OR with a subquery on every deal of the table.
    const p = sql`(SELECT o.id FROM ${organizations} o WHERE o.slug = ${filters.participant})`;
    const count = (asof: string | undefined) => {
      const read = participationRead(asof);
      return db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM ${deals} d WHERE ${read.investor} = ${p} AND ${read.known})
        + (SELECT count(*) FROM ${read.coInvestments}
           WHERE ${read.coInvestor} = ${p} AND d.investor_id <> ${p} AND ${read.known}) AS n`)?.n ?? 0;
    };
    const unknown = filters.asof ? participationsUnknown(p, filters.asof) : null;
    return unknown === null ? count(filters.asof) : count(undefined) - unknown;
  }
  // One company on a past day, nothing else: its count from fact_first_citations' company index.
  if (filters.asof && filters.organization && Object.entries(filters).every(([k, v]) => k === "asof" || k === "organization" || v === undefined)) {
    return organizationKnownCounts(filters.organization, filters.asof).known;
  }
  return countWhere(dealConditions(filters), !!filters.layer);
}

/**
 * One company's deals known on a day and all its deals: the first from fact_first_citations'
 * company index (one index range, no deal read) plus its deals known by a state of their
 * history only (CROSS JOIN: from the few status changes, not the company's deals); the second
 * from its per-company summary.
 */
function organizationKnownCounts(slug: string, asof: string): { known: number; all: number } {
  const org = sql`(SELECT o.id FROM ${organizations} o WHERE o.slug = ${slug})`;
  const row = getDb().get<{ known: number; all: number }>(sql`SELECT
    (SELECT count(*) FROM ${factFirstCitations} kf WHERE kf.organization_id = ${org} AND kf.date <= ${asof} AND +kf.subject = 'deal')
    + (SELECT count(DISTINCT ksc.deal_id) FROM status_changes ksc CROSS JOIN ${deals} kd ON kd.id = ksc.deal_id
       WHERE kd.organization_id = ${org} AND ksc.known_from <= ${asof}
         AND NOT EXISTS (SELECT 1 FROM ${factFirstCitations} kf WHERE kf.subject = 'deal' AND kf.subject_id = kd.id AND kf.date <= ${asof})) AS known,
    (SELECT coalesce(sum(${organizationDealCounts.deals}), 0) FROM ${organizationDealCounts} WHERE ${organizationDealCounts.organizationId} = ${org}) AS "all"`);
  return row ?? { known: 0, all: 0 };
}

/** A column of the deals table to sort by (the screener's `sort` parameter). */
export type DealSortKey = "date" | "company" | "layer" | "kind" | "status" | "amount" | "usd";

/**
 * ORDER BY for a sort column: rows without a value (no date, no amount, no layer) always
 * last, ties broken by date then id so a page boundary never shuffles. "usd" converts with
 * the house (default) rate of each currency, the rate the table shows. `status` is the
 * status shown, which in a past view is the one the deal had then.
 */
function sortOrder(key: DealSortKey, descending: boolean, status: SQL): SQL[] {
  const dir = (e: SQL | typeof deals.sortDate) => (descending ? desc(e) : asc(e));
  const tail = [asc(deals.sortDate), asc(deals.id)];
  const usd = sql`${deals.amount} / (SELECT ${fxRates.perUsd} FROM ${fxRates} WHERE ${fxRates.currency} = ${deals.currency} AND ${fxRates.isDefault} = 1 LIMIT 1)`;
  const layerOrder = sql`(SELECT ${layers.sortOrder} FROM ${layers} WHERE ${layers.slug} = ${positions.layer})`;
  switch (key) {
    case "date":
      return [sql`${deals.sortDate} IS NULL`, dir(deals.sortDate), dir(sql`${deals.id}`)];
    case "company":
      return [dir(sql`${organizations.name} COLLATE NOCASE`), ...tail];
    case "layer":
      return [sql`${positions.layer} IS NULL`, dir(layerOrder), ...tail];
    case "kind":
      return [dir(sql`${deals.kind}`), ...tail];
    case "status":
      return [dir(status), ...tail];
    case "amount":
      return [sql`${deals.amount} IS NULL`, dir(sql`${deals.currency}`), dir(sql`${deals.amount}`), ...tail];
    case "usd":
      return [sql`${usd} IS NULL`, dir(usd), ...tail];
  }
}

/** A sort of the deals table: a column, and whether descending. */
export interface DealSortBy {
  key: DealSortKey;
  descending: boolean;
}

/**
 * The most matching deals the table sorts by a column other than the date. No index gives
 * those orders (a company's name, a layer's place, USD at each currency's house rate), so
 * SQLite reads and sorts every matching deal to show one page: about 4 s for the synthetic
 * database's million. 20,000 take about 0.1 s (measured: tests/perf/README.md, sort11).
 * The date has its timeline indexes, in either direction, and is never declined.
 */
export const DEAL_SORT_LIMIT = 20_000;

/**
 * The sort `listDeals` should apply when `matching` deals pass the filters, or the one it
 * declined: above `limit` the deals come in timeline order, and the page says so.
 */
export function boundedDealSort(
  sort: DealSortBy,
  matching: number,
  limit = DEAL_SORT_LIMIT,
): { sort: DealSortBy; declined?: undefined } | { sort?: undefined; declined: DealSortBy & { matching: number; limit: number } } {
  if (sort.key === "date" || matching <= limit) return { sort };
  return { declined: { ...sort, matching, limit } };
}

/** Only the participant filter is set, and perhaps a day (a company page's "deals it took part in"). */
function participantOnly(f: DealFilters): boolean {
  return !!f.participant && Object.entries(f).every(([k, v]) => k === "participant" || k === "asof" || v === undefined);
}

/**
 * How a participant's deals (`d`, and `dc` for its co-investor rows) are read on `asof`.
 * Today: from the participant's indexes. Few deals known by the day: from the short list of
 * them (knownOn), the participant's columns kept off their indexes (unary plus) so SQLite
 * starts from the list (0.1 s -> under 1 ms for Alibaba's 600,000 deals, five known). Many:
 * from the participant's indexes, each deal probed (dealKnownOn), so a page stops at its
 * window; matching every deal against the list of a million known by the day cost 1.2-2.4 s
 * for any participant, even one with no deals (tests/perf/README.md, joined18).
 */
function participationRead(asof: string | undefined): { known: SQL; investor: SQL; coInvestor: SQL; coInvestments: SQL } {
  const few = !!asof && fewKnownBy(asof);
  return {
    known: !asof ? sql`1` : few ? knownOn("deal_id", sql`d.id`, asof) : dealKnownOn(sql`d.id`, asof),
    investor: few ? sql`+d.investor_id` : sql`d.investor_id`,
    coInvestor: few ? sql`+dc.organization_id` : sql`dc.organization_id`,
    // CROSS JOIN fixes which side SQLite reads first: the known deals when few are, else the
    // co-investor rows (given a dated-only term, SQLite preferred to walk deals_timeline_idx
    // backwards and probe each deal's co-investors: all 1M deals for an organization that
    // co-invested in none).
    coInvestments: few
      ? sql`${deals} d CROSS JOIN ${dealCoInvestors} dc ON dc.deal_id = d.id`
      : sql`${dealCoInvestors} dc CROSS JOIN ${deals} d ON d.id = dc.deal_id`,
  };
}

/**
 * How many of participant `p`'s deals were not yet known on `asof`, when the few deals first
 * cited after the day can say: every deal has a dated citation (the known-day cube holds
 * them all), so a deal unknown on the day is one of those, unless a state of its history was
 * known by then. Today's count minus these is the day's, read from at most FEW_KNOWN first
 * citations instead of probing each of the participant's deals (0.28-0.35 s for Alibaba's
 * 600,740 at scale). null when that does not hold.
 */
function participationsUnknown(p: SQL, asof: string): number | null {
  const db = getDb();
  const undated = db.get<{ n: number }>(sql`SELECT
    (SELECT coalesce(sum(${dealCounts.deals}), 0) FROM ${dealCounts}) - (SELECT coalesce(sum(k.deals), 0) FROM ${dealKnownCounts} k) AS n`)?.n;
  if (undated !== 0 || !fewFirstCitedAfter(asof)) return null;
  return (
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${deals} d
      WHERE d.id IN ${firstCitedAfter("deal", asof)}
        AND (d.investor_id = ${p} OR EXISTS (SELECT 1 FROM ${dealCoInvestors} dc WHERE dc.deal_id = d.id AND dc.organization_id = ${p}))
        AND d.id NOT IN (SELECT ksc.deal_id FROM status_changes ksc WHERE ksc.deal_id IS NOT NULL AND ksc.known_from <= ${asof})`)?.n ?? 0
  );
}

/**
 * The first `window` deals in the page's order that `slug` took part in, as an id set: the
 * first `window` it led (from deals_investor_timeline_idx, reading no more than that) and
 * the first `window` it co-invested in. The page's first rows are among these, so the
 * outer query sorts at most a few windows of rows, whatever the organization's deal count.
 * Newest first ("recent"), the dated and the undated are read apart, each in index order:
 * one ORDER BY of dated-first then newest mixes directions no index gives, and sorted every
 * deal Alibaba led to find its latest (1.2 s for an organization that led none, at scale).
 */
function participantWindow(slug: string, window: number, order: "timeline" | "recent", asof?: string): SQL {
  const p = sql`(SELECT o.id FROM ${organizations} o WHERE o.slug = ${slug})`;
  const read = participationRead(asof);
  const led = (cond: SQL, by: SQL) => sql`SELECT id FROM (SELECT d.id FROM ${deals} d WHERE ${read.investor} = ${p} AND ${cond} AND ${read.known} ORDER BY ${by} LIMIT ${window})`;
  const co = (cond: SQL, by: SQL) => sql`SELECT id FROM (SELECT d.id FROM ${read.coInvestments}
                    WHERE ${read.coInvestor} = ${p} AND d.investor_id <> ${p} AND ${cond} AND ${read.known} ORDER BY ${by} LIMIT ${window})`;
  if (order === "timeline") {
    const all = sql`1`;
    const by = sql`d.sort_date IS NULL, d.sort_date, d.id`;
    return sql`${deals.id} IN (${led(all, by)} UNION ALL ${co(all, by)})`;
  }
  const dated = sql`(d.sort_date IS NULL) = 0`;
  const undated = sql`(d.sort_date IS NULL) = 1`;
  const newest = sql`d.sort_date DESC, d.id DESC`;
  return sql`${deals.id} IN (${led(dated, newest)} UNION ALL ${led(undated, newest)} UNION ALL ${co(dated, newest)} UNION ALL ${co(undated, newest)})`;
}

const TIMELINE_WINDOW = 20_000;

/** The first TIMELINE_WINDOW deals in timeline order (undated last), as an id set. */
function timelineWindow(): SQL {
  return sql`${deals.id} IN (SELECT w.id FROM ${deals} w ORDER BY w.sort_date IS NULL, w.sort_date, w.id LIMIT ${TIMELINE_WINDOW})`;
}

/**
 * Under a name filter alone, the first `n` matching deals of the timeline window, read in
 * order from deals_timeline_idx and stopping at the n-th (SQLite runs the window as a
 * co-routine): the outer query sorts n rows, not every match in the window.
 */
function firstNamedInTimeline(named: SQL, n: SQLWrapper): SQL {
  return sql`${deals.id} IN (SELECT w.id FROM (SELECT d.id, d.organization_id FROM ${deals} d ORDER BY d.sort_date IS NULL, d.sort_date, d.id LIMIT ${TIMELINE_WINDOW}) w
    WHERE w.organization_id IN (${named}) LIMIT ${n})`;
}

/**
 * Where a page of the timeline lies, from the matching deals per year (`matched`, 0 for the
 * undated, which come last) and all deals per year (`all`): the dated years it spans (to
 * the last one when it runs on into the undated deals), how many matches come before them,
 * and whether to walk the timeline from the span's start (reading about the rows the page
 * needs divided by the span's share of matches) rather than sort the span's matches. Either
 * is bounded by the page and a year's deals, not by every match. Null when the page starts
 * among the undated deals.
 */
export function timelineSpan(
  matched: Map<number, number>,
  all: Map<number, number>,
  offset: number,
  limit: number,
): { from: number; to: number; before: number; walk: boolean } | null {
  const years = [...matched.keys()].filter((y) => y > 0).sort((a, b) => a - b);
  let before = 0;
  let from: number | undefined;
  let inSpan = 0;
  let allInSpan = 0;
  for (const [i, year] of years.entries()) {
    const n = matched.get(year)!;
    if (from === undefined && before + n <= offset) {
      before += n;
      continue;
    }
    from ??= year;
    inSpan += n;
    allInSpan += all.get(year) ?? 0;
    if (before + inSpan >= offset + limit || i === years.length - 1) {
      const read = Math.min(offset - before + limit, inSpan);
      // A sort also seeks once per matching company, which these counts do not give: walking
      // up to TIMELINE_WINDOW rows (what the window already spends) is taken as cheaper.
      return { from, to: year, before, walk: (read * allInSpan) / inSpan < Math.max(inSpan, TIMELINE_WINDOW) };
    }
  }
  return null;
}

/**
 * The deals of the companies a name finds, dated or undated, under the other filters, read
 * company by company from deals_organization_timeline_idx (the companies first: CROSS JOIN
 * fixes the order), each company's dated deals of the year range alone. For a page whose
 * matches are too sparse to walk the timeline; the page is cut from them by date and id
 * (what the index holds) before any other column is read. The index is named because SQLite (no
 * ANALYZE statistics here) otherwise reads the year range from a date index, for the whole
 * name (22 against ~5 ms for "uni" over 2010-2014 at scale) or once per company (25 s for
 * "robot" with a kind).
 */
function namedDeals(f: DealFilters, dated: boolean, at: { limit: number; offset: number }): SQL {
  const position = f.layer ? sql` LEFT JOIN ${positions} ON ${positions.organizationId} = ${deals.organizationId}` : sql``;
  const rest = dealConditions({ ...f, q: undefined });
  return sql`${deals.id} IN (SELECT ${deals.id} FROM ${organizations} n CROSS JOIN ${deals} INDEXED BY deals_organization_timeline_idx${position}
    WHERE n.id IN (${organizationIdsNamed(f.q!)}) AND ${deals.organizationId} = n.id AND (${deals.sortDate} IS NULL) = ${dated ? 0 : 1}${rest ? sql` AND ${rest}` : sql``}
    ORDER BY ${deals.sortDate}, ${deals.id} LIMIT ${at.limit} OFFSET ${at.offset})`;
}

/**
 * Share of all deals known on a past day above which a page of them is read in index order,
 * each deal tested (dealKnownOn), rather than found through the list of deals known that
 * day and sorted: at a share of 1% a page of 50 tests about 5,000 deals, where the list at a
 * million known deals cost 2.4 s to build and sort (tests/perf/README.md, known17).
 */
const WALK_KNOWN_SHARE = 0.01;

/** Whether most deals' pages on a past day are cheaper walked (WALK_KNOWN_SHARE), by the summaries' totals. */
function walkKnown(asof: string): boolean {
  const row = getDb().get<{ known: number; all: number }>(sql`SELECT
    (SELECT coalesce(sum(k.deals), 0) FROM ${dealKnownCounts} k WHERE k.day <= ${asof}) AS known,
    (SELECT coalesce(sum(${dealCounts.deals}), 0) FROM ${dealCounts}) AS "all"`);
  return !!row && walkShare(row);
}

function walkShare({ known, all }: { known: number; all: number }): boolean {
  return all > 0 && known >= WALK_KNOWN_SHARE * all;
}

/** All deals per year (0: undated), from the summary. */
function allDealsPerYear(): Map<number, number> {
  const rows = getDb().select({ year: dealCounts.year, n: summedDeals }).from(dealCounts).groupBy(dealCounts.year).all();
  return new Map(rows.map((r) => [r.year, r.n]));
}

export function listDeals(
  filters: DealFilters = {},
  asked: { limit?: number; offset?: number; order?: "timeline" | "recent"; sort?: DealSortBy } = {},
): DealView[] {
  const db = getDb();
  // By date, oldest first, is the timeline's order (undated last, then by id): read it the
  // timeline's way (a name filter's window, the years that hold the page), not as a sort of
  // every matching deal. The deals table's default: `/deals?q=robot&view=table` sorted all
  // 90,000 matches at scale, 320-350 ms against 40-70 for the same page by date descending.
  const page = asked.sort?.key === "date" && !asked.sort.descending ? { ...asked, sort: undefined, order: "timeline" as const } : asked;
  // Timeline reads oldest first with undated deals last; "recent" is newest first. Under a
  // year filter every deal is dated, so the undated-last term is constant: leaving it out
  // lets a timeline index give the order within the range (`isDated` fixes its first key)
  // instead of a sort of it.
  const dated = filters.fromYear !== undefined || filters.toYear !== undefined;
  const undatedLast = dated ? [] : [sql`${deals.sortDate} IS NULL`];
  const order = page.sort
    ? sortOrder(page.sort.key, page.sort.descending, dealStatusColumn(filters))
    : page.order === "recent"
      ? [...undatedLast, desc(deals.sortDate), desc(deals.id)]
      : [...undatedLast, asc(deals.sortDate), asc(deals.id)];
  // A past view on which most deals were known reads them in index order, testing each
  // (walkKnown); a company's known deals are a list from its own index.
  const probe =
    !!filters.asof &&
    (countableFromKnownSummary(filters)
      ? walkKnown(filters.asof)
      : !!filters.organization && !filters.q && !filters.participant && walkShare(organizationKnownCounts(filters.organization, filters.asof)));
  const where = participantOnly(filters) && !page.sort ? participantWindow(filters.participant!, (page.offset ?? 0) + (page.limit ?? 500), page.order ?? "timeline", filters.asof) : dealConditions(filters, undefined, probe ? "probe" : "list");
  const limit = page.limit ?? 500;
  const offset = page.offset ?? 0;
  const query = (d: Db, condition: SQL | undefined, by: SQL[] = order) => d
    .select({
      id: deals.id,
      slug: deals.slug,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      investorSlug: investor.slug,
      investorName: investor.name,
      layer: positions.layer,
      date: deals.date,
      datePrecision: deals.datePrecision,
      dateQualifier: deals.dateQualifier,
      sortDate: deals.sortDate,
      kind: deals.kind,
      status: dealStatusColumn(filters),
      state: stateOn("deal_id", deals.id, filters.asof),
      amount: deals.amount,
      currency: deals.currency,
      qualifier: deals.qualifier,
      stakePercent: deals.stakePercent,
      description: deals.description,
    })
    .from(deals)
    .innerJoin(organizations, eq(organizations.id, deals.organizationId))
    .innerJoin(investor, eq(investor.id, deals.investorId))
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(condition)
    .orderBy(...by)
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"));
  const select = (condition: SQL | undefined, by: SQL[] = order, at = { limit, offset }) => query(db, condition, by).all(at);
  // A name filter matching many companies (363,000 deals for "robot" at scale) made SQLite
  // fetch and sort every matching deal for one page. First look among the first
  // TIMELINE_WINDOW deals of the whole timeline (read in order from deals_timeline_idx):
  // when they hold the page, it is the same page, since the window is a prefix of the order.
  // A rare name does not fill it, and is cheap to sort in full.
  const windowed = filters.q && !filters.organization && !filters.participant && !page.sort && page.order !== "recent";
  const onlyName = Object.entries(filters).every(([k, v]) => k === "q" || v === undefined);
  let rows: ReturnType<typeof select> | null = null;
  // Past the first window, or under a year range or a facet (the window may hold too few),
  // the page is read from the years that hold it, by the counts per year the packed
  // summaries already give (the page's count comes from the same cube in a render).
  const counted = countableFromOrganizationSummary(filters);
  const spanned = () => {
    const matched = new Map<number, number>();
    for (const c of cubeCells(filters)) matched.set(c.year, (matched.get(c.year) ?? 0) + c.n);
    const span = timelineSpan(matched, allDealsPerYear(), offset, limit);
    const undated = (at: { limit: number; offset: number }) => select(namedDeals({ ...filters, fromYear: undefined, toYear: undefined }, false, at), order, { limit, offset: 0 });
    if (!span) return undated({ limit, offset: offset - [...matched].reduce((sum, [year, n]) => sum + (year > 0 ? n : 0), 0) });
    const f = { ...filters, fromYear: span.from, toYear: span.to };
    const at = { limit, offset: offset - span.before };
    let found;
    if (span.walk) {
      // The first matches in date order from the span's start: the name's condition kept off
      // the company index (unary plus), so SQLite reads deals by date and stops at the page.
      const walk = db.select({ id: deals.id }).from(deals).$dynamic();
      if (f.layer) walk.leftJoin(positions, eq(positions.organizationId, deals.organizationId));
      walk
        .where(and(dealConditions({ ...f, q: undefined }), sql`+${deals.organizationId} IN (${organizationIdsNamed(f.q!)})`))
        .orderBy(asc(deals.sortDate), asc(deals.id))
        .limit(at.limit)
        .offset(at.offset);
      found = select(inArray(deals.id, walk), order, { limit, offset: 0 });
    } else found = select(namedDeals(f, true, at), order, { limit, offset: 0 });
    // Past the last dated year (no year range), the undated deals follow from their first.
    const more = matched.get(0) && found.length < limit ? undated({ limit: limit - found.length, offset: 0 }) : [];
    return [...found, ...more];
  };
  if (windowed && onlyName) {
    // A name filter alone (the name filters' page): the same two statements for every name
    // of a lookup shape, so each is built and compiled once per connection.
    const name = nameLookup(filters.q!);
    const named = (part: "window" | "all") =>
      prepared(`listDeals:${part}:${name.shape}`, (d) => {
        const ids = name.ids(sql.placeholder("name"));
        return query(d, part === "window" ? firstNamedInTimeline(ids, sql.placeholder("window")) : dealsNamed(ids)).prepare();
      });
    if (offset === 0 && limit <= TIMELINE_WINDOW) rows = named("window").all({ name: name.value, window: offset + limit, limit, offset });
    if (!rows || rows.length < limit) rows = spanned() ?? named("all").all({ name: name.value, limit, offset });
  } else if (!dated && (!filters.asof || probe || !!filters.organization) && !participantOnly(filters) && (page.sort ? page.sort.key === "date" && page.sort.descending : page.order === "recent")) {
    // Newest first, undated last (the home page's latest deals, the table by date
    // descending), as two reads in index order: the dated deals from deals_timeline_idx
    // backwards, then the undated ones when the page reaches past them (by id, newest first,
    // as the one ORDER BY had it: their sort_date is null). One ORDER BY mixing the two
    // directions needs an index of its own, which 0017 dropped. In a past view only when the
    // deals are tested one by one (probe) or are one company's (its timeline index): else the
    // short list of deals known on the day drives the one statement (see dealConditions). Not
    // for one participant, whose window of newest deals is small enough to sort.
    const newest = [desc(deals.sortDate), desc(deals.id)];
    rows = select(and(where, isDated), newest);
    if (rows.length < limit) {
      const datedBefore = rows.length > 0 || offset === 0 ? offset + rows.length : countWhere(and(where, isDated), !!filters.layer);
      rows = [...rows, ...select(and(where, isUndated), newest, { limit: limit - rows.length, offset: Math.max(0, offset - datedBefore) })];
    }
  } else {
    if (windowed && !counted && offset + limit <= TIMELINE_WINDOW) rows = select(and(where, timelineWindow()));
    if (!rows || rows.length < limit) rows = (windowed && counted ? spanned() : null) ?? select(where);
  }

  const ids = rows.map((r) => r.id);
  const co = ids.length
    ? prepared("listDeals:coInvestors", (d) =>
        d
          .select({ dealId: dealCoInvestors.dealId, slug: organizations.slug, name: organizations.name })
          .from(dealCoInvestors)
          .innerJoin(organizations, eq(organizations.id, dealCoInvestors.organizationId))
          .where(inIdList(dealCoInvestors.dealId))
          .orderBy(asc(organizations.name))
          .prepare(),
      ).all({ ids: idList(ids) })
    : [];
  const terms = ids.length
    ? prepared("listDeals:terms", (d) =>
        d
          .select({ dealId: dealTerms.dealId, term: dealTerms.term })
          .from(dealTerms)
          .where(inIdList(dealTerms.dealId))
          .orderBy(asc(dealTerms.dealId), asc(dealTerms.sortOrder))
          .prepare(),
      ).all({ ids: idList(ids) })
    : [];
  const cites = citationsFor("dealId", ids, filters.asof);

  return rows.map(({ orgSlug, orgName, investorSlug, investorName, ...r }) => ({
    ...r,
    organization: { slug: orgSlug, name: orgName },
    investor: { slug: investorSlug, name: investorName },
    coInvestors: co.filter((c) => c.dealId === r.id).map(({ slug, name }) => ({ slug, name })),
    terms: terms.filter((t) => t.dealId === r.id).map((t) => t.term),
    citations: cites.get(r.id) ?? [],
  }));
}

/** One cell of the deal cube: how many deals share a layer, kind, status and year (0: undated). */
export interface DealCubeCell {
  layer: string | null;
  kind: string;
  status: string;
  year: number;
  n: number;
}

type CubeFilters = Omit<DealFilters, "layer" | "kind" | "status">;

/**
 * The company's layer as its place in LAYERS plus one (0: a company without a position), the
 * last part of a cube cell's code: ((year * 8 + kind) * 8 + status) * 4 + layer, the kind
 * and status being their places in DEAL_KINDS and DEAL_STATUSES.
 */
function layerCode(layer: SQLWrapper = positions.layer): SQL<number> {
  const place = sql.join([sql`CASE ${layer}`, ...LAYERS.map((v, i) => sql`WHEN ${v} THEN ${i + 1}`), sql`END`], sql` `);
  return sql<number>`coalesce(${place}, 0)`;
}

/**
 * The integers of a packed row (migration 0015: a JSON array of integers, `[1,2,-3]`) are
 * read in place, one by one: `intAt` returns the one starting at `at` and leaves `after` past
 * its separator. Why not JSON.parse: a name filter reads a row per matching company (7,425
 * pairs of rows for "robot" at scale), and an array per row plus a heap number per
 * (cell, source) key cost more in garbage collection (~55 ms per `/deals?q=robot` request,
 * profiled) than the parsing itself (tests/perf/README.md, scale8). Anything but an integer
 * (a cell packed as null: a summary row outside the vocabulary) is refused, not counted.
 */
let after = 0;
function refused(text: string): Error {
  return new Error(`packed summary: a summary row outside the vocabulary (packed as ${text.length > 120 ? `${text.slice(0, 120)}…` : text})`);
}
function intAt(text: string, at: number): number {
  let i = at;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  const first = i;
  let value = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  const separator = text.charCodeAt(i);
  if (i === first || (separator !== 44 && separator !== 93)) throw refused(text);
  after = i + 1;
  return negative ? -value : value;
}

/** A packed row is one JSON array: `[` ... `]`. */
function checkArray(text: string): void {
  if (text.charCodeAt(0) !== 91 || text.charCodeAt(text.length - 1) !== 93) throw refused(text);
}

/** Deals per cube key (cell * 4 + layer code) over a company's packed cells `[cell, deals, ...]`. */
function addCells(sums: Map<number, number>, text: string, layer: number): void {
  checkArray(text);
  for (let at = 1; at < text.length - 1; ) {
    const key = intAt(text, at) * 4 + layer;
    const deals = intAt(text, after);
    at = after;
    sums.set(key, (sums.get(key) ?? 0) + deals);
  }
}

/** Deals per source id over a company's packed source totals `[source id, deals, ...]` (migration 0018). */
function addSourceTotals(sums: Map<number, number>, text: string): void {
  checkArray(text);
  for (let at = 1; at < text.length - 1; ) {
    const source = intAt(text, at);
    const deals = intAt(text, after);
    at = after;
    sums.set(source, (sums.get(source) ?? 0) + deals);
  }
}

/** Deals per source id, then per cell, over a company's packed source cells `[cell, source id, deals, ...]`. */
function addSourceCells(sums: Map<number, Map<number, number>>, text: string): void {
  checkArray(text);
  for (let at = 1; at < text.length - 1; ) {
    const cell = intAt(text, at);
    const source = intAt(text, after);
    const deals = intAt(text, after);
    at = after;
    let cells = sums.get(source);
    if (!cells) sums.set(source, (cells = new Map()));
    cells.set(cell, (cells.get(cell) ?? 0) + deals);
  }
}

interface PackedAccumulator {
  cube: Map<number, number>;
  sources: Map<number, Map<number, number>>;
  totals: Map<number, number>;
}

/**
 * Registers (once per connection) the aggregate `sums_of_packed(cells, layer, source_cells,
 * source_totals)` over the packed per-organization tables (migration 0015: a row per company,
 * its cells as a JSON array, a cell's code being (year * 8 + kind) * 8 + status): sums the
 * deals per (cell, layer), per (cell, source) and per source (0018's totals; the caller passes
 * one of the two) in hash maps and returns them as JSON, `[[[key, n], ...], [[source id,
 * [[cell, n], ...]], ...], [[source id, n], ...]]`: no GROUP BY, which sorts every input row. One call
 * per company for both tables (two aggregates were two calls, each with its own arguments
 * to convert), keys small integers (a key of 2^32 and more is a heap number per update).
 * Why packed: a name filter matching 7,692 companies ("robot" at scale) summed ~58,770
 * summary rows per table, a call into JavaScript (and for the cube a lookup of the
 * company's layer) per row.
 */
const withPackedSums = new WeakSet<Database.Database>();
function packedSumsAggregate(sqlite: Database.Database): SQL {
  if (!withPackedSums.has(sqlite)) {
    sqlite.aggregate("sums_of_packed", {
      start: (): PackedAccumulator => ({ cube: new Map(), sources: new Map(), totals: new Map() }),
      step: ((acc: PackedAccumulator, cells: unknown, layer: unknown, sourceCells: unknown, sourceTotals: unknown) => {
        // NULL: no row (a company without deals has no packed cells), or one the caller left out (the sources under a layer filter, the form of the sources not asked for).
        if (typeof cells === "string") addCells(acc.cube, cells, Number(layer));
        if (typeof sourceCells === "string") addSourceCells(acc.sources, sourceCells);
        if (typeof sourceTotals === "string") addSourceTotals(acc.totals, sourceTotals);
      }) as never,
      result: (acc: PackedAccumulator) => JSON.stringify([[...acc.cube], [...acc.sources].map(([source, cells]) => [source, [...cells]]), [...acc.totals]]),
    });
    withPackedSums.add(sqlite);
  }
  return sql.raw("sums_of_packed");
}

/** The organization filters (a company, a name) over a packed per-organization table's id. */
export function packedConditions(organizationId: SQLWrapper, f: DealFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.organization) parts.push(sql`${organizationId} = (SELECT o.id FROM ${organizations} o WHERE o.slug = ${f.organization})`);
  if (f.q) parts.push(sql`${organizationId} IN (${organizationIdsNamed(f.q)})`);
  return parts.length ? and(...parts) : undefined;
}

/** Whether a year (0: undated) is within the filters' year range, as the summary conditions say. */
export function yearPasses(year: number, f: DealFilters): boolean {
  if (f.fromYear === undefined && f.toYear === undefined) return true;
  return year > 0 && (f.fromYear === undefined || year >= f.fromYear) && (f.toYear === undefined || year <= f.toYear);
}

function decodeCells(sums: [number, number][]): DealCubeCell[] {
  return sums
    .sort(([a], [b]) => a - b)
    .map(([code, n]) => ({
      layer: code % 4 === 0 ? null : LAYERS[(code % 4) - 1]!,
      status: DEAL_STATUSES[Math.floor(code / 4) % 8]!,
      kind: DEAL_KINDS[Math.floor(code / 32) % 8]!,
      year: Math.floor(code / 256),
      n,
    }));
}

/**
 * The matching deals counted per (layer, kind, status, year) in ONE pass, under every
 * filter but the three facets. A filter the summary tables cannot answer (a name, a
 * company, a past view) used to cost a GROUP BY over the matching deals per facet, one for
 * the chart and one for the undated count: five passes over 363,000 deals for "robot" on
 * the synthetic database. The cube has at most a few thousand cells, and facets, the
 * chart and the undated count are sums over it. React's `cache` shares it between the
 * queries of one render (keyed by the filters as text); outside a render it is computed
 * per call. Under a name or company filter with today's statuses the cube comes from the
 * packed per-company summaries instead (packedSums, via dealCube).
 */
const cubeFor = cache((key: string): DealCubeCell[] => {
  const f = JSON.parse(key) as CubeFilters;
  if (countableFromKnownSummary(f)) return knownCube(f.asof!).filter((c) => yearPasses(c.year, f));
  const year = sql<number>`CASE WHEN ${deals.sortDate} IS NULL THEN 0 ELSE CAST(substr(${deals.sortDate}, 1, 4) AS INTEGER) END`;
  const status = dealStatusColumn(f);
  return getDb()
    .select({ layer: sql<string | null>`${positions.layer}`, kind: deals.kind, status: sql<string>`${status}`, year, n: count() })
    .from(deals)
    .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
    .where(dealConditions(f))
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`)
    .all();
});

/** A deal's year as the summaries key it (0: undated). */
export const DEAL_YEAR = sql<number>`coalesce(CAST(substr(${deals.sortDate}, 1, 4) AS INTEGER), 0)`;

/**
 * A past day's cube without year limits: the cells of the days up to it (deal_known_counts,
 * under today's statuses), with the deals that have a status history taken out of their
 * cell today and put in their cell on the day, if known by then (HISTORY_DEALS). Reads a
 * few rows per day known, where grouping the deals known by the day read each of them
 * (3.5 s for a day on which a million deals were known: tests/perf/README.md, known17).
 */
function knownCube(asof: string): DealCubeCell[] {
  const layer = sql`coalesce(${positions.layer}, '')`;
  const rows = getDb().all<{ layer: string; kind: DealKind; status: DealStatus; year: number; n: number }>(sql`
    SELECT layer, kind, status, year, sum(n) AS n FROM (
      SELECT k.layer, k.kind, k.status, k.year, k.deals AS n FROM ${dealKnownCounts} k WHERE k.day <= ${asof}
      UNION ALL
      SELECT ${layer}, ${deals.kind}, ${deals.status}, ${DEAL_YEAR}, -count(*) FROM ${deals}
        JOIN ${factFirstCitations} f ON f.subject = 'deal' AND f.subject_id = ${deals.id}
        LEFT JOIN ${positions} ON ${positions.organizationId} = ${deals.organizationId}
        WHERE ${deals.id} IN ${HISTORY_DEALS} AND f.date <= ${asof} GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT ${layer}, ${deals.kind}, ${dealStatusOn(deals.id, deals.status, asof)}, ${DEAL_YEAR}, count(*) FROM ${deals}
        LEFT JOIN ${positions} ON ${positions.organizationId} = ${deals.organizationId}
        WHERE ${deals.id} IN ${HISTORY_DEALS} AND ${dealKnownOn(deals.id, asof)} GROUP BY 1, 2, 3, 4
    ) GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`);
  return rows.map((r) => ({ ...r, layer: r.layer === "" ? null : r.layer }));
}

/** Filters as a key for React's per-render cache (sorted, so any order gives one key), leaving out `except`. */
export function filterKey(filters: DealFilters, except: string[] = []): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(filters)
        .filter(([k, v]) => v !== undefined && !except.includes(k))
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/**
 * How the packed sums give the chart's sources: per (cell, source), which the kind, status
 * and year filters and the per-year sources need, or per source (0018's totals), all the
 * page's chart needs when none of those filters is set: 47 KB of text for "robot" at scale
 * instead of 879 KB, ~7 ms less CPU per request.
 */
export type PackedSourcesBy = "cell" | "total";

/** Per source when no kind, status or year narrows the sources; the cube's callers ask for the same, so a render runs one statement. */
export function packedSourcesBy(f: DealFilters): PackedSourcesBy {
  return f.kind === undefined && f.status === undefined && f.fromYear === undefined && f.toYear === undefined ? "total" : "cell";
}

export interface PackedSums {
  cube: [number, number][];
  /** Keyed by cell * SOURCE_KEY + source id when summed by cell, by source id when by total. */
  sources: [number, number][];
}

/**
 * Under a name or company filter, the matching companies' packed cells summed in ONE
 * statement (migration 0015, read from organization_deal_packs, 0016): the cube's
 * (organization_deal_cells, per cell and layer) and the counts of the chart's sources under
 * the layer filter, per (cell, source) (organization_deal_source_cells; kind, status and
 * years are applied to the sums) or per source (the totals of 0018). Each is a row
 * per matching company ("robot" at scale: 7,425 instead of ~58,770 summary rows each), and
 * one pass over the matching companies, one aggregate call per company
 * (packedSumsAggregate), serves both (two passes cost ~20 ms more). Shared
 * by the cube and citedByYearFor through React's `cache`, keyed by the company filters,
 * the layer and the form of the sources.
 */
const packedSumsFor = cache((key: string): PackedSums => {
  const { by, ...f } = JSON.parse(key) as DealFilters & { by: PackedSourcesBy };
  // A company's packed cells, packed sources and layer in one row (migration 0016): one
  // seek per matching company, not one into each of the three tables (~10 ms of ~30 for "robot").
  const p = organizationDealPacks;
  const layer = facetCondition(p.layer, f.layer);
  const sources = (column: typeof p.sourceCells | typeof p.sourceTotals) => (layer ? sql`CASE WHEN ${layer} THEN ${column} END` : column);
  const row = getDb().get<{ sums: string | null }>(sql`SELECT ${packedSumsAggregate(getSqlite())}(${p.cells}, ${layerCode(p.layer)},
      ${by === "cell" ? sources(p.sourceCells) : sql`NULL`}, ${by === "total" ? sources(p.sourceTotals) : sql`NULL`}) AS sums
    FROM ${p} WHERE ${packedConditions(p.organizationId, f)}`);
  const [cube, bySource, totals] = JSON.parse(row?.sums ?? "[[],[],[]]") as [[number, number][], [number, [number, number][]][], [number, number][]];
  // A summary keeps rows at 0, and a key whose rows cancelled out is no cell.
  return {
    cube: cube.filter(([, n]) => n > 0),
    sources:
      by === "cell"
        ? bySource.flatMap(([source, cells]) => cells.filter(([, n]) => n > 0).map(([cell, n]): [number, number] => [cell * SOURCE_KEY + source, n]))
        : totals.filter(([, n]) => n > 0),
  };
});

/** (cell, source id) as one integer key of the packed source sums: source ids stay below 2^32, cells below 2^20 (2^52 in all). */
export const SOURCE_KEY = 2 ** 32;

/** The packed sums of the companies these filters name, with their sources in the form `by` (see packedSumsFor). */
export function packedSums(filters: DealFilters, by: PackedSourcesBy = packedSourcesBy(filters)): PackedSums {
  return packedSumsFor(JSON.stringify({ organization: filters.organization, q: filters.q, layer: filters.layer, by }));
}

export function dealCube(filters: DealFilters): DealCubeCell[] {
  if (countableFromOrganizationSummary(filters)) {
    // The year range is applied to the sums (a cell's year is in its code).
    return decodeCells(packedSums(filters).cube).filter((c) => yearPasses(c.year, filters));
  }
  return cubeFor(filterKey(filters, ["layer", "kind", "status"]));
}

/** The cube's cells under the facet filters, all three or all but `except`. */
export function cubeCells(filters: DealFilters, except?: "layer" | "kind" | "status"): DealCubeCell[] {
  return dealCube(filters).filter(
    (c) =>
      (except === "layer" || facetPasses(c.layer, filters.layer)) &&
      (except === "kind" || facetPasses(c.kind, filters.kind)) &&
      (except === "status" || facetPasses(c.status, filters.status)),
  );
}

/** Option counts for the deal filters, each computed with the other filters applied. */
export function dealFacets(filters: DealFilters = {}): Record<"layer" | "kind" | "status", Record<string, number>> {
  const db = getDb();
  const facet = (key: "layer" | "kind" | "status") => {
    if (countableFromSummary(filters)) {
      const column = { layer: dealCounts.layer, kind: dealCounts.kind, status: dealCounts.status }[key];
      const rows = db
        .select({ value: column, n: summedDeals })
        .from(dealCounts)
        .where(summaryConditions(dealCounts, filters, key))
        .groupBy(column)
        .having(gt(summedDeals, 0))
        .all();
      // Deals of a company without a position have no layer to offer.
      return Object.fromEntries(rows.filter((r) => r.value !== "").map((r) => [r.value, r.n]));
    }
    const out: Record<string, number> = {};
    for (const c of cubeCells(filters, key)) {
      const value = c[key];
      if (value !== null) out[value] = (out[value] ?? 0) + c.n;
    }
    return out;
  };
  return { layer: facet("layer"), kind: facet("kind"), status: facet("status") };
}

/** The span of dated deals, for the timeline's axis and the year-range bounds. */
export function dealYearRange(): { from: number; to: number } | null {
  // The first and the last dated deal, each read from one end of deals_timeline_idx's dated
  // part (min() and max() take that shortcut only on an index led by sort_date itself).
  const end = (direction: SQL) => sql`(SELECT ${deals.sortDate} FROM ${deals} WHERE ${isDated} ORDER BY ${deals.sortDate} ${direction} LIMIT 1)`;
  const row = getDb().get<{ min: string | null; max: string | null }>(sql`SELECT ${end(sql`ASC`)} AS min, ${end(sql`DESC`)} AS max`);
  if (!row?.min || !row.max) return null;
  return { from: Number(row.min.slice(0, 4)), to: Number(row.max.slice(0, 4)) };
}
