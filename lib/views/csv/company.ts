import type { CsvData } from "@/lib/views/csv/download";
import { citationsText } from "@/lib/domain/words";
import { SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import type { FinancialView, SpendingView } from "@/lib/db/queries/spending";
import { metricLabel } from "../../domain/figures";

/**
 * The company page's tables as CSV: values as plain numbers in the unit or currency the
 * source used (a column of its own), the qualifier and the period as the source words
 * it, and each row's own sources.
 */

export function financialsCsv(figures: FinancialView[]): CsvData {
  return {
    columns: ["company", "metric", "period", "period_start", "period_end", "value", "unit", "qualifier", "change_percent", "change_basis", "description"],
    rows: figures.map((f) => [
      f.organization.name,
      metricLabel(f.metric),
      f.periodLabel,
      f.periodStart,
      f.periodEnd,
      f.value,
      f.unit,
      f.qualifier,
      f.changePercent,
      f.changeBasis,
      f.description,
    ]),
    rowSources: figures.map((f) => citationsText(f.citations)),
  };
}

/** The rows behind one financial chart: a bar per period. */
export function financialSeriesCsv(figures: FinancialView[]): CsvData {
  return {
    columns: ["company", "metric", "period", "value", "unit", "qualifier"],
    rows: figures.map((f) => [f.organization.name, metricLabel(f.metric), f.periodLabel, f.value, f.unit, f.qualifier]),
    rowSources: figures.map((f) => citationsText(f.citations)),
  };
}

export function spendingCsv(statements: SpendingView[]): CsvData {
  return {
    columns: ["company", "period", "period_start", "period_end", "kind", "scope", "amount", "currency", "qualifier", "change_percent", "description"],
    rows: statements.map((s) => [
      s.organization.name,
      s.periodLabel,
      s.periodStart,
      s.periodEnd,
      SPENDING_KIND_LABELS[s.kind],
      SCOPE_LABELS[s.scope],
      s.amount,
      s.amount === null ? null : s.currency,
      s.amount === null ? null : s.qualifier,
      s.changePercent,
      s.description,
    ]),
    rowSources: statements.map((s) => citationsText(s.citations)),
  };
}
