import type { CitedArticle } from "@/lib/views/citation-groups";
import { formatPartialDate } from "@/lib/domain/words";

/**
 * One cited article as a reader checks it: its title (linked to the sources page), outlet
 * and date ("c. ..." when we estimated it), then each cited paragraph once with what it
 * supports. Used by the sources badge.
 */
export function CitedArticleEntry({ article: a }: { article: CitedArticle }) {
  return (
    <>
      <a href={`/sources#${a.sourceSlug}`}>{a.sourceTitle}</a>
      <br />
      <span className="muted" data-testid="sources-article-date">
        <ArticleDate article={a} />
      </span>
      <ul className="sources-paragraphs">
        {a.paragraphs.map((p) => (
          <li key={p.locator} data-testid="sources-paragraph" data-locator={p.locator}>
            <span className="muted">{p.locator}</span>
            {p.paraphrases.length ? <> {p.paraphrases.join("; ")}</> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** An article's outlet and date, "c. ..." with a note when the date is our estimate. */
export function ArticleDate({ article: a }: { article: Pick<CitedArticle, "outlet" | "publishedDate" | "dateEstimated"> }) {
  return (
    <>
      {a.outlet ?? "Outlet unknown"}, {a.publishedDate ? formatPartialDate(a.publishedDate, a.dateEstimated ? "about" : "exact") : "date not printed"}
      {a.dateEstimated ? " (estimated; not printed)" : ""}
    </>
  );
}
