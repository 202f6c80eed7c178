import "server-only";
import { countDeals, type DealView, listDeals } from "./deals";

/**
 * Deals an organization took part in as the investor or a co-investor (listDeals'
 * `organization` filter finds the deals *in* a company). A company page needs both: Alibaba
 * and Alibaba Cloud are investors in most deals and targets of none; Tencent and Geely
 * appear only as co-investors.
 */
export interface ParticipationView extends DealView {
  role: "investor" | "co-investor";
}

/** With `asof`, only the deals a source had published by that day (a past view). */
export function countDealsAsParticipant(slug: string, asof?: string): number {
  return countDeals({ participant: slug, asof });
}

export function listDealsAsParticipant(slug: string, page: { limit?: number; offset?: number } = {}, asof?: string): ParticipationView[] {
  return listDeals({ participant: slug, asof }, { limit: page.limit ?? 100, offset: page.offset ?? 0 }).map((d) => ({
    ...d,
    role: d.investor.slug === slug ? ("investor" as const) : ("co-investor" as const),
  }));
}
