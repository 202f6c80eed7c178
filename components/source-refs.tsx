import { Fragment } from "react";
import { ArticleDate } from "@/components/cited-article";
import type { CitationView } from "@/lib/views/records";
import { type SectionSourceIndex, refsOf, sourceAnchor } from "@/lib/views/section-sources";

/**
 * A figure's sources as small numbered links to its section's source list: one click to
 * the article, its outlet, date and the paragraph used, without repeating them beside every
 * figure. Plain anchors: they work without JavaScript.
 */
export function SourceRefs({ index, citations, label }: { index: SectionSourceIndex; citations: readonly CitationView[]; label: string }) {
  const refs = refsOf(index, citations);
  if (refs.length === 0) return <span className="muted">no source</span>;
  return (
    <sup className="source-refs" data-testid="refs">
      {/* Flat (no keyed fragment per reference): a page of deals holds three of these per card. */}
      {refs.flatMap((r, i) => [
        i > 0 ? "," : null,
        <a key={r.sourceSlug} href={`#${r.anchor}`} data-testid="ref" data-source={r.sourceSlug} aria-label={`${label}: source ${r.n}`}>
          {r.n}
        </a>,
      ])}
    </sup>
  );
}

/**
 * The numbered list the section's references point to: each article once, one line with its
 * outlet, date and the paragraphs cited, so the list stays short; the sources page has the rest.
 */
export function SectionSources({ index }: { index: SectionSourceIndex }) {
  if (index.articles.length === 0) return null;
  return (
    <div className="section-sources" data-testid={`section-sources-${index.section}`}>
      <h3 id={`src-${index.section}-title`}>Sources for this section</h3>
      <ol aria-labelledby={`src-${index.section}-title`}>
        {index.articles.map((a) => (
          // A chart that counts deals cites each article for a number of deals, which is not a
          // place in the article: "at" goes only before paragraphs.
          <li key={a.sourceSlug} id={sourceAnchor(index.section, a.sourceSlug)} data-testid="section-source" data-source={a.sourceSlug}>
            <a href={`/sources#${a.sourceSlug}`}>{a.sourceTitle}</a>{" "}
            <span className="muted">
              <ArticleDate article={a} />, {a.paragraphs.every((p) => p.isParagraph) ? "at " : null}
              {a.paragraphs.map((p, i) => (
                <Fragment key={p.locator}>
                  {i > 0 ? ", " : null}
                  <span data-testid="sources-paragraph">{p.locator}</span>
                </Fragment>
              ))}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
