import { capexRows, type CapexSelection } from "@/lib/views/capex";
import { capexFile } from "@/lib/views/csv/capex";
import type { TableFile } from "@/lib/views/csv/download";
import { listFxRates, listSpending } from "@/lib/db/queries/spending";
import { comparableChart } from "./overview";

/**
 * /capex's by-scope selection, read once for the page's chart and table
 * (app/capex/_widgets/capex-comparison.tsx) and its download route (app/capex/download):
 * the rows of the selection, and every statement of the day for the scope toggles' counts.
 */
export function capexScopeRows(selection: CapexSelection) {
  const spending = listSpending({ asof: selection.asof });
  const fxRates = listFxRates();
  return { spending, fxRates, rows: capexRows(spending, fxRates, selection) };
}

/** The one table a /capex view shows: the closest-comparable bars, or the by-scope selection's rows. */
export function capexTable(selection: CapexSelection): TableFile {
  if (selection.group !== "scope") return comparableChart(selection.asof, selection.currency).file();
  return capexFile(capexScopeRows(selection).rows, selection);
}
