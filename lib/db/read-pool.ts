import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DatabaseMissingError, READER_PRAGMAS } from "./connection";
import { databasePath } from "./paths";

/**
 * A few worker threads (lib/db/read-worker.mjs), each with one read-only connection to the
 * same database file, that run a search's statements off the request thread: a search of
 * eight words costs tens of milliseconds of SQLite at scale, and on the request thread
 * every other page waited behind it (issue 15). Node's worker_threads is the mechanism;
 * nothing in Next or better-sqlite3 offers a pool of connections on other threads, and a
 * library pool (piscina and the like) would still need the entry file below, which is
 * all this adds besides a queue with a cap.
 *
 * A batch runs in one read transaction on the worker's connection, on the latest
 * committed data (a search's few batches can straddle an import's commit; its last one,
 * the details of the hits, drops what has gone). The workers run at a lower priority than
 * the request thread (read-worker.mjs), so a page's render is served first. The file is `databasePath()` at each call:
 * a new PORTFOLIO_DB or db:setup's copy into the live file is followed as the request
 * thread's connections follow it (lib/db/client.ts).
 */

/** Raised when the queue is full: the caller says "busy, try again", never a 500. */
export class ReadPoolBusyError extends Error {
  constructor() {
    super("The search workers are busy. Try again in a moment.");
    this.name = "ReadPoolBusyError";
  }
}

/** One statement of a batch: rows as better-sqlite3's `all` gives them, the first column only with `pluck`. */
export interface ReadStatement {
  sql: string;
  params: unknown[];
  pluck?: boolean;
}

interface Pending {
  resolve: (rows: unknown[][]) => void;
  reject: (error: Error) => void;
  file: string;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Batches waiting or running across all workers before new ones are refused. */
export const MAX_QUEUED = 64;

// The worker's entry file: beside this module in the project, read by Node at run time
// (process.cwd() is the project root under `next start`, .next/standalone under the
// standalone server, where it exists only if the build's file tracing copied it).
const workerFile = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "db", "read-worker.mjs");

function workerCount(): number {
  const set = process.env.SEARCH_WORKERS;
  if (set !== undefined && set !== "") return Math.max(0, Math.min(8, Math.floor(Number(set)) || 0));
  // One core for the request thread, the rest (at least one) for searches.
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

let slots: Slot[] | null = null;
let nextId = 1;

function start(): Slot[] {
  const made: Slot[] = [];
  for (let i = 0; i < workerCount(); i++) made.push(spawn());
  return made;
}

function spawn(): Slot {
  const worker = new Worker(workerFile, { workerData: { pragmas: [...READER_PRAGMAS] } });
  const slot: Slot = { worker, pending: new Map() };
  worker.on("message", (m: { id: number; rows?: unknown[][]; error?: { name: string; message: string } }) => {
    const job = slot.pending.get(m.id);
    if (!job) return;
    slot.pending.delete(m.id);
    if (slot.pending.size === 0) worker.unref();
    if (!m.error) job.resolve(m.rows ?? []);
    else if (m.error.name === "DatabaseMissingError") job.reject(new DatabaseMissingError(job.file));
    else job.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
  });
  const fail = (error: Error) => {
    // A worker that died takes its statements with it; the next call starts a new one.
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    if (slots) slots = slots.filter((s) => s !== slot);
    if (slots && slots.length === 0) slots = null;
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`A search worker stopped (exit code ${code}).`)));
  // An idle worker never keeps a script or a test run alive; one with work does (below).
  worker.unref();
  return slot;
}

/** Whether statements can run on workers here (off with SEARCH_WORKERS=0, or without the entry file). */
export function readPoolAvailable(): boolean {
  return workerCount() > 0 && existsSync(workerFile);
}

/** Runs a batch of read-only statements on the least busy worker, in one read transaction; their rows in order. */
export function readOnWorker(statements: ReadStatement[]): Promise<unknown[][]> {
  if (!slots) slots = start();
  const queued = slots.reduce((n, s) => n + s.pending.size, 0);
  if (queued >= MAX_QUEUED) return Promise.reject(new ReadPoolBusyError());
  const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = nextId++;
  const file = databasePath();
  return new Promise<unknown[][]>((resolve, reject) => {
    if (slot.pending.size === 0) slot.worker.ref();
    slot.pending.set(id, { resolve, reject, file });
    slot.worker.postMessage({ id, file, statements });
  });
}
