// `npx tsx tests/perf/index-use.ts --db var/synth.db [--tables deals,citations] [--verbose] LOG.jsonl...`
//
// Which statement each index serves: reads the statements tests/perf/lib/log-statements.mjs
// logged (with their EXPLAIN QUERY PLAN, taken where they ran) and prints, per index of the
// chosen tables, how many distinct statements name it in their plan and the first few of
// them; an index no statement names is printed with 0. Plans that scan a table without any
// index are listed too (a dropped index would show up there). --verbose prints every
// statement that touches the tables, with its plan. Used for index11's audit in
// tests/perf/README.md.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string", default: "var/synth.db" },
    tables: { type: "string", default: "deals,citations" },
    verbose: { type: "boolean", default: false },
  },
});
if (positionals.length === 0) {
  console.error("usage: npx tsx tests/perf/index-use.ts --db DB [--tables deals,citations] [--verbose] LOG.jsonl...");
  process.exit(2);
}

interface Logged {
  via: string;
  sql: string;
  plan: string[] | null;
}
const tables = values.tables.split(",");
const db = new Database(values.db, { readonly: true, fileMustExist: true });
const indexes = db
  .prepare(`SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY tbl_name, name`)
  .all(JSON.stringify(tables)) as { name: string; tbl: string; sql: string | null }[];

const statements = new Map<string, Logged>();
for (const file of positionals) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const s = JSON.parse(line) as Logged;
    statements.set(s.sql, s);
  }
}
const short = (sql: string) => sql.replace(/\s+/g, " ").slice(0, 160);
const touches = (s: Logged) => tables.some((t) => new RegExp(`\\b${t}\\b`, "i").test(s.sql));

console.log(`${statements.size} distinct statements, ${[...statements.values()].filter(touches).length} name ${tables.join(" or ")}`);
console.log("");
console.log("| index | statements whose plan uses it | first of them |");
console.log("|---|---:|---|");
for (const index of indexes) {
  const uses = [...statements.values()].filter((s) => s.plan?.some((d) => new RegExp(`INDEX ${index.name}\\b`).test(d)));
  console.log(`| ${index.name} | ${uses.length} | ${uses.slice(0, 3).map((s) => `\`${short(s.sql).slice(0, 90)}\``).join("<br>")} |`);
}
console.log("");
const scans = [...statements.values()].filter((s) => s.plan?.some((d) => tables.some((t) => new RegExp(`^SCAN ${t}( AS \\w+)?$`).test(d.trim()))));
console.log(`Statements with a full scan of ${tables.join(" or ")} (no index): ${scans.length}`);
for (const s of scans) console.log(`- ${short(s.sql)}`);
const unexplained = [...statements.values()].filter((s) => s.plan === null && touches(s) && !/^(CREATE|DROP|PRAGMA|ALTER)\b/i.test(s.sql));
console.log(`Statements naming the tables that could not be explained: ${unexplained.length}`);
for (const s of unexplained) console.log(`- ${short(s.sql)}`);
if (values.verbose) {
  console.log("");
  for (const s of statements.values()) {
    if (!touches(s)) continue;
    console.log("```", short(s.sql), "--", ...(s.plan ?? ["(no plan)"]), "```");
  }
}
