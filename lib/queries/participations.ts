import "server-only";
import { asc, count, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { dealCoInvestors, dealTerms, deals, organizations, positions } from "@/db/schema";
import { citationsFor } from "./citations";
import type { DealView } from "./deals";

/**
 * Deals an organization took part in as the investor or a co-investor (listDeals'
 * `organization` filter finds the deals *in* a company). A company page needs both: Alibaba
 * and Alibaba Cloud are investors in most deals and targets of none; Tencent and Geely
 * appear only as co-investors.
 */
export interface ParticipationView extends DealView {
  role: "investor" | "co-investor";
}

const investor = alias(organizations, "investor");

function participationCondition(orgId: number) {
  return or(
    eq(deals.investorId, orgId),
    sql`EXISTS (SELECT 1 FROM ${dealCoInvestors} WHERE ${dealCoInvestors.dealId} = ${deals.id} AND ${dealCoInvestors.organizationId} = ${orgId})`,
  );
}

function orgId(slug: string): number | null {
  return getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)).get()?.id ?? null;
}

export function countDealsAsParticipant(slug: string): number {
  const id = orgId(slug);
  if (id === null) return 0;
  return getDb().select({ n: count() }).from(deals).where(participationCondition(id)).get()?.n ?? 0;
}

export function listDealsAsParticipant(slug: string, page: { limit?: number; offset?: number } = {}): ParticipationView[] {
  const id = orgId(slug);
  if (id === null) return [];
  const db = getDb();
  const rows = db
    .select({
      id: deals.id,
      slug: deals.slug,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      investorId: deals.investorId,
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
    .where(participationCondition(id))
    .orderBy(sql`${deals.sortDate} IS NULL`, asc(deals.sortDate), asc(deals.id))
    .limit(page.limit ?? 100)
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

  return rows.map(({ orgSlug, orgName, investorId, investorSlug, investorName, ...r }) => ({
    ...r,
    role: investorId === id ? ("investor" as const) : ("co-investor" as const),
    organization: { slug: orgSlug, name: orgName },
    investor: { slug: investorSlug, name: investorName },
    coInvestors: co.filter((c) => c.dealId === r.id).map(({ slug: s, name }) => ({ slug: s, name })),
    terms: terms.filter((t) => t.dealId === r.id).map((t) => t.term),
    citations: cites.get(r.id) ?? [],
  }));
}
