import { ConflictDescription } from "@/components/conflict-description";
import { AppLink } from "@/components/app-link";
import { formatCount } from "@/lib/domain/money";
import { formatPartialDate } from "@/lib/domain/words";
import type { ConflictView } from "@/lib/views/records";
import styles from "./sources.module.css";

/**
 * Every disagreement between articles with all its claims side by side, so a reader sees
 * each value and its paragraph before any preference we state.
 */
export function ConflictList({ conflicts }: { conflicts: ConflictView[] }) {
  return (
    <ol className={styles.conflicts}>
      {conflicts.map((c) => {
        const preferred = c.claims.some((k) => k.preferred);
        return (
          <li key={c.slug} id={`conflict-${c.slug}`} className="card" data-testid="conflict" data-slug={c.slug}>
            <h3 data-testid="conflict-topic">{c.topic}</h3>
            <p className={styles.concerns}>
              {c.organization ? (
                <>
                  Concerns{" "}
                  <AppLink href={`/companies/${c.organization.slug}`} data-testid="conflict-organization">
                    {c.organization.name}
                  </AppLink>
                  {" · "}
                </>
              ) : null}
              {formatCount(c.claims.length, "claim")}
              {" · "}
              {preferred ? (
                <span>one preferred</span>
              ) : (
                <strong data-testid="no-preferred">No claim is preferred</strong>
              )}
            </p>
            <ConflictDescription conflict={c} />
            <ul className={`claims ${styles.claimList}`}>
              {c.claims.map((k, i) => (
                <li
                  key={`${k.sourceSlug}-${k.locator}-${i}`}
                  className="claim"
                  data-preferred={k.preferred ? "true" : "false"}
                  data-testid="claim"
                  data-source={k.sourceSlug}
                >
                  {k.preferred ? (
                    <span className={`badge ${styles.preferred}`} data-testid="claim-preferred">
                      ✓ Preferred
                    </span>
                  ) : null}
                  <p className={styles.claimValue} data-testid="claim-value">
                    {k.value}
                  </p>
                  <p className="muted">
                    <AppLink href={`#${k.sourceSlug}`} data-testid="claim-source">
                      {k.sourceTitle}
                    </AppLink>
                    <br />
                    {k.outlet ?? "unknown outlet"}, {k.publishedDate ? formatPartialDate(k.publishedDate) : "date not printed"}
                    {" · "}
                    <span data-testid="claim-locator" title="Paragraph of the article">
                      {k.locator}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
            {c.resolution ? (
              <p className={styles.resolution} data-testid="conflict-resolution">
                <strong>Our reading:</strong> {c.resolution}
              </p>
            ) : (
              <p className="muted">We have not chosen between these claims; each is shown with its source.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
