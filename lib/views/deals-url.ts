import type { DealFilters } from "@/lib/db/queries/deals";
import type { DealsParams } from "@/lib/validation/params";

/** The deal filters as they appear in the URL (the page number is not a filter). */
export type DealsUrlState = Omit<DealsParams, "page">;

/** URL filters to query filters: the URL's `from`/`to` are years. */
export function dealFilters({ from, to, ...rest }: DealsUrlState & { organization?: string }): DealFilters {
  return { ...rest, fromYear: from, toYear: to };
}
