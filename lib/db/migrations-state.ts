import { readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

/** How many migrations in lib/db/migrations the database has not applied yet. */
export function pendingMigrations(db: Database.Database, migrationsDir = path.join(process.cwd(), "lib", "db", "migrations")): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsDir, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  let applied = 0;
  try {
    applied = (db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
  } catch {
    applied = 0;
  }
  return Math.max(0, journal.entries.length - applied);
}
