import type { NextRequest } from "next/server";
import { capexSelection } from "@/lib/views/capex";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { capexTable } from "@/lib/views/sections/capex";
import { parseCapexParams, rawParams } from "@/lib/validation/params";

/**
 * The table of the /capex view its parameters select (group, mode, currency, scope, kind,
 * asof: the page's own), as CSV, Excel (`format=xlsx`) or its chart's sources
 * (`format=sources`). Each view shows one table, so no `table` parameter is needed.
 */
export function GET(request: NextRequest): Promise<Response> {
  return serveTableFile(request.nextUrl, () => parseCapexParams(rawParams(request.nextUrl)), (p) => capexTable(capexSelection(p)));
}
