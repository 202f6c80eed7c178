import { ConflictDescription } from "@/components/conflict-description";
import { AppLink } from "@/components/app-link";
import { formatPartialDate } from "@/lib/domain/words";
import type { ConflictView } from "@/lib/views/records";

/**
 * Where the sources disagree: every claim side by side with its source, and which one we
 * prefer and why, or that none is preferred. Nothing is silently picked.
 */
export function ConflictsList({ conflicts }: { conflicts: ConflictView[] }) {
  return (
    <div className="grid" data-testid="conflicts">
      {conflicts.map((c) => (
        <article key={c.slug} id={`conflict-${c.slug}`} className="card" data-testid="conflict" data-slug={c.slug}>
          <h3>{c.topic}</h3>
          <ConflictDescription conflict={c} className="muted" />
          <ul className="claims" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {c.claims.map((k, i) => (
              <li key={`${k.sourceSlug}-${k.locator}-${i}`} className="claim" data-preferred={k.preferred ? "true" : "false"} data-testid="claim">
                {k.preferred ? (
                  <p style={{ margin: "0 0 var(--space-1)" }}>
                    <span className="badge" style={{ borderColor: "var(--ok)", color: "var(--ok)" }} data-testid="preferred-claim">
                      ✓ Preferred reading
                    </span>
                  </p>
                ) : null}
                <p style={{ fontWeight: 600, margin: "0 0 var(--space-2)" }} data-testid="claim-value">
                  {k.value}
                </p>
                <p className="muted" style={{ margin: 0 }}>
                  <AppLink href={`/sources#${k.sourceSlug}`} data-testid="claim-source">
                    {k.sourceTitle}
                  </AppLink>
                  <br />
                  {k.outlet ?? "Outlet unknown"}, {k.publishedDate ? formatPartialDate(k.publishedDate) : "date not printed"} · {k.locator}
                </p>
              </li>
            ))}
          </ul>
          <p style={{ marginTop: "var(--space-3)", marginBottom: 0 }} data-testid="conflict-resolution">
            <strong>Our reading: </strong>
            {c.resolution ?? "Not settled. The sources do not let us prefer one claim, so all of them are kept."}
          </p>
        </article>
      ))}
    </div>
  );
}
