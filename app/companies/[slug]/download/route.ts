import type { NextRequest } from "next/server";
import { serveTableFile } from "@/lib/views/csv/route-response";
import { companyTable } from "@/lib/views/sections/company";
import { getOrganizationBySlug } from "@/lib/db/queries/organizations";
import { parseCompanyDownloadParams, rawParams, slugParam } from "@/lib/validation/params";

/**
 * A company page's tables as files: `table=deals|deals-joined|financials|spending`, or
 * `table=financial-chart&chart=<metric-unit>` for one chart's bars (`format=sources` gives
 * the sources its image names); `asof` for a past view. An unknown company is a 404, like its page.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return serveTableFile(
    request.nextUrl,
    () => parseCompanyDownloadParams(rawParams(request.nextUrl)),
    (p) => {
      // A malformed slug cannot name a company: missing, as on the page.
      const org = slugParam.safeParse(slug).success ? getOrganizationBySlug(slug) : null;
      return org ? companyTable(org, p.table!, p.chart, p.asof) : { missing: "No company by that name." };
    },
  );
}
