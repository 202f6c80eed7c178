import type { CitationView } from "@/lib/views/records";
import { formatPartialDate } from "@/lib/domain/words";

/**
 * The "where does this number come from" affordance beside a figure: a native
 * <details>, so it opens by click or keyboard and works without JavaScript. Plain <a>, not
 * next/link: a page carries hundreds of these, and each Link is a client component to
 * hydrate and to watch for prefetching, work that adds up on a phone for links that sit
 * in closed panels.
 */
export function SourcesBadge({ citations, label }: { citations: CitationView[]; label?: string }) {
  if (citations.length === 0) return <span className="muted">no source</span>;
  const n = new Set(citations.map((c) => c.sourceSlug)).size;
  return (
    <details className="sources" data-testid="sources">
      <summary aria-label={`${label ? `${label}: ` : ""}${n} source${n === 1 ? "" : "s"}`}>
        {n} source{n === 1 ? "" : "s"}
      </summary>
      <div className="sources-panel" role="note">
        <ul>
          {citations.map((c, i) => (
            <li key={`${c.sourceSlug}-${c.locator}-${i}`}>
              <a href={`/sources#${c.sourceSlug}`}>{c.sourceTitle}</a>
              <br />
              <span className="muted">
                {c.outlet ?? "Outlet unknown"}, {c.publishedDate ? formatPartialDate(c.publishedDate) : "date not printed"} · {c.locator}
              </span>
              {c.note ? <div>{c.note}</div> : null}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
