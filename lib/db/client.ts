import "server-only";
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { databasePath } from "./paths";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

interface Open {
  file: string;
  inode: number;
  sqlite: Database.Database;
  db: Db;
}

let current: Open | null = null;

/**
 * The web server's only connection: opened lazily (never at module load, so `next build`
 * workers do not race for the file) and read-only, so no request can write.
 * `db:setup` replaces the file atomically; a new inode means reopen, so a rebuilt
 * database shows without restarting the server.
 */
export function getDb(): Db {
  const file = databasePath();
  // Checked on every call, not throttled: the server's response cache (scripts/
  // response-cache.mjs) drops its pages the moment the file is swapped, and a render that
  // ran on the old connection after that moment would be kept as the new data. A stat is
  // a few microseconds against milliseconds of rendering.
  let inode: number;
  try {
    inode = statSync(file).ino;
  } catch {
    throw new Error(`No database at ${file}. Run "npm run db:setup" to create it.`);
  }
  if (current && current.file === file && current.inode === inode) return current.db;
  current?.sqlite.close();
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("query_only = ON");
  // A page of the portfolio map sorts a few thousand companies by name, reading their rows
  // all over a large file: the default 2 MB page cache holds far fewer, so each request
  // read them again through the OS. Memory-mapped reads skip that copy as well.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 1073741824");
  current = { file, inode, sqlite, db: drizzle(sqlite, { schema }) };
  return current.db;
}

/** The raw handle, for the few queries drizzle cannot express (FTS, EXPLAIN). */
export function getSqlite(): Database.Database {
  getDb();
  return current!.sqlite;
}
