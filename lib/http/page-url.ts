import { headers } from "next/headers";

/** The request header proxy.ts passes a page's own URL in (path and query). */
export const PAGE_URL_HEADER = "x-portfolio-url";

/**
 * The page's own URL, as the proxy passed it on: a layout is not handed the search params,
 * and the not-found page is handed nothing of the URL it answers for.
 */
export async function pageUrl(): Promise<URL> {
  const raw = (await headers()).get(PAGE_URL_HEADER) ?? "/";
  return new URL(raw, "http://localhost");
}
