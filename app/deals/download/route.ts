import type { NextRequest } from "next/server";
import { dealsCsv, dealsCsvName, DEALS_CSV_LIMIT } from "@/lib/views/csv/deals";
import { downloadCsvText, downloadName } from "@/lib/views/csv/download";
import { csvResponse, problemsResponse } from "@/lib/views/csv/route-response";
import { countDeals, listDeals } from "@/lib/db/queries/deals";
import { dealFilters } from "@/lib/views/deals-url";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { parseDealsParams, rawParams } from "@/lib/validation/params";

/**
 * The CSV behind the timeline's "Download CSV": every deal matching the filters, in
 * timeline order, not only the page on screen. Served as a file so the page stays small
 * and the link works without JavaScript.
 */
export function GET(request: NextRequest): Response {
  const parsed = parseDealsParams(rawParams(request.nextUrl));
  if (!parsed.ok) return problemsResponse(parsed.problems);
  const filters = dealFilters(parsed.data);
  const deals = listDeals(filters, { limit: DEALS_CSV_LIMIT, order: "timeline" });
  const truncated = countDeals(filters) > deals.length;
  const dataAsOf = getDataAsOf();
  return csvResponse(downloadCsvText(dealsCsv(deals), dataAsOf), downloadName(dealsCsvName(filters, truncated), dataAsOf, "csv"));
}
