import type { RawParams } from "@/lib/validation/params";

/** A URL's query string in the shape the page parsers take (repeated keys become lists). */
export function rawParams(url: URL): RawParams {
  const raw: RawParams = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return raw;
}

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
