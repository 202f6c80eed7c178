import type { NextRequest } from "next/server";
import { dealSortOf, dealsCsv, dealsCsvName, DEALS_CSV_LIMIT } from "@/lib/views/csv/deals";
import { downloadCsvText, downloadName } from "@/lib/views/csv/download";
import { csvResponse, downloadFormat, problemsResponse } from "@/lib/views/csv/route-response";
import { countDeals, listDeals } from "@/lib/db/queries/deals";
import { dealFilters } from "@/lib/views/deals-url";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { withSnapshot } from "@/lib/db/queries/snapshot";
import { parseDealsParams, rawParams } from "@/lib/validation/params";
import { buildFxTable } from "@/lib/domain/money";
import { listFxRates } from "@/lib/db/queries/spending";
import { downloadXlsxBytes, xlsxResponse } from "@/lib/views/spreadsheet";

/**
 * The file behind /deals' "Download CSV" and "Download Excel": every deal matching the
 * filters, in the table's sort order (the timeline's when no sort is given), not only the
 * page on screen. Served as a file so the page stays small and the link works without
 * JavaScript.
 */
export function GET(request: NextRequest): Promise<Response> {
  return withSnapshot(async () => {
    const parsed = parseDealsParams(rawParams(request.nextUrl));
    const format = downloadFormat(request.nextUrl);
    if (!parsed.ok || !format.ok) return problemsResponse([...(parsed.ok ? [] : parsed.problems), ...(format.ok ? [] : format.problems)]);
    const { sort } = parsed.data;
    const filters = dealFilters(parsed.data);
    const deals = listDeals(filters, { limit: DEALS_CSV_LIMIT, order: "timeline", sort: sort ? dealSortOf(sort) : undefined });
    const truncated = countDeals(filters) > deals.length;
    const dataAsOf = getDataAsOf();
    const data = dealsCsv(deals, undefined, buildFxTable(listFxRates()));
    const name = dealsCsvName(filters, truncated, "deals", sort);
    if (format.format === "xlsx") return xlsxResponse(await downloadXlsxBytes(data, dataAsOf, name), downloadName(name, dataAsOf, "xlsx"));
    return csvResponse(downloadCsvText(data, dataAsOf), downloadName(name, dataAsOf, "csv"));
  });
}
