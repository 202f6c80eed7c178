// `npx tsx --conditions react-server tests/perf/statement-cost.ts [--db var/synth.db] [--q robot] [--runs 20]`
//
// What it costs to make the SQL of a name filter's deals page, per statement, in-process:
// drizzle building a statement's text from its parts (SQLiteSyncDialect.sqlToQuery) and
// SQLite compiling it (better-sqlite3's prepare), as opposed to running it. Runs the query
// functions `/deals?q=…` calls, 5 times to warm up, then --runs times on one connection
// (as one request after another on a pooled connection), and prints the time per run.
// A statement prepared once per connection (lib/db/client.ts, `prepared`) shows only in the
// warm-up. Used for scale10's figures in tests/perf/README.md.
import { loadavg } from "node:os";
import Database from "better-sqlite3";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { listDealHistories } from "@/lib/db/queries/changes";
import { dealSourceSummary } from "@/lib/db/queries/deal-stats";
import { countDeals, dealYearRange, listDeals } from "@/lib/db/queries/deals";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listFxRates } from "@/lib/db/queries/spending";
import { nameFilterArgs } from "./lib/in-process-args";

const values = nameFilterArgs(20);
const runs = values.runs;

interface Cost {
  builds: number;
  buildMs: number;
  compiles: number;
  compileMs: number;
}
const costs = new Map<string, Cost>();
const costOf = (text: string): Cost => {
  const key = text.replace(/\s+/g, " ").trim().slice(0, 90);
  let c = costs.get(key);
  if (!c) costs.set(key, (c = { builds: 0, buildMs: 0, compiles: 0, compileMs: 0 }));
  return c;
};

// Wrapped on the prototypes, so every connection's statements are counted.
const dialect = SQLiteSyncDialect.prototype as unknown as { sqlToQuery: (...args: unknown[]) => { sql: string } };
const sqlToQuery = dialect.sqlToQuery;
dialect.sqlToQuery = function (this: unknown, ...args: unknown[]) {
  const t0 = performance.now();
  const query = sqlToQuery.apply(this, args);
  const c = costOf(query.sql);
  c.builds++;
  c.buildMs += performance.now() - t0;
  return query;
};
const db = Database.prototype as unknown as { prepare: (text: string) => unknown };
const prepare = db.prepare;
db.prepare = function (this: unknown, text: string) {
  const t0 = performance.now();
  const statement = prepare.call(this, text);
  const c = costOf(text);
  c.compiles++;
  c.compileMs += performance.now() - t0;
  return statement;
};

function main() {
  const filters = { q: values.q };
  // The statements of app/deals/page.tsx and its chart under a name filter. Outside a render
  // React's cache does not share the packed sums: they are built and run twice per run here
  // (countDeals, dealSourceSummary), once per request in the server.
  const page = () => {
    countDeals(filters);
    dealYearRange();
    listFxRates();
    const list = listDeals(filters, { limit: 50, offset: 0, order: "timeline" });
    listDealHistories(list.map((d) => d.id));
    dealSourceSummary(filters);
    getDataAsOf();
  };
  for (let i = 0; i < 5; i++) page();
  costs.clear();
  for (let i = 0; i < runs; i++) page();
  console.log(`database ${values.db}, q=${values.q}, ${runs} runs, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log("build ms/run  compile ms/run  builds, compiles/run  statement");
  let build = 0;
  let compile = 0;
  for (const [text, c] of [...costs].sort((a, b) => b[1].buildMs + b[1].compileMs - a[1].buildMs - a[1].compileMs)) {
    build += c.buildMs;
    compile += c.compileMs;
    console.log(`${(c.buildMs / runs).toFixed(3).padStart(12)}  ${(c.compileMs / runs).toFixed(3).padStart(14)}  ${`${c.builds / runs}, ${c.compiles / runs}`.padStart(20)}  ${text}`);
  }
  console.log(`${(build / runs).toFixed(2).padStart(12)}  ${(compile / runs).toFixed(2).padStart(14)}  in all, per run`);
}
main();
