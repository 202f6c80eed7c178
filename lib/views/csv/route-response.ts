/** The `format` of a download route: csv (the default) or xlsx; anything else is a problem. */
export function downloadFormat(url: URL): { ok: true; format: "csv" | "xlsx" } | { ok: false; problems: { param: string; message: string }[] } {
  const all = url.searchParams.getAll("format");
  if (all.length > 1) return { ok: false, problems: [{ param: "format", message: "given more than once; give it once" }] };
  const value = all[0] ?? "csv";
  if (value === "csv" || value === "xlsx") return { ok: true, format: value };
  return { ok: false, problems: [{ param: "format", message: "not one of the allowed values: csv, xlsx" }] };
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

/** A link the parser cannot read: plain text saying what is wrong, with a 400. */
export function problemsResponse(problems: { param: string; message: string }[]): Response {
  const text = ["These parameters cannot be read:", ...problems.map((p) => `- ${p.param}: ${p.message}`)].join("\n");
  return new Response(`${text}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
