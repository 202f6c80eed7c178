import { AppLink } from "@/components/app-link";
import { formatNumber } from "@/lib/domain/money";
import { withAsof } from "@/lib/views/url";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import { formatPartialDate, segmentLabel } from "@/lib/domain/words";
import type { PortfolioCompany } from "@/lib/views/records";
import { distinctAliases } from "@/lib/domain/words";

/**
 * The same selection as the map, one row per company, for scanning and comparing; each
 * row's sources are numbered links to one list after the table.
 */
export function PortfolioTable({ companies, firstRow, asof }: { companies: PortfolioCompany[]; firstRow: number; asof?: string }) {
  const sources = sectionSources("portfolio-table", companies.flatMap((c) => c.citations));
  return (
    <>
      <div className="table-scroll" data-testid="portfolio-table">
        <table>
          <caption className="muted" style={{ textAlign: "left", padding: "var(--space-2) var(--space-3)" }}>
            Companies {firstRow}–{firstRow + companies.length - 1}, by layer, segment and name
          </caption>
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Also known as</th>
              <th scope="col">Layer</th>
              <th scope="col">Segment</th>
              <th scope="col">Relationship</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col" className="num">
                Deals
              </th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {companies.map((c) => (
              <tr key={c.slug} data-testid="company-row" data-slug={c.slug}>
                <th scope="row" style={{ background: "none", color: "var(--text)" }}>
                  <AppLink href={withAsof(`/companies/${c.slug}`, asof)}>
                    {c.name}
                  </AppLink>
                </th>
                <td>{distinctAliases(c.name, c.aliases).join(", ") || <span className="muted">none</span>}</td>
                <td>
                  <LayerChip layer={c.layer} />
                </td>
                <td>{segmentLabel(c.segment)}</td>
                <td>
                  <RelationshipBadge relationship={c.relationship} />
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td style={{ whiteSpace: "nowrap" }}>{c.since ? formatPartialDate(c.since) : <span className="muted">not given</span>}</td>
                <td className="num">{formatNumber(c.dealCount)}</td>
                <td>
                  <SourceRefs index={sources} citations={c.citations} label={c.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SectionSources index={sources} />
    </>
  );
}
