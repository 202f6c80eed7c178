import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { pendingMigrations } from "../migrations-state";
import { applyPlan } from "./apply";
import { type ImportProblem, ImportPlanner } from "./plan";
import { streamImportFile } from "./read";

export const USAGE = "Usage: npm run db:import -- FILE.csv|FILE.json [--dry-run] [--db PATH] [--backup] [--backup-dir DIR]";
const SHOWN_PROBLEMS = 200;

export interface CommandResult {
  code: number;
  out: string;
}

export interface CommandOptions {
  defaultDb: string;
  /** Progress lines for large files (stderr in the CLI). */
  progress?: (line: string) => void;
  /** Called after each written row, inside the transaction. */
  onRow?: (done: number) => void;
}

/**
 * `db:import` as a function: argv in, exit code and message out. The CLI wraps it; tests
 * call it in-process. Nothing is written unless every row is valid.
 *
 * The file is streamed: read, validated and planned a batch of rows at a time into a
 * temporary table of the database connection, then written from there in one
 * transaction, so memory stays flat however long the file is.
 */
export async function importCommand(argv: string[], opts: CommandOptions): Promise<CommandResult> {
  let args: { positionals: string[]; values: { "dry-run"?: boolean; db?: string; backup?: boolean; "backup-dir"?: string; help?: boolean } };
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        db: { type: "string" },
        backup: { type: "boolean", default: false },
        "backup-dir": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    return { code: 2, out: `db:import: ${(err as Error).message}\n${USAGE}` };
  }
  if (args.values.help) return { code: 0, out: USAGE };
  if (args.positionals.length !== 1) return { code: 2, out: `db:import: give exactly one file to import.\n${USAGE}` };

  const label = args.positionals[0]!;
  const file = path.resolve(label);
  const target = args.values.db ? path.resolve(args.values.db) : opts.defaultDb;
  if (!existsSync(target)) return { code: 1, out: `db:import: no database at ${target}; run "npm run db:setup" first.` };

  // A line each time the count passes a tenth of the total: new deals are written a chunk
  // at a time, so the count jumps rather than steps by one.
  const progress = (what: string, total: number) => {
    const step = Math.max(10_000, Math.floor(total / 10));
    let shown = 0;
    return (done: number) => {
      if (opts.progress && total >= 10_000 && (Math.floor(done / step) > Math.floor(shown / step) || (done === total && shown !== total))) {
        shown = done;
        opts.progress(`  ${what} ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`);
      }
    };
  };
  const report = (problems: ImportProblem[], total = problems.length): CommandResult => {
    const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => {
      const where = [label];
      if (p.row !== null) where.push(`row ${p.row}`);
      if (p.column) where.push(`column "${p.column}"`);
      return `- ${where.join(", ")}${p.record ? ` (record "${p.record}")` : ""}: ${p.message}`;
    });
    if (total > SHOWN_PROBLEMS) lines.push(`- … and ${total - SHOWN_PROBLEMS} more`);
    return { code: 1, out: `db:import: ${total} problem(s) in ${label}; nothing was written.\n${lines.join("\n")}` };
  };

  // One connection plans and writes: the plan lives in its temporary tables. Planning only
  // reads the database (no write lock; temporary tables are outside the database file),
  // so a refused file leaves it byte-identical.
  const db = new Database(target, { fileMustExist: true });
  try {
    const pending = pendingMigrations(db);
    if (pending > 0) {
      return { code: 1, out: `db:import: ${target} is ${pending} migration(s) behind the code; run "npm run db:migrate" first. Nothing was written.` };
    }
    // The staging tables go to a temporary file, not memory; the duplicate checks revisit
    // index and table pages, so keep a bounded cache of them rather than re-read them.
    db.pragma("temp_store = FILE");
    db.pragma("cache_size = -65536");
    db.pragma("temp.cache_size = -16384");
    // Where a large import's time goes, in CPU seconds per phase (stderr, with the progress).
    let cpu = process.cpuUsage();
    const phase = (what: string) => {
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      opts.progress?.(`  ${what}: ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
    };
    const planner = new ImportPlanner(db);
    let nextProgress = 50_000;
    const read = await streamImportFile(file, (rows) => {
      planner.addBatch(rows);
      if (planner.rowsSeen >= nextProgress) {
        opts.progress?.(`  checked ${planner.rowsSeen.toLocaleString("en-US")} rows`);
        nextProgress += 50_000;
      }
    });
    if (!read.ok) return report(read.problems.map((p) => ({ ...p, record: null })));
    if (read.rows >= 10_000) opts.progress?.(`Read and checked ${read.rows.toLocaleString("en-US")} rows from ${label}`);
    const plan = planner.finish();
    if (read.rows >= 10_000) phase("read, checked and planned");
    if (plan.problemCount) return report(plan.problems, plan.problemCount);

    const { insert, update, unchanged } = plan.counts;
    const summary = `${insert} to add, ${update} to update, ${unchanged} unchanged`;
    const undated = planner
      .undatedSources()
      .map((s) => `\nNote: source "${s.key}" (row ${s.row}) has no published_date, so the facts it alone cites count from no day: past views, /changes and the feeds leave them out until it has one.`)
      .join("");
    if (args.values["dry-run"]) {
      const lines = planner
        .changes(null, 100)
        .map(
          (c) =>
            `  ${c.action === "insert" ? "add" : "update"} ${c.type} "${c.key}" (row ${c.row})${c.action === "update" ? `: ${c.fields.join(", ")}` : ""}` +
            c.detail.map((d) => `\n      ${d}`).join(""),
        );
      return { code: 0, out: `Dry run of ${label} against ${target}: ${summary}. Nothing was written.\n${lines.join("\n")}${undated}` };
    }
    if (insert + update === 0) return { code: 0, out: `Nothing to change: every row of ${label} is already in the database.` };
    const written = write(db, planner, insert + update, read.sha256, read.rows >= 10_000 ? phase : undefined);
    return written.code === 0 ? { ...written, out: `${written.out}${undated}` } : written;
  } finally {
    db.close();
  }

  function write(writer: Database.Database, planner: ImportPlanner, total: number, fileHash: string, phase?: (what: string) => void): CommandResult {
  // The transaction alone keeps a failed or killed import from changing the file. A backup
  // is a way back from an import that succeeded but was wrong; it copies the whole file
  // (650 MB on the synthetic database, longer than the import), so it is asked for.
  let backup: string | null = null;
  if (args.values.backup || args.values["backup-dir"]) {
    const backupDir = path.resolve(args.values["backup-dir"] ?? path.join(path.dirname(target), "backups"));
    mkdirSync(backupDir, { recursive: true });
    backup = path.join(backupDir, `${path.basename(target, ".db")}-${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
    copyFileSync(target, backup);
  }

  const writeProgress = progress("wrote", total);
  try {
    // WAL: the server keeps reading the old data while this writes, and a writer killed at
    // any point (mid-COMMIT included) leaves a log that readers simply ignore past its last
    // commit. A rollback journal would leave a hot journal that only a writable
    // connection may roll back, and readers would wait on the writer's lock.
    writer.pragma("busy_timeout = 10000");
    if (writer.pragma("journal_mode", { simple: true }) !== "wal") writer.pragma("journal_mode = WAL");
    const result = applyPlan(
      writer,
      planner,
      (done) => {
        writeProgress(done);
        opts.onRow?.(done);
      },
      { fileName: path.basename(file), fileHash },
      phase,
    );
    return {
      code: 0,
      out: `Imported ${label}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged. Recorded as a revision: see /changes.${backup ? `\nBackup of the previous database: ${backup}` : ""}`,
    };
  } catch (err) {
    return { code: 1, out: `db:import: writing failed and was rolled back; ${target} is unchanged. ${(err as Error).message}` };
  }
  }
}
