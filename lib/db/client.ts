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
  /** The statements built once on this connection, by key (see `prepared`). */
  statements: Map<string, unknown>;
  /** The read that takes a request's snapshot (see `lease`), compiled at the first lease. */
  snapshot?: Database.Statement;
}

function connect(file: string): Connection {
  const sqlite = openReader(file);
  return { file, sqlite, db: drizzle(sqlite, { schema }), statements: new Map() };
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
  conn ??= connect(file);
  conn.sqlite.exec("BEGIN");
  // A deferred BEGIN takes its snapshot at the first read: take it now, not at the first query.
  (conn.snapshot ??= conn.sqlite.prepare("SELECT 1 FROM meta LIMIT 1")).get();
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
  plain ??= connect(file);
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

/**
 * A statement built once per connection and run many times. Otherwise drizzle builds a
 * query's SQL text from its parts on every call and SQLite compiles that text again: on
 * `/deals?q=robot` ~2 ms of building and ~2 ms of compiling per request across a dozen
 * statements, the deals' first page alone ~1.2 ms (tests/perf/README.md, scale10).
 * `build` returns a drizzle prepared query (`.prepare()`, the values that change between
 * calls as `sql.placeholder`). It runs at the first call for `key` on each connection: a
 * compiled statement belongs to the connection that compiled it, so a new connection (a
 * new PORTFOLIO_DB, or one opened when the pool had none idle) builds its own, and one
 * closed takes its statements with it. SQLite recompiles a statement by itself when the
 * schema changes under it (db:setup copying a new database into the same file). A key names
 * one SQL text: the caller puts in it whatever changes the text (a key per shape, from a
 * fixed set, so a connection holds a bounded number).
 */
export function prepared<T>(key: string, build: (db: Db) => T): T {
  const conn = current();
  let statement = conn.statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build(conn.db);
    conn.statements.set(key, statement);
  }
  return statement;
}
