import { SpendingKindBadge } from "@/components/badges";
import { factAnchor } from "@/lib/views/anchors";
import { SelectionDownloads } from "@/components/selection-downloads";
import { SourceRefs } from "@/components/source-refs";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { SCOPE_LABELS } from "@/lib/domain/words";
import { formatPercent } from "@/lib/domain/money";
import type { SpendingView } from "@/lib/views/records";
import { formatQualifiedMoney } from "@/lib/domain/money";

/** Capex and AI-spending statements, each in the currency and scope its source used. */
export function SpendingTable({
  statements,
  companyName,
  sources,
  download,
}: {
  statements: SpendingView[];
  companyName: string;
  sources: SectionSourceIndex;
  /** Where the page's download route serves this table. */
  download: { path: string; params: Record<string, string | undefined> };
}) {
  return (
    <>
      <div className="toolbar" data-testid="spending-toolbar" style={{ marginBottom: "var(--space-2)" }}>
        <SelectionDownloads {...download} what={`${companyName}'s spending statements`} />
      </div>
      <div className="table-scroll" data-testid="spending-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Kind</th>
            <th scope="col">What it covers</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => {
            const amount = formatQualifiedMoney(s.amount, s.currency, s.qualifier);
            return (
              <tr key={s.slug} id={factAnchor("spending", s.slug)} data-testid="spending-row" data-slug={s.slug}>
                <td style={{ minWidth: "12rem" }}>
                  {s.periodLabel}
                  <div className="muted">{s.description}</div>
                </td>
                <td>
                  <SpendingKindBadge kind={s.kind} />
                </td>
                <td>{SCOPE_LABELS[s.scope]}</td>
                <td className="num">{amount ?? <span className="muted">no figure given</span>}</td>
                <td className="num">{s.changePercent === null ? <span className="muted">not given</span> : formatPercent(s.changePercent)}</td>
                <td>
                  <SourceRefs index={sources} citations={s.citations} label={`${SCOPE_LABELS[s.scope]}, ${s.periodLabel}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
    </>
  );
}
