import "server-only";
import { type SQL, and, asc, eq } from "drizzle-orm";
import { getDb, prepared } from "@/lib/db/client";
import { financials, fxRateSources, fxRates, organizations, sources, spending } from "@/lib/db/schema";
import type { FxRate } from "@/lib/domain/money";
import type { Currency, Qualifier, SpendingKind, SpendingScope } from "@/lib/domain/vocabulary";
import { knownOn } from "./asof";
import { type CitationView, citationsFor } from "./citations";
import { idList, inIdList } from "./id-list";
import type { OrgRef } from "./deals";

export interface SpendingFilters {
  scope?: SpendingScope;
  kind?: SpendingKind;
  organization?: string;
  fromYear?: number;
  toYear?: number;
  /** A past view: only statements the sources had published by this day. */
  asof?: string;
}

export interface SpendingView {
  id: number;
  slug: string;
  organization: OrgRef;
  kind: SpendingKind;
  scope: SpendingScope;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  amount: number | null;
  currency: Currency | null;
  qualifier: Qualifier;
  changePercent: number | null;
  description: string;
  citations: CitationView[];
}

export function listSpending(filters: SpendingFilters = {}): SpendingView[] {
  const parts: SQL[] = [];
  if (filters.scope) parts.push(eq(spending.scope, filters.scope));
  if (filters.kind) parts.push(eq(spending.kind, filters.kind));
  if (filters.organization) parts.push(eq(organizations.slug, filters.organization));
  if (filters.asof) parts.push(knownOn("spending_id", spending.id, filters.asof));
  const rows = getDb()
    .select({
      id: spending.id,
      slug: spending.slug,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      kind: spending.kind,
      scope: spending.scope,
      periodLabel: spending.periodLabel,
      periodStart: spending.periodStart,
      periodEnd: spending.periodEnd,
      amount: spending.amount,
      currency: spending.currency,
      qualifier: spending.qualifier,
      changePercent: spending.changePercent,
      description: spending.description,
    })
    .from(spending)
    .innerJoin(organizations, eq(organizations.id, spending.organizationId))
    .where(parts.length ? and(...parts) : undefined)
    .orderBy(asc(spending.periodStart), asc(spending.id))
    .all()
    // Year bounds compare the period, which overlaps the range rather than sitting in it.
    .filter(
      (r) =>
        (filters.fromYear === undefined || Number(r.periodEnd.slice(0, 4)) >= filters.fromYear) &&
        (filters.toYear === undefined || Number(r.periodStart.slice(0, 4)) <= filters.toYear),
    );
  const cites = citationsFor("spendingId", rows.map((r) => r.id), filters.asof);
  return rows.map(({ orgSlug, orgName, ...r }) => ({
    ...r,
    organization: { slug: orgSlug, name: orgName },
    citations: cites.get(r.id) ?? [],
  }));
}

export interface FinancialView {
  id: number;
  slug: string;
  organization: OrgRef;
  metric: string;
  periodLabel: string;
  periodStart: string | null;
  periodEnd: string | null;
  value: number;
  unit: string;
  qualifier: Qualifier;
  changePercent: number | null;
  changeBasis: string | null;
  description: string;
  citations: CitationView[];
}

export function listFinancials(filters: { organization?: string; metric?: string; asof?: string } = {}): FinancialView[] {
  const parts: SQL[] = [];
  if (filters.organization) parts.push(eq(organizations.slug, filters.organization));
  if (filters.metric) parts.push(eq(financials.metric, filters.metric));
  if (filters.asof) parts.push(knownOn("financial_id", financials.id, filters.asof));
  const rows = getDb()
    .select({
      id: financials.id,
      slug: financials.slug,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      metric: financials.metric,
      periodLabel: financials.periodLabel,
      periodStart: financials.periodStart,
      periodEnd: financials.periodEnd,
      value: financials.value,
      unit: financials.unit,
      qualifier: financials.qualifier,
      changePercent: financials.changePercent,
      changeBasis: financials.changeBasis,
      description: financials.description,
    })
    .from(financials)
    .innerJoin(organizations, eq(organizations.id, financials.organizationId))
    .where(parts.length ? and(...parts) : undefined)
    .orderBy(asc(organizations.name), asc(financials.metric), asc(financials.periodEnd), asc(financials.id))
    .all();
  const cites = citationsFor("financialId", rows.map((r) => r.id), filters.asof);
  return rows.map(({ orgSlug, orgName, ...r }) => ({
    ...r,
    organization: { slug: orgSlug, name: orgName },
    citations: cites.get(r.id) ?? [],
  }));
}

/** Every rate with the sources that imply it, in the shape lib/domain/money.ts expects. */
export function listFxRates(): FxRate[] {
  // Every page with money on it reads the rates: two statements built once per connection.
  const rates = prepared("listFxRates", (db) => db.select().from(fxRates).orderBy(asc(fxRates.currency), asc(fxRates.id)).prepare()).all();
  const links = rates.length
    ? prepared("listFxRates:sources", (db) =>
        db
          .select({ fxRateId: fxRateSources.fxRateId, slug: sources.slug })
          .from(fxRateSources)
          .innerJoin(sources, eq(sources.id, fxRateSources.sourceId))
          .where(inIdList(fxRateSources.fxRateId))
          .prepare(),
      ).all({ ids: idList(rates.map((r) => r.id)) })
    : [];
  return rates.map((r) => ({
    currency: r.currency,
    perUsd: r.perUsd,
    asOf: r.asOf,
    basis: r.basis,
    isDefault: r.isDefault,
    note: r.note,
    sources: links.filter((l) => l.fxRateId === r.id).map((l) => l.slug),
  }));
}
