import "server-only";
import { type SQL, and, asc, count, desc, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { dealCoInvestors, dealTerms, deals, organizations, positions } from "@/db/schema";
import type { Currency, DealKind, DealStatus, Layer, Qualifier } from "@/lib/validation/dataset";
import { type CitationView, citationsFor } from "./citations";
import { nameMatches } from "./portfolio";

export interface DealFilters {
  layer?: Layer;
  kind?: DealKind;
  status?: DealStatus;
  fromYear?: number;
  toYear?: number;
  organization?: string;
  /** Deals this organization took part in as the investor or a co-investor. */
  participant?: string;
  q?: string;
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
  coInvestors: OrgRef[];
  terms: string[];
  citations: CitationView[];
}

const investor = alias(organizations, "investor");

/** The WHERE clause for deal filters (all but `except`, for facet counts); shared with deal-stats. */
export function dealConditions(f: DealFilters, except?: "layer" | "kind" | "status"): SQL | undefined {
  const parts: SQL[] = [];
  if (f.layer && except !== "layer") parts.push(eq(positions.layer, f.layer));
  if (f.kind && except !== "kind") parts.push(eq(deals.kind, f.kind));
  if (f.status && except !== "status") parts.push(eq(deals.status, f.status));
  // A year range can only keep dated deals; undated ones have no place on it.
  if (f.fromYear !== undefined) parts.push(isNotNull(deals.sortDate), gte(deals.sortDate, `${f.fromYear}-01-01`));
  if (f.toYear !== undefined) parts.push(isNotNull(deals.sortDate), lte(deals.sortDate, `${f.toYear}-12-31`));
  if (f.organization) parts.push(eq(organizations.slug, f.organization));
  if (f.participant) {
    parts.push(sql`(${deals.investorId} = (SELECT p.id FROM ${organizations} p WHERE p.slug = ${f.participant})
      OR EXISTS (SELECT 1 FROM ${dealCoInvestors} dc JOIN ${organizations} p ON p.id = dc.organization_id
                 WHERE dc.deal_id = ${deals.id} AND p.slug = ${f.participant}))`);
  }
  if (f.q) parts.push(nameMatches(f.q));
  return parts.length ? and(...parts) : undefined;
}

export function countDeals(filters: DealFilters = {}): number {
  return (
    getDb()
      .select({ n: count() })
      .from(deals)
      .innerJoin(organizations, eq(organizations.id, deals.organizationId))
      .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
      .where(dealConditions(filters))
      .get()?.n ?? 0
  );
}

export function listDeals(
  filters: DealFilters = {},
  page: { limit?: number; offset?: number; order?: "timeline" | "recent" } = {},
): DealView[] {
  const db = getDb();
  // Timeline reads oldest first with undated deals last; "recent" is newest first.
  const order =
    page.order === "recent"
      ? [sql`${deals.sortDate} IS NULL`, desc(deals.sortDate), desc(deals.id)]
      : [sql`${deals.sortDate} IS NULL`, asc(deals.sortDate), asc(deals.id)];
  const rows = db
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
      status: deals.status,
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
    .where(dealConditions(filters))
    .orderBy(...order)
    .limit(page.limit ?? 500)
    .offset(page.offset ?? 0)
    .all();

  const ids = rows.map((r) => r.id);
  const co = ids.length
    ? db
        .select({ dealId: dealCoInvestors.dealId, slug: organizations.slug, name: organizations.name })
        .from(dealCoInvestors)
        .innerJoin(organizations, eq(organizations.id, dealCoInvestors.organizationId))
        .where(inArray(dealCoInvestors.dealId, ids))
        .orderBy(asc(organizations.name))
        .all()
    : [];
  const terms = ids.length
    ? db
        .select({ dealId: dealTerms.dealId, term: dealTerms.term })
        .from(dealTerms)
        .where(inArray(dealTerms.dealId, ids))
        .orderBy(asc(dealTerms.dealId), asc(dealTerms.sortOrder))
        .all()
    : [];
  const cites = citationsFor("dealId", ids);

  return rows.map(({ orgSlug, orgName, investorSlug, investorName, ...r }) => ({
    ...r,
    organization: { slug: orgSlug, name: orgName },
    investor: { slug: investorSlug, name: investorName },
    coInvestors: co.filter((c) => c.dealId === r.id).map(({ slug, name }) => ({ slug, name })),
    terms: terms.filter((t) => t.dealId === r.id).map((t) => t.term),
    citations: cites.get(r.id) ?? [],
  }));
}

/** Option counts for the deal filters, each computed with the other filters applied. */
export function dealFacets(filters: DealFilters = {}): Record<"layer" | "kind" | "status", Record<string, number>> {
  const db = getDb();
  const facet = (key: "layer" | "kind" | "status") => {
    const column = { layer: positions.layer, kind: deals.kind, status: deals.status }[key];
    const rows = db
      .select({ value: column, n: count() })
      .from(deals)
      .innerJoin(organizations, eq(organizations.id, deals.organizationId))
      .leftJoin(positions, eq(positions.organizationId, deals.organizationId))
      .where(dealConditions(filters, key))
      .groupBy(column)
      .all();
    return Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [r.value, r.n]));
  };
  return { layer: facet("layer"), kind: facet("kind"), status: facet("status") };
}

/** The span of dated deals, for the timeline's axis and the year-range bounds. */
export function dealYearRange(): { from: number; to: number } | null {
  const row = getDb()
    .select({ min: sql<string | null>`min(${deals.sortDate})`, max: sql<string | null>`max(${deals.sortDate})` })
    .from(deals)
    .get();
  if (!row?.min || !row.max) return null;
  return { from: Number(row.min.slice(0, 4)), to: Number(row.max.slice(0, 4)) };
}
