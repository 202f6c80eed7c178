/**
 * Builds a page URL from the current filters with some changed. Every filter lives in the
 * query string, so a link is the whole state: shareable, reloadable, no JavaScript needed.
 */
export function hrefWith(
  pathname: string,
  current: Record<string, string | number | undefined>,
  changes: Record<string, string | number | undefined | null>,
): string {
  const params = new URLSearchParams();
  const merged = { ...current, ...changes };
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  // A filter change invalidates the page number.
  if (!("page" in changes)) params.delete("page");
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/** A link inside a past view keeps its day: `asof` travels on every internal link. */
export function withAsof(href: string, asof: string | undefined): string {
  if (!asof) return href;
  return `${href}${href.includes("?") ? "&" : "?"}asof=${asof}`;
}
