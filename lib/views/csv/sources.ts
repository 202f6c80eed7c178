import type { CsvData } from "@/lib/views/csv/download";
import { citationText } from "@/lib/domain/words";
import type { FxRate } from "@/lib/domain/money";
import type { ConflictView, SourceView } from "@/lib/db/queries/sources";

export const FX_BASIS_LABELS: Record<FxRate["basis"], string> = {
  "implied-by-source": "Implied by the sources",
  reference: "Reference rate",
  "headline-implied": "Implied by a headline",
};

/** The exchange-rate table as CSV: the rate as a number, quoted per US dollar. */
export function fxRatesCsv(rates: FxRate[], sources: SourceView[]): CsvData {
  const bySlug = new Map(sources.map((s) => [s.slug, s]));
  return {
    columns: ["currency", "per_usd", "as_of", "basis", "used_for_conversions", "note"],
    rows: rates.map((r) => [r.currency, r.perUsd, r.asOf, FX_BASIS_LABELS[r.basis], r.isDefault ? "yes" : "no", r.note]),
    rowSources: rates.map((r) =>
      r.sources.length
        ? r.sources
            .map((slug) => {
              const s = bySlug.get(slug);
              return s ? citationText({ sourceTitle: s.title, outlet: s.outlet, publishedDate: s.publishedDate }) : slug;
            })
            .join("; ")
        : // A reference rate is ours, not an article's; the cell says so instead of staying empty.
          `no article: ${r.basis === "reference" ? "reference rate entered by us (see note)" : "see note"}`,
    ),
  };
}

/** Every claim of every conflict, one row each, so a spreadsheet can line the values up. */
export function conflictClaimsCsv(conflicts: ConflictView[]): CsvData {
  const claims = conflicts.flatMap((c) => c.claims.map((k) => ({ c, k })));
  return {
    columns: ["conflict", "topic", "organization", "claim_value", "numeric_value", "unit", "source", "locator", "preferred", "our_reading"],
    rows: claims.map(({ c, k }) => [
      c.slug,
      c.topic,
      c.organization?.name ?? null,
      k.value,
      k.numericValue,
      k.numericValue === null ? null : k.unit,
      k.sourceTitle,
      k.locator,
      k.preferred ? "yes" : "no",
      c.resolution,
    ]),
    rowSources: claims.map(({ k }) => citationText(k)),
  };
}
