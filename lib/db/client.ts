import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { after } from "next/server";
import { cache } from "react";
import { openReader } from "./connection";
import { databasePath } from "./paths";
import * as schema from "./schema";

export { DatabaseMissingError } from "./connection";

export type Db = BetterSQLite3Database<typeof schema>;

interface Connection {
  file: string;
  sqlite: Database.Database;
  db: Db;
}

/**
 * A request reads one version of the data from start to end: its connection holds a read
 * transaction (WAL mode: writers append to the log, so the snapshot stays as it was when
 * the request began while an import commits or db:setup copies a new database in).
 * better-sqlite3 is synchronous, but server components of different requests interleave
 * at every `await`, so one shared connection cannot hold one transaction per request:
 * each request leases its own from a small pool and gives it back when it is done.
 */
const IDLE_MAX = 4;
const idle: Connection[] = [];

function lease(): Connection {
  const file = databasePath();
  let conn = idle.pop();
  if (conn && conn.file !== file) {
    conn.sqlite.close();
    conn = undefined;
  }
  if (!conn) {
    const sqlite = openReader(file);
    conn = { file, sqlite, db: drizzle(sqlite, { schema }) };
  }
  conn.sqlite.exec("BEGIN");
  // A deferred BEGIN takes its snapshot at the first read: take it now, not at the first query.
  conn.sqlite.prepare("SELECT 1 FROM meta LIMIT 1").get();
  return conn;
}

function release(conn: Connection): void {
  if (conn.sqlite.inTransaction) conn.sqlite.exec("COMMIT");
  if (idle.length < IDLE_MAX && conn.file === databasePath()) idle.push(conn);
  else conn.sqlite.close();
}

/** Route handlers run outside React's render, so they say where their request begins and ends. */
const handlerScope = new AsyncLocalStorage<{ conn: Connection | null }>();

/**
 * React's `cache` is scoped to one server render (a page, its layout and its metadata);
 * outside a render it does not memoize, which `inRender` detects.
 */
const renderScope = cache(() => ({ conn: null as Connection | null }));
function inRender(): boolean {
  return renderScope() === renderScope();
}

function current(): Connection {
  const scope = handlerScope.getStore() ?? (inRender() ? renderScope() : null);
  if (!scope) return unscoped();
  if (!scope.conn) {
    const conn = lease();
    scope.conn = conn;
    // Pages: the lease is returned when the response has been sent (or the client left).
    if (!handlerScope.getStore()) after(() => release(conn));
  }
  return scope.conn;
}

/**
 * Outside a request (unit tests, scripts): one connection in autocommit mode, where each
 * statement reads the latest committed data.
 */
let plain: Connection | null = null;
function unscoped(): Connection {
  const file = databasePath();
  if (plain && plain.file !== file) {
    plain.sqlite.close();
    plain = null;
  }
  if (!plain) {
    const sqlite = openReader(file);
    plain = { file, sqlite, db: drizzle(sqlite, { schema }) };
  }
  return plain;
}

/** Runs a route handler's body on one snapshot of the data, released when it returns. */
export async function withSnapshot<T>(body: () => T | Promise<T>): Promise<T> {
  const scope = { conn: null as Connection | null };
  try {
    return await handlerScope.run(scope, body);
  } finally {
    if (scope.conn) release(scope.conn);
  }
}

/**
 * The database for the current request, opened lazily (never at module load, so `next
 * build` workers do not race for the file).
 */
export function getDb(): Db {
  return current().db;
}

/** The raw handle, for the few queries drizzle cannot express (FTS, EXPLAIN). */
export function getSqlite(): Database.Database {
  return current().sqlite;
}
