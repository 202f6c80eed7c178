// Its own module, without dependencies: the chart images' buttons (a client component) name
// their files with it too, and should not pull the CSV writer into the browser for that.

/**
 * A file name safe on every system: "alibaba-ai-capex-usd-2025-10-09.csv"; a past view's
 * also names its day ("…-2025-02-20-as-of-2025-03-01.csv"), so it is never taken for today's.
 */
export function downloadName(base: string, dataAsOf: string | null, ext: string, asof?: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `alibaba-ai-${slug}${dataAsOf ? `-${dataAsOf}` : ""}${asof ? `-as-of-${asof}` : ""}.${ext}`;
}
