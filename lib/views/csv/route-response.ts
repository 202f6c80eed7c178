/** A CSV file the browser saves under `filename` rather than shows. */
export function csvResponse(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A link the parser cannot read: plain text saying what is wrong, with a 400. */
export function problemsResponse(problems: { param: string; message: string }[]): Response {
  const text = ["These parameters cannot be read:", ...problems.map((p) => `- ${p.param}: ${p.message}`)].join("\n");
  return new Response(`${text}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
