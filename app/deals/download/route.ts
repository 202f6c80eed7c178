import type { NextRequest } from "next/server";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { dealFilters } from "@/lib/views/deals-url";
import { dealsPerYear, dealsSelectionFile } from "@/lib/views/sections/deals";
import { parseDealsDownloadParams, rawParams } from "@/lib/validation/params";

/**
 * The files behind /deals' downloads: every deal matching the filters, in the table's sort
 * order (the timeline's when no sort is given), not only the page on screen; or with
 * `table=per-year` the deals-per-year chart's rows (and its sources, `format=sources`).
 * Served as a file so the page stays small and the link works without JavaScript.
 */
export function GET(request: NextRequest): Promise<Response> {
  return serveTableFile(
    request.nextUrl,
    () => parseDealsDownloadParams(rawParams(request.nextUrl)),
    ({ table, ...params }) => (table === "per-year" ? dealsPerYear(dealFilters(params)).file() : dealsSelectionFile(dealFilters(params), params.sort)),
  );
}
