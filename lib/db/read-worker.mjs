// A search worker (lib/db/read-pool.ts): runs read-only SQL statements on its own
// better-sqlite3 connection, off the server's request thread.
//
// Plain JavaScript, loaded by Node from this file at run time: a worker needs an entry
// file of its own, and Next's server bundle has none to give it. It only executes the
// statements it is sent (the search logic stays in lib/db/queries/search.ts), so nothing
// here repeats the app's code but the opening of a connection, whose settings come from
// lib/db/connection.ts through workerData.
import { existsSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/** @type {{ file: string, sqlite: import("better-sqlite3").Database } | null} */
let conn = null;
/** Prepared statements by mode and text; searches repeat a few shapes. */
const statements = new Map();
const MAX_STATEMENTS = 200;

function connection(file) {
  // The app follows PORTFOLIO_DB and db:setup's swap the same way: same path, same
  // connection (WAL shows each statement the latest commit); a new path, a new one.
  if (conn && conn.file === file) return conn.sqlite;
  if (conn) conn.sqlite.close();
  conn = null;
  statements.clear();
  if (!existsSync(file)) {
    const error = new Error(`No database at ${file}.`);
    error.name = "DatabaseMissingError";
    throw error;
  }
  const sqlite = new Database(file, { fileMustExist: true });
  for (const pragma of workerData.pragmas) sqlite.pragma(pragma);
  conn = { file, sqlite };
  return sqlite;
}

function statement(sqlite, sql, pluck) {
  const key = `${pluck ? "p" : "r"}:${sql}`;
  let stmt = statements.get(key);
  if (!stmt) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    stmt = sqlite.prepare(sql);
    if (pluck) stmt.pluck();
    statements.set(key, stmt);
  }
  return stmt;
}

// Below the request thread: on a busy machine a page's render gets the CPU before a
// search's statements (Linux: a thread's own nice value, set through its thread id).
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (tid) setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the worker runs at the process's priority.
}

// A job is a batch of statements, run in one read transaction (one snapshot) and answered
// in one message: a search's steps are a few batches, not a message per statement.
parentPort.on("message", (job) => {
  let sqlite = null;
  try {
    sqlite = connection(job.file);
    sqlite.exec("BEGIN");
    const rows = job.statements.map((s) => statement(sqlite, s.sql, s.pluck).all(...s.params));
    sqlite.exec("COMMIT");
    parentPort.postMessage({ id: job.id, rows });
  } catch (error) {
    if (sqlite?.inTransaction) sqlite.exec("ROLLBACK");
    parentPort.postMessage({ id: job.id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
  }
});
