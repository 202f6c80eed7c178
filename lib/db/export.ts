import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { toCsv } from "../domain/csv";
import { exportTables, withSourceDetails } from "./export-data";
import { databasePath } from "./paths";

function fail(message: string): never {
  console.error(`db:export: ${message}`);
  process.exit(2);
}

let values: { format?: string; out?: string; db?: string };
try {
  ({ values } = parseArgs({
    options: { format: { type: "string", default: "json" }, out: { type: "string" }, db: { type: "string" } },
  }));
} catch (err) {
  fail(`${(err as Error).message}. Usage: npm run db:export [-- --format json|csv --out DIR]`);
}
const format = values.format;
if (format !== "json" && format !== "csv") fail(`--format must be "json" or "csv", not "${format}"`);
if (format === "csv" && !values.out) fail("--format csv writes one file per table: give the folder with --out DIR");

const file = values.db ?? databasePath();
if (!existsSync(file)) fail(`no database at ${file}; run "npm run db:setup" first`);
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const tables = exportTables(sqlite);
const meta = Object.fromEntries(
  (sqlite.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
);
sqlite.close();

if (format === "json") {
  process.stdout.write(`${JSON.stringify({ database: path.basename(file), dataAsOf: meta.data_as_of ?? null, datasetHash: meta.dataset_hash ?? null, tables }, null, 2)}\n`);
} else {
  const out = path.resolve(values.out!);
  mkdirSync(out, { recursive: true });
  for (const [name, rows] of Object.entries(tables)) {
    writeFileSync(path.join(out, `${name}.csv`), toCsv(withSourceDetails(rows, tables.sources ?? [])));
    console.error(`wrote ${path.join(out, `${name}.csv`)} (${rows.length} rows)`);
  }
}
