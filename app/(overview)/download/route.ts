import type { NextRequest } from "next/server";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { overviewTable } from "@/lib/views/sections/overview";
import { parseOverviewDownloadParams, rawParams } from "@/lib/validation/params";

/**
 * The overview's tables as files (`/download?table=pledge|portfolio|competitors|recent-deals`,
 * `asof` for a past view, `format=xlsx` for Excel): served, not built in the browser, so the
 * page does not carry its rows and citations in its payload and the links work without JavaScript.
 */
export function GET(request: NextRequest): Promise<Response> {
  return serveTableFile(request.nextUrl, () => parseOverviewDownloadParams(rawParams(request.nextUrl)), (p) => overviewTable(p.table!, p.asof));
}
