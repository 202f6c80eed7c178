/**
 * Sources collected per page section: the articles a section's figures cite, numbered once
 * in the order they first appear, so each figure carries small numbered links to the
 * section's list (anchor `#src-<section>-<source>`) instead of repeating every article's
 * title, outlet and date beside every figure. Pure, for the company page and its tests.
 */
import type { CitationView } from "../db/queries/citations";
import { type CitedArticle, groupCitationsByArticle } from "./citation-groups";

export interface SectionSourceIndex {
  section: string;
  articles: CitedArticle[];
}

export interface SourceRef {
  n: number;
  sourceSlug: string;
  anchor: string;
}

export function sourceAnchor(section: string, sourceSlug: string): string {
  return `src-${section}-${sourceSlug}`;
}

export function sectionSources(section: string, citations: readonly CitationView[]): SectionSourceIndex {
  return { section, articles: groupCitationsByArticle(citations) };
}

/** The numbered references of some citations within a section, in number order, each article once. */
export function refsOf(index: SectionSourceIndex, citations: readonly Pick<CitationView, "sourceSlug">[]): SourceRef[] {
  const cited = new Set(citations.map((c) => c.sourceSlug));
  return index.articles.flatMap((a, i) => (cited.has(a.sourceSlug) ? [{ n: i + 1, sourceSlug: a.sourceSlug, anchor: sourceAnchor(index.section, a.sourceSlug) }] : []));
}
