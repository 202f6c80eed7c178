import path from "node:path";
import Database from "better-sqlite3";

/**
 * Read-only access to the database the e2e server runs on, so tests compare what a page
 * shows with what the database holds rather than with numbers typed into the test.
 */
export function e2eDb(): Database.Database {
  return new Database(path.resolve(__dirname, "../../var/e2e.db"), { readonly: true, fileMustExist: true });
}

export function queryAll<T>(sql: string, ...params: unknown[]): T[] {
  const db = e2eDb();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
