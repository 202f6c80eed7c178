import { type NextRequest, NextResponse } from "next/server";
import { PAGE_PARSERS, parseAsofParams, rawParams } from "@/lib/validation/params";

/** The header the root layout reads the page's own URL from (layouts get no search params). */
export const URL_HEADER = "x-portfolio-url";

/**
 * Pages cannot set their own status code, so the proxy runs the same parser the page will
 * and, for a link it cannot read, lets the page render its explanation with a 400. Every
 * page takes `asof`, so every page's `asof` is checked here; the layout reads the URL from
 * a request header to draw the date control and the past-view banner.
 */
export function proxy(request: NextRequest) {
  const url = request.nextUrl;
  // Every page takes asof: a page without filters of its own still has its day checked.
  const parse = PAGE_PARSERS[url.pathname] ?? parseAsofParams;
  const headers = new Headers(request.headers);
  headers.set(URL_HEADER, `${url.pathname}${url.search}`);
  if (!parse(rawParams(url)).ok) {
    return NextResponse.rewrite(url, { status: 400, request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

// Pages only: API routes answer their own 400s as JSON; assets and Next's files pass by.
export const config = { matcher: ["/((?!api/|_next/|favicon\\.ico|icon\\.svg|feed\\.xml).*)"] };
