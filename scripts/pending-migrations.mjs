// How many of the code's migrations a database file has not had yet, read without opening
// it for writing: `npm start` migrates an existing database only when this is above 0
// (scripts/start.mjs), so a current one starts without the cost of a migration run.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

/** Migrations listed in drizzle's journal beyond those the database records as applied. */
export function pendingMigrations(dbFile, journalFile) {
  const journal = JSON.parse(readFileSync(journalFile, "utf8"));
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'").get();
    const applied = table ? db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get().n : 0;
    return Math.max(0, journal.entries.length - applied);
  } finally {
    db.close();
  }
}
