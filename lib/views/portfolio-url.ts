import type { PortfolioParams } from "@/lib/validation/params";
import { hrefWith } from "@/lib/views/url";

/**
 * Everything /portfolio shows is decided by these, and all of them live in the URL. Layer,
 * relationship and status are multi-value filters in their URL form ("-subsidiary").
 */
export interface PortfolioState {
  layer?: string;
  relationship?: string;
  status?: string;
  segment?: string;
  q?: string;
  /** Absent means the map, the default, so the plain /portfolio link stays short. */
  view?: "table";
  page?: number;
  /** A past view's day; every link of the page keeps it. */
  asof?: string;
}

export const PORTFOLIO_PATH = "/portfolio";
export const TABLE_PAGE_SIZE = 100;
// A map of more tiles than a table page is no longer something anyone scans, while each
// tile costs render time and page weight: "robot" on the synthetic database (7,426
// companies) made a 655 KB page at 200 tiles, most of its ~150 ms of rendering. At one
// table page the map shows what the table's first page lists, and the notice above the
// map points to the table, which pages through everything. The real portfolio (a few
// dozen companies) is always shown whole.
export const MAP_LIMIT = TABLE_PAGE_SIZE;

export function portfolioHref(state: PortfolioState, changes: Partial<Record<keyof PortfolioState, string | number | null>>): string {
  return hrefWith(PORTFOLIO_PATH, { ...state }, changes);
}

export function hasFilters(state: PortfolioState): boolean {
  return Boolean(state.layer || state.relationship || state.status || state.segment || state.q);
}

/** The filters of a portfolio URL: everything but the view and the page. */
export function portfolioFilters({ layer, relationship, status, segment, q, asof }: PortfolioParams) {
  return { layer, relationship, status, segment, q, asof };
}
