/** Every route a visitor or a client can reach, for the fuzz and load tests. */
export const PAGE_ROUTES = ["/", "/portfolio", "/capex", "/deals", "/sources", "/api", "/companies/unitree", "/search", "/changes"];
/** Routes that answer with a file to save: one per page that offers downloads, each with a table it serves. */
export const DOWNLOAD_ROUTES = [
  "/portfolio/download",
  "/deals/download",
  "/download?table=recent-deals",
  "/capex/download",
  "/sources/download?table=conflicts",
  "/companies/unitree/download?table=deals",
];
export const API_ROUTES = [
  "/api/v1/organizations",
  "/api/v1/positions",
  "/api/v1/deals",
  "/api/v1/financials",
  "/api/v1/spending",
  "/api/v1/sources",
  "/api/v1/conflicts",
];
export const ALL_ROUTES = [...PAGE_ROUTES, ...DOWNLOAD_ROUTES, ...API_ROUTES];

/** Parameter names the routes know, so the fuzzer hits real parsing paths, not only ignored keys. */
export const PARAM_NAMES = [
  "layer", "relationship", "status", "segment", "q", "view", "page", "kind", "from", "to",
  "mode", "currency", "scope", "limit", "offset", "format", "organization", "metric", "asof", "revision", "utm_source",
];
