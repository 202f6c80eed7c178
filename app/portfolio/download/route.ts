import type { NextRequest } from "next/server";
import { portfolioCsv, portfolioCsvName, PORTFOLIO_CSV_LIMIT } from "@/lib/views/csv/portfolio";
import { downloadCsvText, downloadName } from "@/lib/views/csv/download";
import { csvResponse, problemsResponse } from "@/lib/views/csv/route-response";
import { portfolioFilters } from "@/lib/views/portfolio-url";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { countPortfolio, listPortfolio } from "@/lib/db/queries/portfolio";
import { parsePortfolioParams, rawParams } from "@/lib/validation/params";

/**
 * The CSV behind /portfolio's "Download CSV": every company of the current selection (all
 * filters, not just the table page), built on the server so the page does not carry
 * thousands of rows it never shows, and a plain link works without JavaScript.
 */
export function GET(request: NextRequest): Response {
  const parsed = parsePortfolioParams(rawParams(request.nextUrl));
  if (!parsed.ok) return problemsResponse(parsed.problems);
  const filters = portfolioFilters(parsed.data);
  const companies = listPortfolio(filters, { limit: PORTFOLIO_CSV_LIMIT });
  const truncated = countPortfolio(filters) > companies.length;
  const dataAsOf = getDataAsOf();
  return csvResponse(downloadCsvText(portfolioCsv(companies), dataAsOf), downloadName(portfolioCsvName(filters, truncated), dataAsOf, "csv"));
}
