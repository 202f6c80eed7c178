import { AppLink } from "@/components/app-link";
import { dealAnchor } from "@/lib/views/anchors";
import { SourceRefs } from "@/components/source-refs";
import { DealStatusBadge } from "@/components/deals/deal-status-badge";
import { DEAL_KIND_LABELS } from "@/lib/domain/words";
import type { DealView, OrgRef } from "@/lib/views/records";
import { dealDate, stakeText } from "@/lib/domain/labels";
import { formatQualifiedMoney } from "@/lib/domain/money";
import type { SectionSourceIndex } from "@/lib/views/section-sources";

function OrgLink({ org, self }: { org: OrgRef; self: string }) {
  // The page's own company is plain text: a link to the page you are on helps nobody.
  return org.slug === self ? <strong>{org.name}</strong> : <AppLink href={`/companies/${org.slug}`}>{org.name}</AppLink>;
}

/**
 * A company's deals as one compact table, a row per deal with every fact the sources give
 * and what they leave out; its sources are numbered links to the section's source list.
 * Each row is `#deal-<slug>`, the anchor the Atom feeds and the partners list link to.
 */
export function DealList({ deals, self, roleOf, sources }: { deals: DealView[]; self: string; roleOf?: (deal: DealView) => string; sources: SectionSourceIndex }) {
  return (
    <div className="table-scroll">
      <table className="company-deals" data-testid={`deal-table-${sources.section}`}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Deal</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Stake</th>
            <th scope="col">Status</th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((d) => {
            const amount = formatQualifiedMoney(d.amount, d.currency, d.qualifier);
            const stake = stakeText(d.stakePercent);
            return (
              <tr key={d.slug} id={dealAnchor(d.slug)} data-testid="deal" data-slug={d.slug}>
                <td data-testid="deal-date">{dealDate(d.date, d.datePrecision, d.dateQualifier)}</td>
                <th scope="row">
                  {DEAL_KIND_LABELS[d.kind]}: <OrgLink org={d.investor} self={self} /> in <OrgLink org={d.organization} self={self} />
                  {roleOf ? <span className="muted"> ({roleOf(d).toLowerCase()})</span> : null}
                  <div className="muted">{d.description}</div>
                  {d.coInvestors.length ? (
                    <div>
                      With{" "}
                      <span data-testid="deal-co-investors">
                        {d.coInvestors.map((c, i) => (
                          <span key={c.slug}>
                            {i > 0 ? ", " : null}
                            <OrgLink org={c} self={self} />
                          </span>
                        ))}
                      </span>
                    </div>
                  ) : null}
                  {d.terms.length ? (
                    <ul className="muted" data-testid="deal-terms">
                      {d.terms.map((t) => (
                        <li key={t}>{t}</li>
                      ))}
                    </ul>
                  ) : null}
                </th>
                <td className="num" data-testid="deal-amount">
                  {amount ?? <span className="muted">not disclosed</span>}
                </td>
                <td>{stake ?? <span className="muted">not disclosed</span>}</td>
                <td>
                  <DealStatusBadge status={d.status} />
                </td>
                <td>
                  <SourceRefs index={sources} citations={d.citations} label={`${DEAL_KIND_LABELS[d.kind]} in ${d.organization.name}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
