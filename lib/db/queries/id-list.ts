import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * `column IN (ids)` with the ids bound as ONE value, a JSON array read by `json_each`
 * (`inArray` binds a value per id, and drizzle builds a part of the SQL per id): the SQL
 * text is the same however many ids there are, so one prepared statement (lib/db/client.ts,
 * `prepared`) serves every list, and no list is too long for SQLite's limit on bound
 * values. SQLite still seeks the column's index once per id. `ids`: the list, or none in a
 * prepared statement, where the placeholder `ids` takes `idList(ids)` at each call.
 */
export function inIdList(column: SQLWrapper, ids?: readonly number[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${ids ? idList(ids) : sql.placeholder("ids")}))`;
}

export function idList(ids: readonly number[]): string {
  return JSON.stringify(ids);
}
