import type { CsvData } from "@/lib/views/csv/download";
import { citationsText } from "@/lib/domain/words";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS } from "@/lib/domain/words";
import type { DealView } from "@/lib/db/queries/deals";

/** The most deals one download holds; far above the real dataset. */
export const DEALS_CSV_LIMIT = 10_000;

const COLUMNS = [
  "deal",
  "date",
  "precision",
  "date_qualifier",
  "company",
  "investor",
  "kind",
  "status",
  "amount",
  "currency",
  "qualifier",
  "stake_percent",
  "co_investors",
  "terms",
];

/**
 * One row per deal: the date as the source gave it (ISO, at its precision), the amount as
 * a number in the source's currency with its qualifier, and the deal's own sources.
 * `roleOf` adds the part a company played, for the lists on a company page.
 */
export function dealsCsv(deals: DealView[], roleOf?: (deal: DealView) => string): CsvData {
  return {
    columns: roleOf ? [...COLUMNS, "role"] : COLUMNS,
    rows: deals.map((d) => {
      const row: (string | number | null)[] = [
        d.slug,
        d.date,
        d.datePrecision,
        d.dateQualifier,
        d.organization.name,
        d.investor.name,
        DEAL_KIND_LABELS[d.kind],
        DEAL_STATUS_LABELS[d.status],
        d.amount,
        d.amount === null ? null : d.currency,
        d.amount === null ? null : d.qualifier,
        d.stakePercent,
        d.coInvestors.map((c) => c.name).join("; "),
        d.terms.join("; "),
      ];
      return roleOf ? [...row, roleOf(d)] : row;
    }),
    rowSources: deals.map((d) => citationsText(d.citations)),
  };
}

/** "deals equity-investment 2018-2023": the filters travel in the file name. */
export function dealsCsvName(
  filters: { layer?: string; kind?: string; status?: string; fromYear?: number; toYear?: number; q?: string },
  truncated = false,
  base = "deals",
): string {
  const years = filters.fromYear !== undefined || filters.toYear !== undefined ? `${filters.fromYear ?? "start"} ${filters.toYear ?? "end"}` : undefined;
  const parts = [filters.layer, filters.kind, filters.status, years, filters.q ? `q ${filters.q}` : undefined];
  return [base, ...parts.filter(Boolean), truncated ? `first ${DEALS_CSV_LIMIT}` : undefined].filter(Boolean).join(" ");
}
