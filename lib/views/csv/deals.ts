import type { CsvData } from "@/lib/views/csv/download";
import { citationsText } from "@/lib/domain/words";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS, formatPartialDate, LAYER_LABELS } from "@/lib/domain/words";
import type { DealSortBy, DealSortKey, DealView } from "@/lib/db/queries/deals";
import { type FacetSelection, formatFacet } from "@/lib/domain/facets";
import { type FxTable, convert, rateLabel, rateShortLabel } from "@/lib/domain/money";

/** The most deals one download holds; far above the real dataset. */
export const DEALS_CSV_LIMIT = 10_000;

const COLUMNS = [
  "deal",
  "date",
  "precision",
  "date_qualifier",
  "company",
  "investor",
  "layer",
  "kind",
  "status",
  "amount",
  "currency",
  "qualifier",
  "stake_percent",
  "co_investors",
  "terms",
  "description",
];
const USD_COLUMNS = ["amount_usd", "usd_rate"];

/** The table's `sort` parameter ("-usd") as the query's sort. */
export function dealSortOf(sort: string | undefined): DealSortBy {
  const descending = Boolean(sort?.startsWith("-"));
  const key = (descending ? sort!.slice(1) : (sort ?? "date")) as DealSortKey;
  return { key, descending };
}

/** A deal's amount in US dollars at the house rate, with the rate in words; null without an amount. */
export function dealUsd(d: Pick<DealView, "amount" | "currency">, fx: FxTable): { value: number; rate: string; short: string } | null {
  if (d.amount === null || d.currency === null) return null;
  const c = convert(d.amount, d.currency, "USD", fx);
  if (d.currency === "USD") return { value: c.value, rate: "as stated in US dollars", short: "as stated" };
  return { value: c.value, rate: rateLabel(c.rate.from), short: rateShortLabel(c.rate.from) };
}

/**
 * One row per deal: the date as the source gave it (ISO, at its precision), the amount as
 * a number in the source's currency with its qualifier, and the deal's own sources.
 * `roleOf` adds the part a company played, for the lists on a company page.
 */
export function dealsCsv(deals: DealView[], roleOf?: (deal: DealView) => string, fx?: FxTable): CsvData {
  return {
    columns: [...COLUMNS, ...(fx ? USD_COLUMNS : []), ...(roleOf ? ["role"] : [])],
    rows: deals.map((d) => {
      const row: (string | number | null)[] = [
        d.slug,
        d.date,
        d.datePrecision,
        d.dateQualifier,
        d.organization.name,
        d.investor.name,
        d.layer ? LAYER_LABELS[d.layer] : null,
        DEAL_KIND_LABELS[d.kind],
        DEAL_STATUS_LABELS[d.status],
        d.amount,
        d.amount === null ? null : d.currency,
        d.amount === null ? null : d.qualifier,
        d.stakePercent,
        d.coInvestors.map((c) => c.name).join("; "),
        d.terms.join("; "),
        d.description,
      ];
      if (fx) {
        const usd = dealUsd(d, fx);
        row.push(usd ? Math.round(usd.value) : null, usd?.rate ?? null);
      }
      return roleOf ? [...row, roleOf(d)] : row;
    }),
    rowSources: deals.map((d) => citationsText(d.citations)),
  };
}

/** The overview's recent deals as its table shows them: dates as the data holds them and as shown, amounts as numbers. */
export function recentDealsCsv(deals: readonly DealView[]): CsvData {
  return {
    columns: ["date", "date_precision", "date_shown", "company", "investor", "kind", "status", "qualifier", "amount", "currency", "stake_percent"],
    rows: deals.map((d) => [
      d.date,
      d.datePrecision,
      formatPartialDate(d.date, d.dateQualifier),
      d.organization.name,
      d.investor.name,
      DEAL_KIND_LABELS[d.kind],
      DEAL_STATUS_LABELS[d.status],
      d.qualifier,
      d.amount,
      d.currency,
      d.stakePercent,
    ]),
    rowSources: deals.map((d) => citationsText(d.citations)),
  };
}

/** "deals equity-investment 2018-2023": the filters travel in the file name. */
type FacetLike = string | FacetSelection;
export function dealsCsvName(
  filters: { layer?: FacetLike; kind?: FacetLike; status?: FacetLike; fromYear?: number; toYear?: number; q?: string },
  truncated = false,
  base = "deals",
  sort?: string,
): string {
  const text = (v: FacetLike | undefined) => (typeof v === "string" ? v : formatFacet(v));
  const years = filters.fromYear !== undefined || filters.toYear !== undefined ? `${filters.fromYear ?? "start"} ${filters.toYear ?? "end"}` : undefined;
  const parts = [text(filters.layer), text(filters.kind), text(filters.status), years, filters.q ? `q ${filters.q}` : undefined, sort ? `by ${sort}` : undefined];
  return [base, ...parts.filter(Boolean), truncated ? `first ${DEALS_CSV_LIMIT}` : undefined].filter(Boolean).join(" ");
}
