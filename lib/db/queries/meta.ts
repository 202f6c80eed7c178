import "server-only";
import { eq, sql } from "drizzle-orm";
import { prepared } from "@/lib/db/client";
import { meta, sources } from "@/lib/db/schema";
import { publishedBy } from "./citations";

/**
 * The date of the newest source in the database: what "data as of" means here. With `asof`
 * (a past view) the newest among the sources published by that day, the record as it stood
 * then (an estimated date counts as its estimate; undated sources have none); null when none
 * was published yet.
 */
export function getDataAsOf(asof?: string): string | null {
  if (asof) {
    return (
      prepared("getDataAsOf:past", (db) =>
        db
          .select({ day: sql<string | null>`max(${sources.publishedDate})` })
          .from(sources)
          .where(publishedBy(sql.placeholder("asof")))
          .prepare(),
      ).get({ asof })?.day ?? null
    );
  }
  return prepared("getDataAsOf", (db) => db.select({ value: meta.value }).from(meta).where(eq(meta.key, "data_as_of")).prepare()).get()?.value ?? null;
}
