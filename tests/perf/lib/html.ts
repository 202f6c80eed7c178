/**
 * The external scripts a modern browser loads for a page, in document order, without
 * duplicates. `nomodule` scripts (legacy polyfills) are skipped: browsers that run ES
 * modules never download them.
 */
export function scriptSrcs(html: string, { includeNoModule = false } = {}): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*?)\bsrc=(?:"([^"]+)"|'([^']+)')([^>]*)>/gi)) {
    const attrs = `${m[1]} ${m[4]}`;
    if (!includeNoModule && /\bnomodule\b/i.test(attrs)) continue;
    const src = (m[2] ?? m[3]!).replace(/&amp;/g, "&");
    if (!out.includes(src)) out.push(src);
  }
  return out;
}

/** Bytes of inline <script> bodies (the RSC payload and bootstrap Next inlines into the HTML). */
export function inlineScriptBytes(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) n += Buffer.byteLength(m[1]!);
  return n;
}

/** A page draws a chart when it renders a ChartFigure's fixed-height box. */
export function hasCharts(html: string): boolean {
  return /class="[^"]*\bchart-box\b/.test(html);
}

/** A file-name-safe id for a route: "/portfolio?layer=a" -> "portfolio-layer-a". */
export function routeSlug(routePath: string): string {
  return routePath.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "index";
}
