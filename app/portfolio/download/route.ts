import type { NextRequest } from "next/server";
import { portfolioCsv, portfolioCsvName, PORTFOLIO_CSV_LIMIT } from "@/lib/views/csv/portfolio";
import { downloadCsvText, downloadName } from "@/lib/views/csv/download";
import { csvResponse, downloadFormat, problemsResponse } from "@/lib/views/csv/route-response";
import { portfolioFilters } from "@/lib/views/portfolio-url";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { countPortfolio, listPortfolio } from "@/lib/db/queries/portfolio";
import { withSnapshot } from "@/lib/db/queries/snapshot";
import { parsePortfolioParams, rawParams } from "@/lib/validation/params";
import { downloadXlsxBytes, xlsxResponse } from "@/lib/views/spreadsheet";

/**
 * The CSV behind /portfolio's "Download CSV": every company of the current selection (all
 * filters, not just the table page), built on the server so the page does not carry
 * thousands of rows it never shows, and a plain link works without JavaScript.
 */
export function GET(request: NextRequest): Promise<Response> {
  return withSnapshot(async () => {
    const parsed = parsePortfolioParams(rawParams(request.nextUrl));
    const format = downloadFormat(request.nextUrl);
    if (!parsed.ok || !format.ok) return problemsResponse([...(parsed.ok ? [] : parsed.problems), ...(format.ok ? [] : format.problems)]);
    const filters = portfolioFilters(parsed.data);
    const companies = listPortfolio(filters, { limit: PORTFOLIO_CSV_LIMIT });
    const truncated = countPortfolio(filters) > companies.length;
    const dataAsOf = getDataAsOf();
    const name = portfolioCsvName(filters, truncated);
    if (format.format === "xlsx") return xlsxResponse(await downloadXlsxBytes(portfolioCsv(companies), dataAsOf, name), downloadName(name, dataAsOf, "xlsx"));
    return csvResponse(downloadCsvText(portfolioCsv(companies), dataAsOf), downloadName(name, dataAsOf, "csv"));
  });
}
