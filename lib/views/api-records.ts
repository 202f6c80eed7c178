import "server-only";
import { countDeals, listDeals } from "@/lib/db/queries/deals";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { countOrganizations, listOrganizations } from "@/lib/db/queries/organizations";
import { countPortfolio, listPortfolio } from "@/lib/db/queries/portfolio";
import { listConflicts, listSources } from "@/lib/db/queries/sources";
import { listFinancials, listSpending } from "@/lib/db/queries/spending";
import { dealFilters } from "./deals-url";
import type { ApiParams, ApiResource } from "@/lib/validation/api";

export interface ApiPage {
  rows: object[];
  total: number;
  limit: number;
  offset: number;
  dataAsOf: string | null;
}

const DEFAULT_LIMIT = 100;

/** One page of a resource, fetched through the query layer with the page's own filters. */
export function fetchResource(resource: ApiResource, p: ApiParams): ApiPage {
  const limit = p.limit ?? DEFAULT_LIMIT;
  const offset = p.offset ?? 0;
  const page = { limit, offset };
  const f = p as Record<string, never>;
  const slice = <T>(all: T[]) => ({ rows: all.slice(offset, offset + limit) as object[], total: all.length });
  let result: { rows: object[]; total: number };
  switch (resource) {
    case "organizations": {
      const filters = { kind: f.kind, layer: f.layer, relationship: f.relationship, status: f.status, q: f.q, asof: f.asof };
      result = { rows: listOrganizations(filters, page), total: countOrganizations(filters) };
      break;
    }
    case "positions": {
      const filters = { layer: f.layer, relationship: f.relationship, status: f.status, segment: f.segment, q: f.q, asof: f.asof };
      // kind: what the position is (holding, in-house unit, partner, ...), as the overview counts it.
      result = { rows: listPortfolio(filters, page), total: countPortfolio(filters) };
      break;
    }
    case "deals": {
      const filters = dealFilters({ layer: f.layer, kind: f.kind, status: f.status, from: f.from, to: f.to, organization: f.organization, q: f.q, asof: f.asof });
      result = { rows: listDeals(filters, page), total: countDeals(filters) };
      break;
    }
    case "financials":
      result = slice(listFinancials({ organization: f.organization, metric: f.metric, asof: f.asof }));
      break;
    case "spending":
      result = slice(listSpending({ scope: f.scope, kind: f.kind, organization: f.organization, fromYear: f.from, toYear: f.to, asof: f.asof }));
      break;
    case "sources":
      result = slice(listSources(f.asof));
      break;
    case "conflicts":
      result = slice(listConflicts({ organization: f.organization, asof: f.asof }));
      break;
  }
  return { ...result, limit, offset, dataAsOf: getDataAsOf(f.asof) };
}
