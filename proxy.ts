import { type NextRequest, NextResponse } from "next/server";
import { parseCapexParams, parseDealsParams, parsePortfolioParams, type RawParams } from "@/lib/validation/params";

const PARSERS: Record<string, (raw: RawParams) => { ok: boolean }> = {
  "/portfolio": parsePortfolioParams,
  "/deals": parseDealsParams,
  "/capex": parseCapexParams,
};

function rawParams(url: URL): RawParams {
  const raw: RawParams = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return raw;
}

/**
 * Pages cannot set their own status code, so the proxy runs the same parser the page will
 * and, for a link it cannot read, lets the page render its explanation with a 400.
 */
export function proxy(request: NextRequest) {
  const parse = PARSERS[request.nextUrl.pathname];
  if (parse && !parse(rawParams(request.nextUrl)).ok) {
    return NextResponse.rewrite(request.nextUrl, { status: 400 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/portfolio", "/deals", "/capex"] };
