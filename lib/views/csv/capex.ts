import { citationsText, citationTexts, SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { type CapexRow, type CapexSelection, type ComparableView, coversText, rateUsedLabel, rowCitations } from "@/lib/views/capex";
import type { CsvData, TableFile } from "./download";

/**
 * The rows of a capex selection as a download: the same rows, in the same order, as the
 * table. Amounts are plain numbers beside their currency (the original as stated and the
 * value shown), with the mode and the rate that produced the value, so the file can be
 * checked and recomputed without the page.
 */
export function capexCsv(rows: readonly CapexRow[]): CsvData {
  return {
    columns: [
      "organization",
      "kind",
      "scope",
      "period",
      "period_start",
      "period_end",
      "qualifier",
      "original_amount",
      "original_currency",
      "value",
      "currency",
      "mode",
      "per_year_basis",
      "rate_used",
      "units_per_original",
    ],
    rows: rows.map((r) => [
      r.organization.name,
      SPENDING_KIND_LABELS[r.kind],
      SCOPE_LABELS[r.scope],
      r.periodLabel,
      r.periodStart,
      r.periodEnd,
      r.qualifier,
      r.original?.amount ?? null,
      r.original?.currency ?? null,
      r.value,
      r.currency,
      r.mode === "annual" ? "per year" : "as stated",
      r.perYearBasis,
      rateUsedLabel(r),
      r.perUnit,
    ]),
    rowSources: rows.map((r) => citationsText(r.citations)),
  };
}

/** A file name that says which selection the download holds. */
export function capexDownloadName(sel: CapexSelection): string {
  return ["capex", sel.mode === "annual" ? "per year" : "as stated", sel.currency, sel.scope === "all" ? "all scopes" : sel.scope, sel.kind ?? ""]
    .filter(Boolean)
    .join(" ");
}
/** A by-scope selection's file: the table's rows; the chart draws them and cites their sources. */
export function capexFile(rows: readonly CapexRow[], sel: CapexSelection): TableFile {
  return { name: capexDownloadName(sel), data: capexCsv(rows), chartSources: citationTexts(rowCitations(rows)) };
}

/** The comparable view's file, on /capex and the overview alike. */
export function comparableFile(view: ComparableView, currency: string): TableFile {
  return { name: `capex closest comparable per year ${currency}`, data: comparableCsv(view) };
}

/** The comparable view as a download: the bars' rows with what each covers and how it differs. */
export function comparableCsv(view: ComparableView): CsvData {
  const bars = [...(view.anchor ? [view.anchor] : []), ...view.bars];
  const base = capexCsv(bars.map((b) => b.row));
  return {
    columns: [...base.columns, "covers", "difference_from_alibaba", "left_out"],
    rows: base.rows.map((cells, i) => [
      ...cells,
      bars[i]!.covers,
      bars[i]!.difference ?? "",
      bars[i]!.leftOut.map((l) => `${l.row.organization.name} ${coversText(l.row)}: ${l.why}`).join("; "),
    ]),
    rowSources: base.rowSources,
  };
}

