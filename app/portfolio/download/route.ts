import type { NextRequest } from "next/server";
import { portfolioCsv, portfolioCsvName, PORTFOLIO_CSV_LIMIT } from "@/lib/views/csv/portfolio";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { portfolioFilters } from "@/lib/views/portfolio-url";
import { countPortfolio, listPortfolio } from "@/lib/db/queries/portfolio";
import { parsePortfolioParams, rawParams } from "@/lib/validation/params";

/**
 * The CSV behind /portfolio's "Download CSV": every company of the current selection (all
 * filters, not just the table page), built on the server so the page does not carry
 * thousands of rows it never shows, and a plain link works without JavaScript.
 */
export function GET(request: NextRequest): Promise<Response> {
  return serveTableFile(request.nextUrl, () => parsePortfolioParams(rawParams(request.nextUrl)), (params) => {
    const filters = portfolioFilters(params);
    const companies = listPortfolio(filters, { limit: PORTFOLIO_CSV_LIMIT });
    return { name: portfolioCsvName(filters, countPortfolio(filters) > companies.length), data: portfolioCsv(companies) };
  });
}
