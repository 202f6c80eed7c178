// Its own module, without dependencies: the chart images' buttons (a client component) name
// their files with it too, and should not pull the CSV writer into the browser for that.

/** A file name safe on every system: "alibaba-ai-capex-usd-2025-10-09.csv". */
export function downloadName(base: string, dataAsOf: string | null, ext: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `alibaba-ai-${slug}${dataAsOf ? `-${dataAsOf}` : ""}.${ext}`;
}
