import type { DealFilters } from "@/lib/db/queries/deals";
import { formatFacet } from "@/lib/domain/facets";
import type { DealsParams } from "@/lib/validation/params";

/**
 * The deals page's state as it appears in the URL, for building links: layer, kind and
 * status are multi-value filters in their URL form ("acquisition,-rumoured-investment").
 */
export interface DealsUrlState {
  layer?: string;
  kind?: string;
  status?: string;
  from?: number;
  to?: number;
  q?: string;
  /** Absent: the timeline. */
  view?: "table";
  /** The table's sort column, "-" for descending; absent: by date, oldest first. */
  sort?: string;
  /** A past view's day; every link of the page keeps it. */
  asof?: string;
}

/** Parsed URL parameters back to their URL form (the page number is not part of the state). */
export function dealsUrlState({ layer, kind, status, from, to, q, view, sort, asof }: Omit<DealsParams, "page">): DealsUrlState {
  const table = view === "table";
  return {
    layer: formatFacet(layer),
    kind: formatFacet(kind),
    status: formatFacet(status),
    from,
    to,
    q,
    view: table ? "table" : undefined,
    sort: table && sort && sort !== "date" ? sort : undefined,
    asof,
  };
}

/** URL filters to query filters: the URL's `from`/`to` are years; the view and sort are not filters. */
export function dealFilters({ layer, kind, status, from, to, q, organization, asof }: Omit<DealsParams, "page" | "view" | "sort"> & { organization?: string }): DealFilters {
  return { layer, kind, status, q, organization, fromYear: from, toYear: to, asof };
}
