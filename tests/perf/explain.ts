// `npm run bench:explain [-- --db var/synth.db] [--out FILE.md]`
//
// Runs the real query functions of lib/db/queries (portfolio and deals) with the filters the
// pages use, captures every SQL statement they prepare, and prints its EXPLAIN QUERY PLAN
// and how long the call took. Needs the react-server condition (tsx --conditions
// react-server) because the query modules are marked server-only.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: path.join("var", "synth.db") },
    out: { type: "string" },
    runs: { type: "string", default: "3" },
    "bundle-runs": { type: "string", default: "20" },
    "skip-cases": { type: "boolean", default: false },
  },
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
  const { listPortfolio, listPortfolioTiles, countPortfolio, portfolioFacets, listLayers, listSegments, portfolioByLayerAndRelationship } = await import(
    "@/lib/db/queries/portfolio"
  );
  const { listDeals, countDeals, dealFacets, dealYearRange } = await import("@/lib/db/queries/deals");
  const { countUndatedDeals, dealCountsByYearAndKind, dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
  const { dealSourcesByYear } = await import("@/lib/db/queries/deal-year-sources");
  const { getDataAsOf } = await import("@/lib/db/queries/meta");
  const { getSqlite } = await import("@/lib/db/client");

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
    { name: "listDeals(kind=reorganisation,status=denied)", call: () => listDeals({ kind: "reorganisation", status: "denied" }, PAGE) },
    { name: "listPortfolioTiles(layer=application,status=active) 500", call: () => listPortfolioTiles({ layer: "application", status: "active" }, { limit: 500 }) },
    { name: "listDeals(organization=unitree)", call: () => listDeals({ organization: "unitree" }, PAGE) },
    { name: "countDeals()", call: () => countDeals({}) },
    { name: "countDeals(kind=equity-investment)", call: () => countDeals({ kind: "equity-investment" }) },
    { name: "countDeals(layer=application)", call: () => countDeals({ layer: "application" }) },
    { name: "dealFacets(kind=equity-investment)", call: () => dealFacets({ kind: "equity-investment" }) },
    { name: "dealFacets()", call: () => dealFacets({}) },
    { name: "dealFacets(layer=application,fromYear=2020)", call: () => dealFacets({ layer: "application", fromYear: 2020 }) },
    { name: "dealYearRange()", call: () => dealYearRange() },
    { name: "dealCountsByYearAndKind()", call: () => dealCountsByYearAndKind({}) },
    { name: "dealCountsByYearAndKind(kind=equity-investment)", call: () => dealCountsByYearAndKind({ kind: "equity-investment" }) },
    { name: "countUndatedDeals(kind=equity-investment)", call: () => countUndatedDeals({ kind: "equity-investment" }) },
    { name: "dealSourceSummary(kind=equity-investment)", call: () => dealSourceSummary({ kind: "equity-investment" }) },
    { name: "dealSourcesByYear(kind=equity-investment)", call: () => dealSourcesByYear({ kind: "equity-investment" }) },
    { name: "listSegments()", call: () => listSegments() },
    { name: "listLayers()", call: () => listLayers() },
    { name: "portfolioFacets()", call: () => portfolioFacets({}) },
    { name: "getDataAsOf()", call: () => getDataAsOf() },
  ];

  const sqlite = getSqlite();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const lines: string[] = [`Database: ${values.db}`, ""];
  for (const c of values["skip-cases"] ? [] : cases) {
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
    for (const [i, s] of statements.entries()) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>();
      const text = plan.map((p) => {
        const d = (depth.get(p.parent) ?? -1) + 1;
        depth.set(p.id, d);
        return `${"  ".repeat(d)}${p.detail}`;
      });
      // The follow-up lookups (aliases, co-investors, terms, citations by id) are index
      // searches every time; one line each is enough.
      if (i === 0) lines.push("```", s.sql.replace(/\s+/g, " ").slice(0, 300), "--", ...text, "```", "");
      else lines.push(`- then: ${s.sql.replace(/\s+/g, " ").replace(/(\?, )+\?/g, "…").slice(0, 90)} -> ${text.map((t) => t.trim()).join("; ")}`);
    }
    lines.push("");
  }

  // The queries each page's server component runs for one request (taken from the page
  // code being built in the other branches), timed together: the database's share of that
  // page's latency at concurrency 1, before any rendering.
  type Bundle = { name: string; call: () => unknown };
  const bundles: Bundle[] = [
    {
      name: "/ (layers, portfolio by layer, first 500 positions, 6 recent deals)",
      call: () => [listLayers(), portfolioByLayerAndRelationship(), listPortfolio(), listDeals({}, { order: "recent", limit: 6 })],
    },
    // Every query the page and the components it renders run, the layout's footer included.
    ...(["/portfolio?layer=application&status=active", "/portfolio"] as const).map((name) => ({
      name: `${name} (segments, count, layers, facets, 500 tiles, data as of)`,
      call: () => {
        const f = name === "/portfolio" ? {} : ({ layer: "application", status: "active" } as const);
        return [listSegments(), countPortfolio(f), listLayers(), portfolioFacets(f), listPortfolioTiles(f, { limit: 500 }), getDataAsOf()];
      },
    })),
    ...(["/deals?kind=equity-investment", "/deals"] as const).map((name) => ({
      name: `${name} (count, facets, year range, first 50, deals-per-year chart and its sources, data as of)`,
      call: () => {
        const f = name === "/deals" ? {} : ({ kind: "equity-investment" } as const);
        return [
          countDeals(f),
          dealFacets(f),
          dealYearRange(),
          listDeals(f, { limit: 50, offset: 0, order: "timeline" }),
          dealCountsByYearAndKind(f),
          countUndatedDeals(f),
          dealSourceSummary(f),
          dealSourcesByYear(f),
          getDataAsOf(),
        ];
      },
    })),
    { name: "/api/v1/deals?limit=50 (first 50 and the total)", call: () => [listDeals({}, { limit: 50, offset: 0 }), countDeals({})] },
  ];
  const bundleRuns = Math.max(1, Number(values["bundle-runs"]) || 20);
  lines.push("## Query time per page (ms, database only)", "", "| page | p50 | p95 | max | runs |", "|---|---:|---:|---:|---:|");
  for (const b of bundles) {
    const times: number[] = [];
    for (let i = 0; i < bundleRuns; i++) {
      const t = performance.now();
      b.call();
      times.push(performance.now() - t);
    }
    const sorted = [...times].sort((x, y) => x - y);
    const at = (p: number) => sorted[Math.min(sorted.length, Math.ceil((p / 100) * sorted.length)) - 1]!;
    lines.push(`| ${b.name} | ${at(50).toFixed(1)} | ${at(95).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} | ${bundleRuns} |`);
    process.stderr.write(`${b.name}: p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms\n`);
  }
  lines.push("");
  const out = lines.join("\n");
  if (values.out) writeFileSync(values.out, out);
  console.log(out);
}

void main();
