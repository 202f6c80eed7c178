import type { NextRequest } from "next/server";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { sourcesTable } from "@/lib/views/sections/sources";
import { parseSourcesDownloadParams, rawParams } from "@/lib/validation/params";

/** /sources' tables as files: `table=conflicts` (one row per claim) or `table=fx-rates`, with the page's `asof`. */
export function GET(request: NextRequest): Promise<Response> {
  return serveTableFile(request.nextUrl, () => parseSourcesDownloadParams(rawParams(request.nextUrl)), (p) => sourcesTable(p.table!, p.asof));
}
