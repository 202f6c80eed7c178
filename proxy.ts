import { type NextRequest, NextResponse } from "next/server";
import { dataValidator, DATA_VERSION_PATH, isMalformedPath, noStore, preconditionMatches, sharedCacheHeaders } from "@/lib/http/validators";
import { PAGE_PARSERS, parseAsofParams, rawParams } from "@/lib/validation/params";
import { MAX_SEARCHES, searchesRunning } from "@/lib/db/search-load";
import { PAGE_URL_HEADER } from "@/lib/http/page-url";

function plain(status: number, text: string, extra: Record<string, string> = {}): NextResponse {
  return new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore(), ...extra } });
}

/**
 * Runs before every page, API answer and download (not Next's static files):
 * - refuses what no page can answer (TRACE, a path that is not valid percent-encoding)
 *   with a 4xx instead of letting it reach a render;
 * - gives every answer a validator tied to the build and the data (lib/http/validators.ts)
 *   and answers a matching If-None-Match with 304 before anything renders, so a repeat
 *   view, a browser's revalidation or a proxy's costs one SQLite read;
 * - refuses a search with a 503 while MAX_SEARCHES are running (lib/db/search-load.ts);
 * - pages cannot set their own status code, so for a link the page's parser cannot read
 *   it runs the same parser and lets the page render its explanation with a 400 (the
 *   status of the `next()` answer; a rewrite to the same URL did the same under the
 *   default binding, but bound to one address, `-H 127.0.0.1`, Next compared the proxy's
 *   "localhost" URL with the request's and fetched the rewrite as another host's: a 500).
 */
export function proxy(request: NextRequest) {
  const method = request.method;
  if (method !== "GET" && method !== "HEAD") {
    return plain(405, `${method} is not supported here.`, { Allow: "GET, HEAD" });
  }
  if (isMalformedPath(request.nextUrl.pathname)) {
    return plain(400, "This address is not valid percent-encoding; check the link.");
  }

  if (request.nextUrl.pathname === "/search" && request.nextUrl.searchParams.get("q")?.trim() && searchesRunning() >= MAX_SEARCHES) {
    // Searches run on a few worker threads with a cap (lib/db/read-pool.ts): past it, say
    // so now, uncached, rather than queue without end or render a page a cache would keep.
    return plain(503, "Too many searches are running right now. Try again in a moment.", { "Retry-After": "1" });
  }
  const validator = dataValidator(request.nextUrl, request.headers);
  if (request.nextUrl.pathname === DATA_VERSION_PATH) {
    // For a caching proxy's cache key (README, "Running behind a proxy or CDN"). The plain
    // GET and HEAD nginx sends are answered alike in instrumentation.ts, before Next.
    return new NextResponse(null, { status: 204, headers: { ...noStore(), "X-Data-Version": validator?.dataKey ?? "none" } });
  }
  if (validator && preconditionMatches(request.headers.get("if-none-match"), validator.etag)) {
    return new NextResponse(null, { status: 304, headers: sharedCacheHeaders(validator, 304) });
  }

  const url = request.nextUrl;
  // API routes answer their own 400s as JSON, and feeds and downloads check their own
  // parameters; every page takes asof, so a page without filters of its own still has its
  // day checked, and the layout reads the URL from a request header to draw the date
  // control and the past-view banner.
  const isPage = !url.pathname.startsWith("/api/") && !url.pathname.endsWith(".xml") && !url.pathname.endsWith("/download");
  if (!isPage) return NextResponse.next({ headers: validator ? sharedCacheHeaders(validator, 200) : noStore() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PAGE_URL_HEADER, `${url.pathname}${url.search}`);
  const parse = PAGE_PARSERS[url.pathname] ?? parseAsofParams;
  if (!parse(rawParams(url)).ok) {
    return NextResponse.next({ status: 400, headers: noStore(), request: { headers: requestHeaders } });
  }
  return NextResponse.next({ headers: validator ? sharedCacheHeaders(validator, 200) : noStore(), request: { headers: requestHeaders } });
}

/**
 * Everything but the build's own files (Next serves those with content hashes and ETags),
 * and not the App Router's own requests (`rsc` header: navigations and prefetches). Next
 * hides those headers from the proxy, so it could not tell their answers from the page's
 * HTML; left alone, they keep Next's private no-store and no cache holds them.
 */
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg).*)", missing: [{ type: "header", key: "rsc" }] }],
};
