import { type NextRequest, NextResponse } from "next/server";
import { PAGE_PARSERS, rawParams } from "@/lib/validation/params";

/**
 * Pages cannot set their own status code, so the proxy runs the same parser the page will
 * and, for a link it cannot read, lets the page render its explanation with a 400.
 */
export function proxy(request: NextRequest) {
  const parse = PAGE_PARSERS[request.nextUrl.pathname];
  if (parse && !parse(rawParams(request.nextUrl)).ok) {
    return NextResponse.rewrite(request.nextUrl, { status: 400 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/portfolio", "/deals", "/capex"] };
