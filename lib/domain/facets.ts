/**
 * A multi-value filter: the values to keep (`in`, any of them) and the values to leave out
 * (`out`). In a URL it is one comma-separated parameter, an excluded value written with a
 * leading minus: `relationship=-subsidiary` is "everything but subsidiaries",
 * `kind=acquisition,equity-investment` is "acquisitions or equity investments".
 */
export interface FacetSelection<T extends string = string> {
  in: T[];
  out: T[];
}

export const EMPTY_FACET: FacetSelection<never> = { in: [], out: [] };

/** A single value (the API's older form) or a selection, as a selection. */
export function asSelection<T extends string>(value: T | FacetSelection<T> | undefined): FacetSelection<T> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return { in: [value], out: [] };
  return value.in.length || value.out.length ? value : undefined;
}

/** Splits "a,-b" into its parts; values are not checked here (the zod parser does that). */
export function splitFacet(raw: string): { value: string; exclude: boolean }[] {
  return raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (p.startsWith("-") ? { value: p.slice(1), exclude: true } : { value: p, exclude: false }));
}

export function formatFacet(sel: FacetSelection | undefined): string | undefined {
  if (!sel) return undefined;
  const parts = [...sel.in, ...sel.out.map((v) => `-${v}`)];
  return parts.length ? parts.join(",") : undefined;
}

export function parseFacetText(raw: string | undefined): FacetSelection {
  const sel: FacetSelection = { in: [], out: [] };
  for (const p of splitFacet(raw ?? "")) (p.exclude ? sel.out : sel.in).push(p.value);
  return sel;
}

/**
 * Whether a value passes a facet filter, by the rule the queries' SQL applies
 * (lib/db/queries/facet-sql.ts, facetCondition): no value passes an exclusion, never an
 * inclusion.
 */
export function facetPasses(value: string | null, filter: string | FacetSelection | undefined): boolean {
  const sel = asSelection(filter);
  if (!sel) return true;
  if (sel.in.length && (value === null || !sel.in.includes(value))) return false;
  if (sel.out.length && value !== null && sel.out.includes(value)) return false;
  return true;
}

/** The parameter after clicking an option: include toggles it in, exclude toggles it out. */
export function toggleFacet(raw: string | undefined, value: string, mode: "in" | "out"): string | undefined {
  const sel = parseFacetText(raw);
  const has = sel[mode].includes(value);
  const next: FacetSelection = { in: sel.in.filter((v) => v !== value), out: sel.out.filter((v) => v !== value) };
  if (!has) next[mode].push(value);
  return formatFacet(next);
}

/** "Acquisition or Equity investment, not Subsidiary": for headings and file names. */
export function describeFacet(sel: FacetSelection | undefined, label: (v: string) => string = (v) => v): string | undefined {
  if (!sel) return undefined;
  const parts: string[] = [];
  if (sel.in.length) parts.push(sel.in.map(label).join(" or "));
  if (sel.out.length) parts.push(`not ${sel.out.map(label).join(", not ")}`);
  return parts.length ? parts.join(", ") : undefined;
}
