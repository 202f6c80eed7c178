import { formatPartialDate } from "@/lib/domain/words";
import { countNoun, formatNumber } from "@/lib/domain/money";
import type { SourceContribution, SourceView } from "@/lib/views/records";
import styles from "./sources.module.css";

const CONTRIBUTIONS: { key: keyof SourceContribution; one: string; many: string }[] = [
  { key: "organizations", one: "Organization", many: "Organizations" },
  { key: "positions", one: "Portfolio position", many: "Portfolio positions" },
  { key: "deals", one: "Deal", many: "Deals" },
  { key: "financials", one: "Financial figure", many: "Financial figures" },
  { key: "spending", one: "Spending statement", many: "Spending statements" },
  { key: "claims", one: "Claim in conflicts", many: "Claims in conflicts" },
];

function SourceCard({ source: s, counts }: { source: SourceView; counts: SourceContribution | undefined }) {
  return (
    <li id={s.slug} className={`card ${styles.source}`} data-testid="source" data-slug={s.slug}>
      <h3 className={styles.title} data-testid="source-title">
        {s.title}
      </h3>
      {s.titleNote ? <p className="muted">{s.titleNote}</p> : null}
      <dl className={`facts ${styles.meta}`}>
        <dt>Outlet</dt>
        <dd data-testid="source-outlet">{s.outlet ?? <span className="muted">unknown outlet</span>}</dd>
        <dt>Published</dt>
        <dd data-testid="source-date">
          {s.publishedDate ? (
            <time dateTime={s.publishedDate}>{formatPartialDate(s.publishedDate)}</time>
          ) : (
            <span className="muted">date not printed</span>
          )}
          {s.dateNote ? <div className="muted">{s.dateNote}</div> : null}
        </dd>
      </dl>
      <p className={styles.summary}>{s.summary}</p>
      <h4 className={styles.contribTitle}>What it contributes (distinct facts citing it)</h4>
      <ul className={styles.contributions} data-testid="source-contributions">
        {CONTRIBUTIONS.map((c) => (
          <li key={c.key} data-kind={c.key} data-count={counts?.[c.key] ?? 0}>
            <span className={styles.count}>{formatNumber(counts?.[c.key] ?? 0)}</span> {countNoun(counts?.[c.key] ?? 0, c.one, c.many)}
          </li>
        ))}
        {counts && counts.conflicts > 0 ? (
          <li data-kind="conflicts" data-count={counts.conflicts}>
            <a href="#conflicts">
              in <span className={styles.count}>{formatNumber(counts.conflicts)}</span> {countNoun(counts.conflicts, "conflict")}
            </a>
          </li>
        ) : null}
      </ul>
    </li>
  );
}

/** Each article with where it comes from and how many facts in the database cite it. */
export function SourceList({ sources }: { sources: SourceView[] }) {
  return (
    <ol className={styles.sources}>
      {sources.map((s) => (
        <SourceCard key={s.slug} source={s} counts={s.contributions} />
      ))}
    </ol>
  );
}
