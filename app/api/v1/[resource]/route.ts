import { type NextRequest, NextResponse } from "next/server";
import { downloadName } from "@/lib/views/file-name";
import { fetchResource } from "@/lib/views/api-records";
import { withSnapshot } from "@/lib/db/queries/snapshot";
import { toCsv } from "@/lib/domain/csv";
import { API_RESOURCES, describeParams, parseApiParams, resourceParam } from "@/lib/validation/api";
import { rawParams } from "@/lib/validation/params";

export async function GET(request: NextRequest, { params }: { params: Promise<{ resource: string }> }) {
  const { resource: name } = await params;
  const resource = resourceParam.safeParse(name);
  if (!resource.success) {
    return NextResponse.json(
      { error: "not_found", message: "No such resource.", resources: Object.keys(API_RESOURCES), documentation: "/api" },
      { status: 404 },
    );
  }
  const parsed = parseApiParams(resource.data, rawParams(request.nextUrl));
  if (!parsed.ok) {
    return NextResponse.json(
      {
        error: "invalid_parameter",
        message: "Some parameters cannot be read; see problems.",
        problems: parsed.problems.map(({ param, message }) => ({
          param,
          message,
          allowed: describeParams(resource.data).find((d) => d.name === param)?.allowed ?? null,
        })),
        documentation: "/api",
      },
      { status: 400 },
    );
  }

  const page = await withSnapshot(() => fetchResource(resource.data, parsed.data));
  if (parsed.data.format === "csv") {
    const date = page.dataAsOf ?? "undated";
    return new NextResponse(toCsv(page.rows as Record<string, unknown>[], { data_as_of: date }), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${downloadName(resource.data, date, "csv", typeof parsed.data.asof === "string" ? parsed.data.asof : undefined)}"`,
      },
    });
  }
  const next = page.offset + page.limit < page.total ? page.offset + page.limit : null;
  const nextUrl = new URL(request.nextUrl);
  if (next !== null) nextUrl.searchParams.set("offset", String(next));
  return NextResponse.json({
    data: page.rows,
    meta: {
      resource: resource.data,
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      next: next === null ? null : `${nextUrl.pathname}${nextUrl.search}`,
      dataAsOf: page.dataAsOf,
      note: "Every record carries the citations of the articles that state it. Amounts are in the currency the source used.",
    },
  });
}
