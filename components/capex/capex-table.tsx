import Link from "next/link";
import { SpendingKindBadge } from "@/components/badges";
import { SourcesBadge } from "@/components/sources-badge";
import { type CapexRow, formatCapexValue, formatStated, groupByScope, perYearNote, rateUsedLabel } from "@/lib/capex";
import { SCOPE_LABELS } from "@/lib/format";
import styles from "./capex.module.css";

/**
 * The chart's rows as a table, one row per statement, grouped by scope under headings.
 * Statements without a figure are listed ("no figure given") though the chart skips them.
 */
export function CapexTable({ rows, caption }: { rows: CapexRow[]; caption: string }) {
  const first = rows[0];
  const valueHeading = first
    ? `${first.mode === "annual" ? "Per year" : "As stated"}, in ${first.currency}`
    : "Value";
  return (
    <table data-testid="capex-table" className={styles.table}>
      <caption className="muted" style={{ textAlign: "left", padding: "var(--space-2) var(--space-3)" }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Organization</th>
          <th scope="col">Kind</th>
          <th scope="col">Scope</th>
          <th scope="col">Period</th>
          <th scope="col">As the source states it</th>
          <th scope="col" className="num">
            {valueHeading}
          </th>
          <th scope="col">Rate used</th>
          <th scope="col">Sources</th>
        </tr>
      </thead>
      {groupByScope(rows).map((g) => (
        <tbody key={g.scope} data-testid="capex-table-group" data-scope={g.scope}>
          <tr className={styles.groupHeading}>
            <th scope="colgroup" colSpan={8}>
              {g.label} <span className="muted">({g.rows.length} {g.rows.length === 1 ? "figure" : "figures"})</span>
            </th>
          </tr>
          {g.rows.map((r) => (
            <tr key={r.slug} data-testid="capex-row" data-slug={r.slug} data-plotted={r.plotted} data-kind={r.kind} data-scope={r.scope}>
              <th scope="row">
                <Link href={`/companies/${r.organization.slug}`} prefetch={false}>
                  {r.organization.name}
                </Link>
              </th>
              <td data-testid="capex-row-kind">
                <SpendingKindBadge kind={r.kind} />
              </td>
              <td data-testid="capex-row-scope">{SCOPE_LABELS[r.scope]}</td>
              <td data-testid="capex-row-period">
                {r.periodLabel}
                <br />
                <span className="muted">{r.periodShort}</span>
              </td>
              <td data-testid="capex-row-stated" data-qualifier={r.qualifier}>
                {formatStated(r)}
              </td>
              <td className="num" data-testid="capex-row-value">
                {r.value === null ? (
                  <span className={styles.noFigure}>no figure given</span>
                ) : (
                  <div className={styles.stack}>
                    <div>{formatCapexValue(r)}</div>
                    {perYearNote(r) ? <div className="muted" style={{ whiteSpace: "normal" }}>{perYearNote(r)}</div> : null}
                  </div>
                )}
              </td>
              <td data-testid="capex-row-rate" className="muted">
                {rateUsedLabel(r)}
              </td>
              <td>
                <SourcesBadge citations={r.citations} label={`${r.organization.name}, ${SCOPE_LABELS[r.scope]}`} />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
