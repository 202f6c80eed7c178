import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { applyPlan } from "../lib/import/apply";
import { type ImportProblem, planImport } from "../lib/import/plan";
import { readImportFile } from "../lib/import/read";
import { databasePath } from "./paths";
import { pendingMigrations } from "./migrations-state";

const USAGE = "Usage: npm run db:import -- FILE.csv|FILE.json [--dry-run] [--db PATH] [--backup-dir DIR]";
const SHOWN_PROBLEMS = 200;

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      db: { type: "string" },
      "backup-dir": { type: "string" },
    },
  });
}
try {
  args = parse();
} catch (err) {
  exit(2, `db:import: ${(err as Error).message}\n${USAGE}`);
}
if (args.positionals.length !== 1) exit(2, `db:import: give exactly one file to import.\n${USAGE}`);

const file = path.resolve(args.positionals[0]!);
const label = args.positionals[0]!;
const target = args.values.db ? path.resolve(args.values.db) : databasePath();
const dryRun = args.values["dry-run"];
if (!existsSync(target)) exit(1, `db:import: no database at ${target}; run "npm run db:setup" first.`);

const progress = (what: string, total: number) => (done: number) => {
  if (total >= 10_000 && (done % Math.max(10_000, Math.floor(total / 10)) === 0 || done === total)) {
    process.stderr.write(`  ${what} ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows\n`);
  }
};

function report(problems: ImportProblem[]): never {
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => {
    const where = [label];
    if (p.row !== null) where.push(`row ${p.row}`);
    if (p.column) where.push(`column "${p.column}"`);
    return `- ${where.join(", ")}${p.record ? ` (record "${p.record}")` : ""}: ${p.message}`;
  });
  if (problems.length > SHOWN_PROBLEMS) lines.push(`- … and ${problems.length - SHOWN_PROBLEMS} more`);
  exit(1, `db:import: ${problems.length} problem(s) in ${label}; nothing was written.\n${lines.join("\n")}`);
}

const read = readImportFile(file);
if (!read.ok) report(read.problems.map((p) => ({ ...p, record: null })));
const rows = read.rows;
if (rows.length >= 10_000) process.stderr.write(`Read ${rows.length.toLocaleString("en-US")} rows from ${label}\n`);

// Validation reads the database without a write lock and without touching the file.
const reader = new Database(target, { readonly: true, fileMustExist: true });
const pending = pendingMigrations(reader);
if (pending > 0) {
  reader.close();
  exit(1, `db:import: ${target} is ${pending} migration(s) behind the code; run "npm run db:migrate" first. Nothing was written.`);
}
const plan = planImport(reader, rows, progress("checked", rows.length * 2));
reader.close();
if (plan.problems.length) report(plan.problems);

const count = (a: string) => plan.changes.filter((c) => c.action === a).length;
const summary = `${count("insert")} to add, ${count("update")} to update, ${count("unchanged")} unchanged`;
if (dryRun) {
  const lines = plan.changes
    .filter((c) => c.action !== "unchanged")
    .slice(0, 100)
    .map((c) => `  ${c.action === "insert" ? "add" : "update"} ${c.type} "${c.key}" (row ${c.row})${c.fields.length && c.action === "update" ? `: ${c.fields.join(", ")}` : ""}`);
  exit(0, `Dry run of ${label} against ${target}: ${summary}. Nothing was written.\n${lines.join("\n")}`);
}
if (count("insert") + count("update") === 0) exit(0, `Nothing to change: every row of ${label} is already in the database.`);

const backupDir = path.resolve(args.values["backup-dir"] ?? path.join(path.dirname(target), "backups"));
mkdirSync(backupDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const backup = path.join(backupDir, `${path.basename(target, ".db")}-${stamp}.db`);
copyFileSync(target, backup);

// Test hook for the crash test: pause inside the transaction after N rows, so a test can
// kill the process at a known point. Unset in normal use.
const pauseAt = Number(process.env.PORTFOLIO_IMPORT_PAUSE_AT ?? 0);
const writeProgress = progress("wrote", plan.changes.length);
const writer = new Database(target, { fileMustExist: true });
try {
  const result = applyPlan(writer, plan.changes, (done) => {
    writeProgress(done);
    if (pauseAt && done === pauseAt) {
      process.stderr.write("PAUSED\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  });
  writer.close();
  exit(0, `Imported ${label}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged.\nBackup of the previous database: ${backup}`);
} catch (err) {
  writer.close();
  exit(1, `db:import: writing failed and was rolled back; ${target} is unchanged. ${(err as Error).message}`);
}
