import { getDataAsOf } from "@/lib/db/queries/meta";
import { withSnapshot } from "@/lib/db/queries/snapshot";
import type { ParamProblem, ParseResult } from "@/lib/validation/params";
import { downloadXlsxBytes, xlsxResponse } from "@/lib/views/spreadsheet";
import { downloadName } from "@/lib/views/file-name";
import { downloadCsvText, type TableFile } from "./download";

const FILE_FORMATS = ["csv", "xlsx"] as const;
/** `sources`: a chart's source texts, which its SVG and PNG export (components/download-buttons.tsx) fetches on click. */
const CHART_FORMATS = [...FILE_FORMATS, "sources"] as const;
type Format = (typeof CHART_FORMATS)[number];

/** The `format` of a download route: csv (the default) or xlsx, or `sources` where a route serves charts; anything else is a problem. */
export function downloadFormat<F extends Format>(
  url: URL,
  formats: readonly F[] = FILE_FORMATS as readonly Format[] as readonly F[],
): { ok: true; format: F } | { ok: false; problems: ParamProblem[] } {
  const all = url.searchParams.getAll("format");
  if (all.length > 1) return { ok: false, problems: [{ param: "format", message: "given more than once; give it once" }] };
  const value = all[0] ?? "csv";
  if ((formats as readonly string[]).includes(value)) return { ok: true, format: value as F };
  return { ok: false, problems: [{ param: "format", message: `not one of the allowed values: ${formats.join(", ")}` }] };
}

/** A CSV file the browser saves under `filename` rather than shows (proxy.ts adds its validator and Cache-Control). */
export function csvResponse(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}

/**
 * A link the parser cannot read: plain text saying what is wrong (and what is allowed), with a
 * 400. No Cache-Control of its own: proxy.ts gives every file answer, refusals included, the
 * validator of the build and the data, which overrides a route's headers. A refusal is as much
 * a function of the link, the build and the data as the file is, so a cache may keep it and
 * must revalidate it like the file (README, "Running behind a proxy or CDN").
 */
export function problemsResponse(problems: ParamProblem[]): Response {
  const line = (p: ParamProblem) => `- ${p.param}: ${p.message}${p.allowed && !p.message.includes("allowed values:") ? ` (allowed: ${p.allowed.join(", ")})` : ""}`;
  const text = ["These parameters cannot be read:", ...problems.map(line)].join("\n");
  return new Response(`${text}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A table as the file asked for: the CSV or Excel bytes the page's link names. */
export async function tableFileResponse(file: TableFile, format: "csv" | "xlsx", asof?: string): Promise<Response> {
  const dataAsOf = getDataAsOf(asof);
  if (format === "xlsx") return xlsxResponse(await downloadXlsxBytes(file.data, dataAsOf, file.name), downloadName(file.name, dataAsOf, "xlsx", asof));
  return csvResponse(downloadCsvText(file.data, dataAsOf), downloadName(file.name, dataAsOf, "csv", asof));
}

/**
 * The body of every page's table download route (app/…/download/route.ts): the page's own
 * parameters plus `table` are read by `parse` (a 400 naming each problem), `build` loads
 * the table from one snapshot of the data (or says what does not exist: a 404), and the
 * answer is its CSV, its Excel file, or a chart's source texts as JSON.
 */
export function serveTableFile<T extends { asof?: string }>(url: URL, parse: () => ParseResult<T>, build: (params: T) => TableFile | { missing: string }): Promise<Response> {
  return withSnapshot(async () => {
    const parsed = parse();
    const format = downloadFormat(url, CHART_FORMATS);
    if (!parsed.ok || !format.ok) return problemsResponse([...(parsed.ok ? [] : parsed.problems), ...(format.ok ? [] : format.problems)]);
    const file = build(parsed.data);
    if ("missing" in file) return new Response(`${file.missing}\n`, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (format.format !== "sources") return tableFileResponse(file, format.format, parsed.data.asof);
    if (!file.chartSources) return problemsResponse([{ param: "format", message: "this table has no chart; give csv or xlsx" }]);
    return Response.json(file.chartSources);
  });
}
