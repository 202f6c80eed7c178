import type { TableFile } from "@/lib/views/csv/download";
import { dealsCsv } from "@/lib/views/csv/deals";
import { financialSeriesCsv, financialsCsv, spendingCsv } from "@/lib/views/csv/company";
import { uniqueCitations } from "@/lib/views/capex";
import { citationTexts } from "@/lib/domain/words";
import { metricLabel } from "@/lib/domain/figures";
import { countDeals, type DealView, listDeals } from "@/lib/db/queries/deals";
import { countDealsAsParticipant, listDealsAsParticipant } from "@/lib/db/queries/participations";
import { type FinancialView, listFinancials, listSpending } from "@/lib/db/queries/spending";
import type { COMPANY_TABLES } from "@/lib/validation/params";

/**
 * A company page's tables, each read by one function that the page
 * (app/companies/[slug]/page.tsx) and its download route (app/companies/[slug]/download)
 * both call, so a file holds exactly the rows the page lists, under the page's names.
 */

// A company page lists its deals in full up to this many; beyond it, /deals pages through them.
export const DEAL_LIMIT = 100;

type Org = { slug: string; name: string };

/** The deals in a company, oldest first, up to DEAL_LIMIT; the name says when the list is cut. */
export function companyDeals(org: Org, asof: string | undefined) {
  const deals = listDeals({ organization: org.slug, asof }, { limit: DEAL_LIMIT });
  const total = countDeals({ organization: org.slug, asof });
  const file = (): TableFile => ({ name: `deals in ${org.name}${total > deals.length ? ` first ${deals.length}` : ""}`, data: dealsCsv(deals) });
  return { deals, total, file };
}

/** The deals a company took part in as the investor or a co-investor, with the part it played. */
export function companyJoinedDeals(org: Org, asof: string | undefined) {
  const joined = listDealsAsParticipant(org.slug, { limit: DEAL_LIMIT }, asof);
  const total = countDealsAsParticipant(org.slug, asof);
  const roleOf = (d: DealView) => (d.investor.slug === org.slug ? "As investor" : "As co-investor");
  const file = (): TableFile => ({ name: `deals ${org.name} took part in${total > joined.length ? ` first ${joined.length}` : ""}`, data: dealsCsv(joined, roleOf) });
  return { joined, total, roleOf, file };
}

/** The newest dated deal of a list, or null when none is dated. */
function newestDated(deals: readonly DealView[]): DealView | null {
  return deals.filter((d) => d.date).reduce<DealView | null>((best, d) => (!best || d.date! > best.date! ? d : best), null);
}

export interface LatestDeal {
  deal: DealView;
  /** Its own deal (the deals section), or one it took part in (the joined section). */
  own: boolean;
  /** Whether its section lists it (only the oldest DEAL_LIMIT are). */
  listed: boolean;
}

/**
 * The company's latest dated deal, its own or one it took part in, for the page's summary;
 * `own` says which section lists (and sources) it. The lists on the page are the oldest
 * DEAL_LIMIT, so past that the newest is read apart (newest first, one row): the oldest
 * list's last deal was 2010 for a company with deals up to 2025 on the scale database.
 */
export function companyLatestDeal(
  org: Org,
  asof: string | undefined,
  own: { deals: DealView[]; total: number },
  joined: { joined: DealView[]; total: number },
): LatestDeal | null {
  const ownNewest = newestDated(own.total > own.deals.length ? listDeals({ organization: org.slug, asof }, { limit: 1, order: "recent" }) : own.deals);
  const joinedNewest = newestDated(joined.total > joined.joined.length ? listDeals({ participant: org.slug, asof }, { limit: 1, order: "recent" }) : joined.joined);
  const isOwn = ownNewest !== null && (!joinedNewest || ownNewest.date! >= joinedNewest.date!);
  const deal = isOwn ? ownNewest : joinedNewest;
  if (!deal) return null;
  return { deal, own: isOwn, listed: (isOwn ? own.deals : joined.joined).some((d) => d.slug === deal.slug) };
}

export const financialsFile = (org: Org, figures: FinancialView[]): TableFile => ({ name: `${org.name} financial figures`, data: financialsCsv(figures) });
export const spendingFile = (org: Org, statements: Parameters<typeof spendingCsv>[0]): TableFile => ({ name: `${org.name} spending statements`, data: spendingCsv(statements) });

export type FinancialGroup = { key: string; metric: string; unit: string; figures: FinancialView[] };

/** A period's length in days, or null when the source gives no dates. */
function periodDays(f: FinancialView): number | null {
  if (!f.periodStart || !f.periodEnd) return null;
  return (Date.parse(f.periodEnd) - Date.parse(f.periodStart)) / 86_400_000 + 1;
}

/**
 * Why a group's figures cannot share a bar chart's axis, or null when they can: readings of
 * a single day are points, not bars; a cumulative figure over years and one quarter are not
 * comparable heights; a period without dates cannot be compared at all. Such groups stay in
 * the table, and the page says why they are not drawn.
 */
export function whyNotCharted(figures: FinancialView[]): string | null {
  const days = figures.map(periodDays);
  if (days.some((d) => d === null)) return "at least one figure has no dated period, so the periods cannot be compared";
  if (days.every((d) => d === 1)) return "every figure is a reading of a single day: the values are listed in the table, not drawn as bars";
  const lengths = days as number[];
  if (Math.max(...lengths) > 1.5 * Math.min(...lengths)) {
    return `the periods differ in length (${figures.map((f) => f.periodLabel).join("; ")}), so bars of them on one axis would mislead`;
  }
  return null;
}

/** Metric-and-unit groups with two or more figures: the only ones worth drawing, split by whether they can be. */
export function financialSeries(figures: FinancialView[]): { charted: FinancialGroup[]; skipped: (FinancialGroup & { reason: string })[] } {
  const groups = new Map<string, FinancialView[]>();
  for (const f of figures) groups.set(`${f.metric}|${f.unit}`, [...(groups.get(`${f.metric}|${f.unit}`) ?? []), f]);
  const all = [...groups]
    .filter(([, list]) => list.length >= 2)
    .map(([key, list]) => ({ key: key.replace("|", "-").toLowerCase(), metric: list[0]!.metric, unit: list[0]!.unit, figures: list }));
  const charted: FinancialGroup[] = [];
  const skipped: (FinancialGroup & { reason: string })[] = [];
  for (const g of all) {
    const reason = whyNotCharted(g.figures);
    if (reason) skipped.push({ ...g, reason });
    else charted.push(g);
  }
  return { charted, skipped };
}

/** One financial chart's file name, which its CSV, SVG and PNG share. */
export const financialChartName = (companyName: string, group: FinancialGroup) => `${companyName} ${metricLabel(group.metric)} ${group.unit}`;

/** One financial chart's rows (a bar per period) and the sources its image names. */
export function financialChartFile(org: Org, group: FinancialGroup): TableFile {
  return {
    name: financialChartName(org.name, group),
    data: financialSeriesCsv(group.figures),
    chartSources: citationTexts(uniqueCitations(group.figures.flatMap((f) => f.citations))),
  };
}

/** A company page's table by its `table` parameter, or what the company does not have. */
export function companyTable(org: Org, table: (typeof COMPANY_TABLES)[number], chart: string | undefined, asof: string | undefined): TableFile | { missing: string } {
  switch (table) {
    case "deals":
      return companyDeals(org, asof).file();
    case "deals-joined":
      return companyJoinedDeals(org, asof).file();
    case "financials":
      return financialsFile(org, listFinancials({ organization: org.slug, asof }));
    case "spending":
      return spendingFile(org, listSpending({ organization: org.slug, asof }));
    case "financial-chart": {
      const group = financialSeries(listFinancials({ organization: org.slug, asof })).charted.find((g) => g.key === chart);
      return group ? financialChartFile(org, group) : { missing: `${org.name} has no financial chart "${chart}".` };
    }
  }
}
