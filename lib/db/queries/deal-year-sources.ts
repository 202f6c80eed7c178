import "server-only";
import type { CitationView } from "./citations";
import { citedDealCounts } from "./deal-stats";
import type { DealFilters } from "./deals";

/** The articles behind each year of the deals-per-year chart: the `sources` of each row of its CSV. */
export function dealSourcesByYear(filters: DealFilters = {}): Map<number, CitationView[]> {
  const out = new Map<number, CitationView[]>();
  for (const { year, ...c } of citedDealCounts(filters, true)) {
    if (year === null) continue;
    out.set(year, [...(out.get(year) ?? []), c]);
  }
  return out;
}
