import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { pendingMigrations } from "../migrations-state";
import { applyPlan } from "./apply";
import { type ImportProblem, planImport } from "./plan";
import { readImportFile } from "./read";

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
 */
export function importCommand(argv: string[], opts: CommandOptions): CommandResult {
  let args: { positionals: string[]; values: { "dry-run"?: boolean; db?: string; backup?: boolean; "backup-dir"?: string } };
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        db: { type: "string" },
        backup: { type: "boolean", default: false },
        "backup-dir": { type: "string" },
      },
    });
  } catch (err) {
    return { code: 2, out: `db:import: ${(err as Error).message}\n${USAGE}` };
  }
  if (args.positionals.length !== 1) return { code: 2, out: `db:import: give exactly one file to import.\n${USAGE}` };

  const label = args.positionals[0]!;
  const file = path.resolve(label);
  const target = args.values.db ? path.resolve(args.values.db) : opts.defaultDb;
  if (!existsSync(target)) return { code: 1, out: `db:import: no database at ${target}; run "npm run db:setup" first.` };

  const progress = (what: string, total: number) => (done: number) => {
    if (opts.progress && total >= 10_000 && (done % Math.max(10_000, Math.floor(total / 10)) === 0 || done === total)) {
      opts.progress(`  ${what} ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`);
    }
  };
  const report = (problems: ImportProblem[]): CommandResult => {
    const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => {
      const where = [label];
      if (p.row !== null) where.push(`row ${p.row}`);
      if (p.column) where.push(`column "${p.column}"`);
      return `- ${where.join(", ")}${p.record ? ` (record "${p.record}")` : ""}: ${p.message}`;
    });
    if (problems.length > SHOWN_PROBLEMS) lines.push(`- … and ${problems.length - SHOWN_PROBLEMS} more`);
    return { code: 1, out: `db:import: ${problems.length} problem(s) in ${label}; nothing was written.\n${lines.join("\n")}` };
  };

  const read = readImportFile(file);
  if (!read.ok) return report(read.problems.map((p) => ({ ...p, record: null })));
  const rows = read.rows;
  if (rows.length >= 10_000) opts.progress?.(`Read ${rows.length.toLocaleString("en-US")} rows from ${label}`);

  // Validation reads the database without a write lock and without touching the file.
  const reader = new Database(target, { readonly: true, fileMustExist: true });
  // The duplicate checks revisit index and table pages; keep them rather than re-read them.
  reader.pragma("cache_size = -262144");
  let plan;
  try {
    const pending = pendingMigrations(reader);
    if (pending > 0) {
      return { code: 1, out: `db:import: ${target} is ${pending} migration(s) behind the code; run "npm run db:migrate" first. Nothing was written.` };
    }
    plan = planImport(reader, rows, progress("checked", rows.length * 2));
  } finally {
    reader.close();
  }
  if (plan.problems.length) return report(plan.problems);

  const count = (a: string) => plan.changes.filter((c) => c.action === a).length;
  const summary = `${count("insert")} to add, ${count("update")} to update, ${count("unchanged")} unchanged`;
  if (args.values["dry-run"]) {
    const lines = plan.changes
      .filter((c) => c.action !== "unchanged")
      .slice(0, 100)
      .map((c) => `  ${c.action === "insert" ? "add" : "update"} ${c.type} "${c.key}" (row ${c.row})${c.action === "update" ? `: ${c.fields.join(", ")}` : ""}`);
    return { code: 0, out: `Dry run of ${label} against ${target}: ${summary}. Nothing was written.\n${lines.join("\n")}` };
  }
  if (count("insert") + count("update") === 0) return { code: 0, out: `Nothing to change: every row of ${label} is already in the database.` };

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

  const writeProgress = progress("wrote", plan.changes.length);
  const writer = new Database(target, { fileMustExist: true });
  try {
    // WAL: the server keeps reading the old data while this writes, and a writer killed at
    // any point (mid-COMMIT included) leaves a log that readers simply ignore past its last
    // commit. A rollback journal would leave a hot journal that only a writable
    // connection may roll back, and readers would wait on the writer's lock.
    writer.pragma("busy_timeout = 10000");
    if (writer.pragma("journal_mode", { simple: true }) !== "wal") writer.pragma("journal_mode = WAL");
    const fileHash = createHash("sha256").update(readFileSync(file)).digest("hex");
    const result = applyPlan(
      writer,
      plan.changes,
      (done) => {
        writeProgress(done);
        opts.onRow?.(done);
      },
      { fileName: path.basename(file), fileHash },
    );
    return {
      code: 0,
      out: `Imported ${label}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged. Recorded as a revision: see /changes.${backup ? `\nBackup of the previous database: ${backup}` : ""}`,
    };
  } catch (err) {
    return { code: 1, out: `db:import: writing failed and was rolled back; ${target} is unchanged. ${(err as Error).message}` };
  } finally {
    writer.close();
  }
}
