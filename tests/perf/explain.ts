// `npm run bench:explain [-- --db var/synth.db] [--out FILE.md]`
//
// Runs the real query functions of lib/queries (portfolio and deals) with the filters the
// pages use, captures every SQL statement they prepare, and prints its EXPLAIN QUERY PLAN
// and how long the call took. Needs the react-server condition (tsx --conditions
// react-server) because the query modules are marked server-only.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: { db: { type: "string", default: path.join("var", "synth.db") }, out: { type: "string" }, runs: { type: "string", default: "3" } },
});
process.env.PORTFOLIO_DB = path.resolve(values.db);
const runs = Math.max(1, Number(values.runs) || 3);

// Record each statement the query layer prepares, with the parameters it runs with.
interface Captured {
  sql: string;
  params: unknown[];
}
let captured: Captured[] = [];
const proto = Database.prototype as unknown as { prepare: (sql: string) => Database.Statement };
const realPrepare = proto.prepare;
proto.prepare = function (this: Database.Database, sql: string) {
  const stmt = realPrepare.call(this, sql);
  for (const method of ["all", "get", "run", "iterate", "raw"] as const) {
    const original = (stmt as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof original !== "function") continue;
    (stmt as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
      if (method === "raw") return original.apply(stmt, args);
      if (!sql.startsWith("PRAGMA") && !sql.startsWith("EXPLAIN")) captured.push({ sql, params: args });
      return original.apply(stmt, args);
    };
  }
  return stmt;
};

async function main() {
  const { listPortfolio, countPortfolio, portfolioFacets } = await import("@/lib/queries/portfolio");
  const { listDeals, countDeals, dealFacets } = await import("@/lib/queries/deals");
  const { getSqlite } = await import("@/db/client");

  type Case = { name: string; call: () => unknown };
  const PAGE = { limit: 50, offset: 0 };
  const cases: Case[] = [
    { name: "listPortfolio()", call: () => listPortfolio({}, PAGE) },
    { name: "listPortfolio(layer=application)", call: () => listPortfolio({ layer: "application" }, PAGE) },
    { name: "listPortfolio(layer=application,status=active)", call: () => listPortfolio({ layer: "application", status: "active" }, PAGE) },
    { name: "listPortfolio(relationship=rumoured)", call: () => listPortfolio({ relationship: "rumoured" }, PAGE) },
    { name: "listPortfolio(status=denied)", call: () => listPortfolio({ status: "denied" }, PAGE) },
    { name: "listPortfolio(segment=robotics)", call: () => listPortfolio({ segment: "robotics" }, PAGE) },
    { name: "listPortfolio(q=robot)", call: () => listPortfolio({ q: "robot" }, PAGE) },
    { name: "listPortfolio(layer=application,status=active) offset 5000", call: () => listPortfolio({ layer: "application", status: "active" }, { limit: 50, offset: 5000 }) },
    { name: "countPortfolio(layer=application,status=active)", call: () => countPortfolio({ layer: "application", status: "active" }) },
    { name: "portfolioFacets(layer=application,status=active)", call: () => portfolioFacets({ layer: "application", status: "active" }) },
    { name: "listDeals()", call: () => listDeals({}, PAGE) },
    { name: "listDeals() recent", call: () => listDeals({}, { ...PAGE, order: "recent" }) },
    { name: "listDeals(kind=equity-investment)", call: () => listDeals({ kind: "equity-investment" }, PAGE) },
    { name: "listDeals(kind=equity-investment) recent", call: () => listDeals({ kind: "equity-investment" }, { ...PAGE, order: "recent" }) },
    { name: "listDeals(status=denied)", call: () => listDeals({ status: "denied" }, PAGE) },
    { name: "listDeals(layer=application)", call: () => listDeals({ layer: "application" }, PAGE) },
    { name: "listDeals(fromYear=2020,toYear=2021)", call: () => listDeals({ fromYear: 2020, toYear: 2021 }, PAGE) },
    { name: "listDeals(kind=equity-investment,status=completed) offset 10000", call: () => listDeals({ kind: "equity-investment", status: "completed" }, { limit: 50, offset: 10000 }) },
    { name: "listDeals(organization=unitree)", call: () => listDeals({ organization: "unitree" }, PAGE) },
    { name: "countDeals()", call: () => countDeals({}) },
    { name: "countDeals(kind=equity-investment)", call: () => countDeals({ kind: "equity-investment" }) },
    { name: "countDeals(layer=application)", call: () => countDeals({ layer: "application" }) },
    { name: "dealFacets(kind=equity-investment)", call: () => dealFacets({ kind: "equity-investment" }) },
  ];

  const sqlite = getSqlite();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const lines: string[] = [`Database: ${values.db}`, ""];
  for (const c of cases) {
    const times: number[] = [];
    let statements: Captured[] = [];
    for (let i = 0; i < runs; i++) {
      captured = [];
      const t = performance.now();
      c.call();
      times.push(performance.now() - t);
      statements = captured;
    }
    lines.push(`### ${c.name}: ${median(times).toFixed(1)} ms (median of ${runs})`, "");
    for (const s of statements) {
      // Only the main statement's plan is interesting; the follow-up lookups by id are all index hits.
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>();
      const text = plan.map((p) => {
        const d = (depth.get(p.parent) ?? -1) + 1;
        depth.set(p.id, d);
        return `${"  ".repeat(d)}${p.detail}`;
      });
      lines.push("```", s.sql.replace(/\s+/g, " ").slice(0, 400), "--", ...text, "```", "");
    }
}
const out = lines.join("\n");
if (values.out) writeFileSync(values.out, out);
console.log(out);
}

void main();
