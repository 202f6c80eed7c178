import type { NextRequest } from "next/server";
import { portfolioCsv, portfolioCsvName, PORTFOLIO_CSV_LIMIT } from "@/components/portfolio/portfolio-csv";
import { downloadCsvText, downloadName } from "@/lib/csv/download";
import { csvResponse, downloadFormat, problemsResponse, rawParams } from "@/lib/csv/route-response";
import { downloadXlsxBytes, xlsxResponse } from "@/lib/views/spreadsheet";
import { getDataAsOf } from "@/lib/queries/meta";
import { countPortfolio, listPortfolio } from "@/lib/queries/portfolio";
import { parsePortfolioParams } from "@/lib/validation/params";

/**
 * The CSV behind /portfolio's "Download CSV": every company of the current selection (all
 * filters, not just the table page), built on the server so the page does not carry
 * thousands of rows it never shows, and a plain link works without JavaScript.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parsePortfolioParams(rawParams(request.nextUrl));
  const format = downloadFormat(request.nextUrl);
  if (!parsed.ok || !format.ok) return problemsResponse([...(parsed.ok ? [] : parsed.problems), ...(format.ok ? [] : format.problems)]);
  const { layer, relationship, status, segment, q } = parsed.data;
  const filters = { layer, relationship, status, segment, q };
  const companies = listPortfolio(filters, { limit: PORTFOLIO_CSV_LIMIT });
  const truncated = countPortfolio(filters) > companies.length;
  const dataAsOf = getDataAsOf();
  const name = portfolioCsvName(filters, truncated);
  if (format.format === "xlsx") return xlsxResponse(await downloadXlsxBytes(portfolioCsv(companies), dataAsOf, name), downloadName(name, dataAsOf, "xlsx"));
  return csvResponse(downloadCsvText(portfolioCsv(companies), dataAsOf), downloadName(name, dataAsOf, "csv"));
}
