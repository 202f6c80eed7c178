import { citationText } from "./flatten";

interface CitationLike {
  sourceTitle?: string;
  sourceSlug?: string;
  outlet?: string | null;
  publishedDate?: string | null;
  locator?: string;
}

/**
 * The `sources` cell of one CSV row: each citation once, readable, joined with "; ".
 * A row without any citation says so rather than leaving the cell empty.
 */
export function rowSourcesText(citations: CitationLike[], none = "no source cited"): string {
  const texts = [...new Set(citations.map(citationText))];
  return texts.length ? texts.join("; ") : none;
}
