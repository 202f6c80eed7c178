import { type TableFile } from "@/lib/views/csv/download";
import { conflictClaimsCsv, fxRatesCsv } from "@/lib/views/csv/sources";
import { listConflicts, listSources } from "@/lib/db/queries/sources";
import { listFxRates } from "@/lib/db/queries/spending";
import type { SOURCES_TABLES } from "@/lib/validation/params";

/**
 * What /sources lists, read once for the page and its download route
 * (app/sources/download): the articles, the conflicts they raised and the exchange rates,
 * as of a past day when one is given.
 */
export function sourcesPageData(asof: string | undefined) {
  return { sources: listSources(asof), conflicts: listConflicts({ asof }), rates: listFxRates() };
}

export function sourcesTable(table: (typeof SOURCES_TABLES)[number], asof: string | undefined): TableFile {
  const { sources, conflicts, rates } = sourcesPageData(asof);
  return table === "conflicts"
    ? { name: "conflicts between sources", data: conflictClaimsCsv(conflicts) }
    : { name: "exchange rates", data: fxRatesCsv(rates, sources) };
}
