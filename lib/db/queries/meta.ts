import "server-only";
import { eq } from "drizzle-orm";
import { prepared } from "@/lib/db/client";
import { meta } from "@/lib/db/schema";

/** The date of the newest source in the database: what "data as of" means here. */
export function getDataAsOf(): string | null {
  return prepared("getDataAsOf", (db) => db.select({ value: meta.value }).from(meta).where(eq(meta.key, "data_as_of")).prepare()).get()?.value ?? null;
}
