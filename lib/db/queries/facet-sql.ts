import { type SQL, type SQLWrapper, and, inArray, notInArray, sql } from "drizzle-orm";
import { type FacetSelection, asSelection } from "@/lib/domain/facets";

/** A filter value as the queries take it: one value (the API) or a multi-value selection (the pages). */
export type FacetFilter<T extends string> = T | FacetSelection<T>;

/**
 * The SQL of a multi-value filter: the column is one of the kept values, and none of the
 * left-out ones. A row with no value (a deal of a company without a layer) passes an
 * exclusion: "not basic" keeps it. The same rule for a value already read (a summary cell) is
 * facetPasses in lib/domain/facets.ts.
 */
export function facetCondition<T extends string>(column: SQLWrapper, value: FacetFilter<T> | undefined): SQL | undefined {
  const sel = asSelection(value);
  if (!sel) return undefined;
  const parts: SQL[] = [];
  if (sel.in.length) parts.push(inArray(column as never, sel.in));
  if (sel.out.length) parts.push(sql`(${column} IS NULL OR ${notInArray(column as never, sel.out)})`);
  return parts.length === 1 ? parts[0] : and(...parts);
}
