import { AppLink } from "@/components/app-link";
import { SpendingKindBadge } from "@/components/badges";
import { type SortableColumn, type SortableRow, SortableTable } from "@/components/sortable-table";
import { SourceRefs } from "@/components/source-refs";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { type CapexRow, formatCapexValue, formatStated, perYearNote, rateUsedLabel, scopeRank } from "@/lib/views/capex";
import { SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import styles from "./capex.module.css";

/**
 * The chart's rows as a sortable table, one row per statement. It opens grouped by scope
 * (the rows arrive in that order); sorting by another column mixes scopes, so every row
 * names its scope, and sorting by Scope groups them again. Nothing is ever summed.
 * Statements without a figure are listed ("no figure given") though the chart skips them.
 * Each row's sources are numbered links to the figure's source list (`sources`).
 */
export function CapexTable({ rows, caption, sources }: { rows: CapexRow[]; caption: string; sources: SectionSourceIndex }) {
  const first = rows[0];
  const valueHeading = first ? `${first.mode === "annual" ? "Per year" : "As stated"}, in ${first.currency}` : "Value";
  const columns: SortableColumn[] = [
    { key: "organization", label: "Organization" },
    { key: "kind", label: "Kind" },
    { key: "scope", label: "Scope" },
    { key: "period", label: "Period" },
    { key: "stated", label: "As the source states it" },
    { key: "value", label: valueHeading, numeric: true },
    { key: "rate", label: "Rate used" },
    { key: "sources", label: "Sources" },
  ];
  const tableRows: SortableRow[] = rows.map((r) => ({
    id: r.slug,
    cells: {
      organization: {
        sort: r.organization.name,
        display: (
          <AppLink href={`/companies/${r.organization.slug}`} className={styles.org} data-testid="capex-row-org">
            {r.organization.name}
          </AppLink>
        ),
      },
      kind: {
        sort: SPENDING_KIND_LABELS[r.kind],
        display: (
          <span data-testid="capex-row-kind" data-kind={r.kind}>
            <SpendingKindBadge kind={r.kind} />
          </span>
        ),
      },
      scope: {
        sort: scopeRank(r.scope),
        display: (
          <span data-testid="capex-row-scope" data-scope={r.scope} className={styles.scope}>
            {SCOPE_LABELS[r.scope]}
          </span>
        ),
      },
      period: {
        sort: r.periodStart,
        display: (
          <span data-testid="capex-row-period">
            {r.periodLabel}
            <br />
            <span className="muted">{r.periodShort}</span>
          </span>
        ),
      },
      // The stated totals in one currency (not annualised), so the order means "largest statement".
      stated: {
        sort: r.original && r.perUnit !== null ? r.original.amount * r.perUnit : null,
        display: (
          <span data-testid="capex-row-stated" data-qualifier={r.qualifier}>
            {formatStated(r)}
          </span>
        ),
      },
      value: {
        sort: r.value,
        display: (
          <span data-testid="capex-row-value" data-plotted={r.plotted} data-value={r.value ?? ""}>
            {r.value === null ? (
              <span className={styles.noFigure}>no figure given</span>
            ) : (
              <span className={styles.stack}>
                <span data-testid="capex-row-value-text">{formatCapexValue(r)}</span>
                {perYearNote(r) ? <span className={`muted ${styles.note}`}>{perYearNote(r)}</span> : null}
              </span>
            )}
          </span>
        ),
      },
      rate: {
        sort: rateUsedLabel(r),
        display: (
          <span data-testid="capex-row-rate" className="muted">
            {rateUsedLabel(r)}
          </span>
        ),
      },
      sources: {
        sort: new Set(r.citations.map((c) => c.sourceSlug)).size,
        display: <SourceRefs index={sources} citations={r.citations} label={`${r.organization.name}, ${SCOPE_LABELS[r.scope]}`} />,
      },
    },
  }));
  return (
    <>
      <p className={`muted ${styles.caption}`} data-testid="capex-table-caption">
        {caption} Figures of different scope measure different things: each row names its scope, and sorting by
        Scope groups them again.
      </p>
      <SortableTable columns={columns} rows={tableRows} caption={caption} testId="capex-table" />
    </>
  );
}
