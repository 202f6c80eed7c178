/**
 * Where a fact sits on its company page: the fragment the Atom feeds link to
 * (`/companies/<slug>#deal-<deal slug>`) and the id the page gives the fact's element.
 * Written once here so the feed's links and the page's ids cannot drift apart.
 */
export type AnchoredFact = "deal" | "position" | "financial" | "spending";

export function factAnchor(type: AnchoredFact, slug: string): string {
  return `${type}-${slug}`;
}

/** A deal's element on the company page and the deals timeline: `deal-<slug>`. */
export function dealAnchor(slug: string): string {
  return factAnchor("deal", slug);
}
