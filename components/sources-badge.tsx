import type { CitationView } from "@/lib/views/records";
import { groupCitationsByArticle } from "@/lib/views/citation-groups";
import { CitedArticleEntry } from "@/components/cited-article";

/**
 * The "where does this number come from" affordance beside a figure: a native
 * <details>, so it opens by click or keyboard and works without JavaScript (Escape closes
 * it when scripts run: see SourcesEscape). Citations are grouped by article, each
 * paragraph listed once with what it supports, and a date we estimated reads "c. ...".
 * Plain <a>, not next/link: a page carries hundreds of these, and each Link is a client
 * component to hydrate and to watch for prefetching.
 */
export function SourcesBadge({ citations, label }: { citations: CitationView[]; label?: string }) {
  if (citations.length === 0) return <span className="muted">no source</span>;
  const articles = groupCitationsByArticle(citations);
  const n = articles.length;
  return (
    <details className="sources" data-testid="sources">
      <summary aria-label={`${label ? `${label}: ` : ""}${n} source${n === 1 ? "" : "s"}`}>
        {n} source{n === 1 ? "" : "s"}
      </summary>
      <div className="sources-panel" role="note">
        <ul>
          {articles.map((a) => (
            <li key={a.sourceSlug} data-testid="sources-article" data-source={a.sourceSlug}>
              <CitedArticleEntry article={a} />
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
