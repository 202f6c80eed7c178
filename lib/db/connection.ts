import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

/** Raised when the database file is missing, so pages can say how to create it. */
export class DatabaseMissingError extends Error {
  constructor(file: string) {
    super(`No database at ${file}. Run "npm run db:setup" to create it.`);
    this.name = "DatabaseMissingError";
  }
}

/**
 * A connection for reading, as the web server uses it. Opened read-write but `query_only`:
 * in WAL mode every reader needs the shared-memory file, and a strictly read-only
 * connection cannot create it; `query_only` still refuses every write.
 * Memory: a page cache of up to 32 MB per connection (filled only as pages are read, so a
 * small database never reaches it); the pool's few connections share the operating
 * system's file cache. Why 32 and not SQLite's 8: a name filter at scale reads a row per
 * matching company from tables of 100,000 rows ("robot": 7,426 positions and their
 * organizations, 7,425 packed cells), pages that an 8 MB cache evicted between one request
 * and the next, so each request read them again from the file cache: the portfolio's
 * statement took 32-51 ms of CPU with 8 MB, 26-29 with 24-64 MB in most runs
 * (tests/perf/README.md, scale8). No mmap: db:setup copies a new database into the live
 * file, which shrinks it when the new one is smaller, and a process that still has the
 * old length mapped dies of SIGBUS when it touches a page past the new end (seen in the
 * swap test: both servers gone, no log line).
 */
export function openReader(file: string): Database.Database {
  if (!existsSync(file)) throw new DatabaseMissingError(file);
  const sqlite = new Database(file, { fileMustExist: true });
  for (const pragma of READER_PRAGMAS) sqlite.pragma(pragma);
  return sqlite;
}

/** The settings of every reading connection, the search workers' too (lib/db/read-pool.ts passes them on). */
export const READER_PRAGMAS = ["busy_timeout = 5000", "query_only = ON", "cache_size = -32768", "mmap_size = 0"] as const;

/** The data's version, as a statement: also sent to the search workers (lib/db/queries/search.ts). */
export const DATA_VERSION_SQL = "SELECT value FROM meta WHERE key = 'data_version'";

// Compiled once per connection (a statement belongs to its connection, and goes with it):
// the validators read the version for every request.
const versionReads = new WeakMap<Database.Database, Database.Statement>();

/**
 * The dataset's version: a value db:setup and every import write in the same transaction
 * as the data, so every process (and every machine with a copy of the file) that reads the
 * same data computes the same validators from it. Null on a database built before it existed.
 */
export function readDataVersion(sqlite: Database.Database): string | null {
  let read = versionReads.get(sqlite);
  if (!read) versionReads.set(sqlite, (read = sqlite.prepare(DATA_VERSION_SQL)));
  const row = read.get() as { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * Gives the data a new version; call it inside the transaction that changes the data, so
 * the version and the rows it stands for commit together.
 */
export function writeDataVersion(sqlite: Database.Database): string {
  const version = `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
  sqlite
    .prepare("INSERT INTO meta (key, value) VALUES ('data_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(version);
  return version;
}
