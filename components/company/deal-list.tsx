import Link from "next/link";
import { dealAnchor } from "@/lib/views/anchors";
import { SourcesBadge } from "@/components/sources-badge";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS } from "@/lib/domain/words";
import type { DealView, OrgRef } from "@/lib/views/records";
import { dealDate, stakeText } from "@/lib/domain/labels";
import { formatQualifiedMoney } from "@/lib/domain/money";

function OrgLink({ org, self }: { org: OrgRef; self: string }) {
  // The page's own company is plain text: a link to the page you are on helps nobody.
  return org.slug === self ? <strong>{org.name}</strong> : <Link href={`/companies/${org.slug}`} prefetch={false}>{org.name}</Link>;
}

/** One card per deal with every fact the sources give and what they leave out. */
export function DealList({ deals, self, roleOf }: { deals: DealView[]; self: string; roleOf?: (deal: DealView) => string }) {
  return (
    <ul className="grid grid-2" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {deals.map((d) => {
        const amount = formatQualifiedMoney(d.amount, d.currency, d.qualifier);
        const stake = stakeText(d.stakePercent);
        return (
          <li key={d.slug} id={dealAnchor(d.slug)} className="card" data-testid="deal" data-slug={d.slug}>
            <h3 style={{ fontSize: "var(--step-0)", marginBottom: "var(--space-2)" }}>
              {DEAL_KIND_LABELS[d.kind]}: <OrgLink org={d.investor} self={self} /> in <OrgLink org={d.organization} self={self} />
            </h3>
            <div className="toolbar" style={{ margin: "0 0 var(--space-2)", gap: "var(--space-2)" }}>
              <span className="badge" data-deal-status={d.status}>
                {DEAL_STATUS_LABELS[d.status]}
              </span>
              {roleOf ? <span className="badge">{roleOf(d)}</span> : null}
              <SourcesBadge citations={d.citations} label={`${DEAL_KIND_LABELS[d.kind]} in ${d.organization.name}`} />
            </div>
            <dl className="facts">
              <dt>Date</dt>
              <dd data-testid="deal-date">{dealDate(d.date, d.datePrecision, d.dateQualifier)}</dd>
              <dt>Amount</dt>
              <dd data-testid="deal-amount">{amount ?? <span className="muted">not disclosed</span>}</dd>
              <dt>Stake</dt>
              <dd>{stake ?? <span className="muted">not disclosed</span>}</dd>
              {d.coInvestors.length ? (
                <>
                  <dt>Co-investors</dt>
                  <dd data-testid="deal-co-investors">
                    {d.coInvestors.map((c, i) => (
                      <span key={c.slug}>
                        {i > 0 ? ", " : null}
                        <OrgLink org={c} self={self} />
                      </span>
                    ))}
                  </dd>
                </>
              ) : null}
              {d.terms.length ? (
                <>
                  <dt>Terms</dt>
                  <dd>
                    <ul style={{ margin: 0, paddingLeft: "var(--space-4)" }} data-testid="deal-terms">
                      {d.terms.map((t) => (
                        <li key={t}>{t}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
            <p style={{ marginTop: "var(--space-2)", marginBottom: 0 }}>{d.description}</p>
          </li>
        );
      })}
    </ul>
  );
}
