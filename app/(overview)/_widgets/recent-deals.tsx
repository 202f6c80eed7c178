import { AppLink } from "@/components/app-link";
import { withAsof } from "@/lib/views/url";
import { SelectionDownloads } from "@/components/selection-downloads";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS, formatPartialDate } from "@/lib/domain/words";
import { formatNumber, formatQualifiedMoney } from "@/lib/domain/money";
import { recentDeals } from "@/lib/views/sections/overview";
import styles from "../overview.module.css";

/** The six newest deals, each with numbered links to one list of sources; the full timeline is on /deals. */
export async function RecentDeals({ asof }: { asof?: string }) {
  const { deals } = recentDeals(asof);
  const sources = sectionSources("recent-deals", deals.flatMap((d) => d.citations));
  return (
    <>
      <div className="table-scroll">
        <table data-testid="recent-deals" className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Company</th>
              <th scope="col">Deal</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {deals.map((d) => (
              <tr key={d.slug} data-testid="recent-deal" data-slug={d.slug}>
                <td style={{ whiteSpace: "nowrap" }}>{formatPartialDate(d.date, d.dateQualifier)}</td>
                <th scope="row">
                  <AppLink href={withAsof(`/companies/${d.organization.slug}`, asof)}>
                    {d.organization.name}
                  </AppLink>
                  {d.investor.slug !== "alibaba" ? <span className="muted"> (investor: {d.investor.name})</span> : null}
                </th>
                <td>{DEAL_KIND_LABELS[d.kind]}</td>
                <td className="num">
                  {formatQualifiedMoney(d.amount, d.currency, d.qualifier) ?? <span className="muted">no amount given</span>}
                  {d.stakePercent !== null ? <div className="muted">{formatNumber(d.stakePercent)}% stake</div> : null}
                </td>
                <td>{DEAL_STATUS_LABELS[d.status]}</td>
                <td>
                  <SourceRefs index={sources} citations={d.citations} label={`${d.organization.name} deal`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar" style={{ marginTop: "var(--space-2)", marginBottom: 0 }} data-testid="recent-deals-downloads">
        <SelectionDownloads path="/download" params={{ table: "recent-deals", asof }} what="the recent deals" />
      </div>
      <SectionSources index={sources} />
    </>
  );
}
