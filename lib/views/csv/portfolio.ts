import type { CsvData } from "@/lib/views/csv/download";
import { citationsText } from "@/lib/domain/words";
import { LAYER_LABELS, RELATIONSHIP_LABELS, VIEW_STATUS_LABELS, segmentLabel } from "@/lib/domain/words";
import type { PortfolioCompany, PortfolioFilters } from "@/lib/db/queries/portfolio";
import { distinctAliases } from "../../domain/words";
import { formatFacet } from "@/lib/domain/facets";

/**
 * The most rows one portfolio download holds. The real dataset is far below it; an
 * imported one above it gets the first rows and a file name that says so.
 */
export const PORTFOLIO_CSV_LIMIT = 10_000;

/** One row per company of the selection, with the words the table shows and the position's sources. */
export function portfolioCsv(companies: PortfolioCompany[]): CsvData {
  return {
    columns: ["name", "slug", "aliases", "layer", "segment", "relationship", "status", "since", "deals"],
    rows: companies.map((c) => [
      c.name,
      c.slug,
      distinctAliases(c.name, c.aliases).join("; "),
      LAYER_LABELS[c.layer],
      segmentLabel(c.segment),
      RELATIONSHIP_LABELS[c.relationship],
      VIEW_STATUS_LABELS[c.status],
      c.since,
      c.dealCount,
    ]),
    rowSources: companies.map((c) => citationsText(c.citations)),
  };
}

/** "portfolio technology active q qwen": the filters travel in the file name. */
export function portfolioCsvName(filters: PortfolioFilters, truncated: boolean): string {
  const text = (v: PortfolioFilters["layer" | "relationship" | "status"]) => (typeof v === "string" ? v : formatFacet(v));
  const parts = [text(filters.layer), text(filters.relationship), text(filters.status), filters.segment, filters.q ? `q ${filters.q}` : undefined];
  return ["portfolio", ...parts.filter(Boolean), truncated ? `first ${PORTFOLIO_CSV_LIMIT}` : undefined].filter(Boolean).join(" ");
}
