import { ConflictDescription } from "@/components/conflict-description";
import { AppLink } from "@/components/app-link";
import { formatPartialDate } from "@/lib/domain/words";
import type { ConflictView } from "@/lib/views/records";
import styles from "./capex.module.css";

/**
 * Where the articles disagree about a figure on this page: every reading with its source,
 * and which one we use and why (or that we prefer none).
 */
export function ConflictNotes({ conflicts, labels }: { conflicts: ConflictView[]; labels: Record<string, string> }) {
  if (conflicts.length === 0) {
    return <p className="muted">The sources agree on every figure in this selection.</p>;
  }
  return (
    <div className={styles.conflicts} data-testid="capex-conflicts">
      {conflicts.map((c) => (
        <article key={c.slug} className={`card ${styles.conflict}`} data-testid="capex-conflict" data-subject={c.subject ?? ""} id={`conflict-${c.slug}`}>
          <h3>{c.topic}</h3>
          {c.subject && labels[c.subject] ? <p className="muted">About: {labels[c.subject]}</p> : null}
          <ConflictDescription conflict={c} />
          <details>
            <summary>What each source says ({c.claims.length})</summary>
            <ul>
              {c.claims.map((k, i) => (
                <li key={`${k.sourceSlug}-${i}`}>
                  {k.value}
                  {k.preferred ? <strong> (preferred)</strong> : null} —{" "}
                  <AppLink href={`/sources#${k.sourceSlug}`}>
                    {k.sourceTitle}
                  </AppLink>
                  <span className="muted">
                    {" "}
                    ({k.outlet ?? "outlet unknown"}, {k.publishedDate ? formatPartialDate(k.publishedDate) : "date not printed"}, {k.locator})
                  </span>
                </li>
              ))}
            </ul>
          </details>
          <p className="muted" style={{ marginTop: "var(--space-2)" }}>
            {c.resolution ? <>Our reading: {c.resolution}</> : "No reading is preferred; all are kept."}
          </p>
        </article>
      ))}
    </div>
  );
}
