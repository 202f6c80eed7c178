// `npx tsx --conditions react-server tests/perf/page-statements.ts [--db var/synth.db] [--runs 7] [--plans] [PATH ...]`
//
// Per URL, in-process, the statements the page's queries run and the time each takes: the
// queries app/deals/page.tsx and its chart call (or /portfolio's, or the read API's for
// /api/v1/deals and /api/v1/positions), with the URL parsed by the page's own parser. Prints
// per path the database time of a request (each distinct statement counted once, at the median
// of its calls: outside a render React's `cache` shares nothing, so the packed sums run once
// per function that needs them here, where the server runs them once per request), the
// statement that took longest, and with --plans its EXPLAIN QUERY PLAN and the next two.
// Without paths, the shapes of a name filter combined with the other parameters.
import { loadavg } from "node:os";
import Database from "better-sqlite3";
import { inProcessArgs } from "./lib/in-process-args";

const values = inProcessArgs(7);
const { runs, paths: positionals } = values;

const PATHS = [
  "/deals",
  "/deals?q=robot",
  "/deals?q=robot&from=2015&to=2020",
  "/deals?q=robot&from=2020",
  "/deals?q=robot&to=2012",
  "/deals?q=robot&kind=acquisition",
  "/deals?q=robot&kind=reorganisation",
  "/deals?q=robot&status=denied",
  "/deals?q=robot&layer=basic",
  "/deals?q=robot&layer=-application",
  "/deals?q=robot&kind=acquisition&from=2018",
  "/deals?q=robot&page=50",
  "/deals?q=robot&page=2000",
  "/deals?q=robot&view=table",
  "/deals?q=robot&view=table&sort=-date",
  "/deals?q=robot&view=table&sort=company",
  "/deals?q=robot&view=table&sort=amount",
  "/deals?q=robot&view=table&sort=usd",
  "/deals?q=robot&view=table&sort=layer",
  "/deals?q=robot&view=table&sort=kind",
  "/deals?q=robot&view=table&sort=status",
  "/deals?q=robot&asof=2020-06-30",
  "/deals?q=uni",
  "/deals?q=zzzz",
  "/api/v1/deals?q=robot",
  "/api/v1/deals?q=robot&from=2015&to=2020",
  "/api/v1/deals?q=robot&offset=5000",
  "/portfolio?q=robot",
  "/portfolio?q=robot&layer=application",
  "/portfolio?q=robot&status=active",
  "/portfolio?q=robot&view=table",
  "/portfolio?q=robot&view=table&page=20",
];

// Every statement's calls timed by its text, on every connection.
const spent = new Map<string, number[]>();
const proto = Database.prototype as unknown as { prepare: (text: string) => Database.Statement };
const realPrepare = proto.prepare;
const texts = new Map<string, { sql: string; params: unknown[] }>();
proto.prepare = function (this: Database.Database, text: string) {
  const statement = realPrepare.call(this, text);
  if (text.startsWith("PRAGMA") || text.startsWith("EXPLAIN")) return statement;
  const key = text.replace(/\s+/g, " ").trim();
  for (const method of ["all", "get", "run"] as const) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return original.apply(statement, args);
      } finally {
        spent.set(key, [...(spent.get(key) ?? []), performance.now() - t0]);
        texts.set(key, { sql: text, params: args });
      }
    };
  }
  return statement;
};

async function main() {
  const { parseDealsParams, parsePortfolioParams, parseParams } = await import("@/lib/validation/params");
  const { API_RESOURCES } = await import("@/lib/validation/api");
  const { dealFilters } = await import("@/lib/views/deals-url");
  const { dealSortOf } = await import("@/lib/views/csv/deals");
  const { portfolioFilters, MAP_LIMIT, TABLE_PAGE_SIZE } = await import("@/lib/views/portfolio-url");
  const { dealsPerYear } = await import("@/lib/views/sections/deals");
  const { fetchResource } = await import("@/lib/views/api-records");
  const deals = await import("@/lib/db/queries/deals");
  const portfolio = await import("@/lib/db/queries/portfolio");
  const { listDealHistories } = await import("@/lib/db/queries/changes");
  const { getSqlite } = await import("@/lib/db/client");

  const callsOf = (url: URL): (() => unknown) => {
    const raw = Object.fromEntries(url.searchParams);
    if (url.pathname === "/deals") {
      const parsed = parseDealsParams(raw);
      if (!parsed.ok) throw new Error(`${url}: ${JSON.stringify(parsed.problems)}`);
      const { page = 1, view, sort, ...params } = parsed.data;
      const filters = dealFilters(params);
      return () => {
        const total = deals.countDeals(filters);
        deals.dealFacets(filters);
        const bounds = deals.dealYearRange();
        dealsPerYear(filters, bounds);
        const list = total === 0 ? [] : deals.listDeals(filters, { limit: 50, offset: (page - 1) * 50, order: "timeline", sort: view === "table" ? dealSortOf(sort && sort !== "date" ? sort : undefined) : undefined });
        if (view !== "table") listDealHistories(list.map((d) => d.id), filters.asof);
      };
    }
    if (url.pathname === "/portfolio") {
      const parsed = parsePortfolioParams(raw);
      if (!parsed.ok) throw new Error(`${url}: ${JSON.stringify(parsed.problems)}`);
      const { page = 1, view } = parsed.data;
      const filters = portfolioFilters(parsed.data);
      return () => {
        portfolio.listSegments();
        portfolio.listLayers(filters.asof);
        if (view === "table") {
          portfolio.countPortfolio(filters);
          portfolio.portfolioFacets(filters);
          portfolio.listPortfolio(filters, { limit: TABLE_PAGE_SIZE, offset: (page - 1) * TABLE_PAGE_SIZE });
        } else portfolio.portfolioMap(filters, MAP_LIMIT);
      };
    }
    const resource = url.pathname.replace("/api/v1/", "") as "deals" | "positions";
    const parsed = parseParams(API_RESOURCES[resource].params, raw);
    if (!parsed.ok) throw new Error(`${url}: ${JSON.stringify(parsed.problems)}`);
    return () => fetchResource(resource, parsed.data as never);
  };

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`database ${values.db}, median of ${runs} after one warm-up, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const p of positionals.length ? positionals : PATHS) {
    const call = callsOf(new URL(p, "http://x"));
    call();
    spent.clear();
    for (let i = 0; i < runs; i++) call();
    const ranked = [...spent].map(([key, ms]) => [key, median(ms)] as const).sort((a, b) => b[1] - a[1]);
    const [top, topMs] = ranked[0] ?? ["", 0];
    const total = ranked.reduce((sum, [, ms]) => sum + ms, 0);
    const rest = ranked.slice(1, 3).map(([key, ms]) => `${ms.toFixed(1)} ms ${key.slice(0, 100)}`);
    console.log(`${p.padEnd(44)} ${total.toFixed(1).padStart(7)} ms  top ${topMs.toFixed(1).padStart(6)} ms  ${top.slice(0, 100)}`);
    if (values.plans && top) {
      const s = texts.get(top)!;
      const plan = getSqlite().prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as never[])) as { detail: string }[];
      console.log(`    ${plan.map((r) => r.detail).join("\n    ")}`);
      for (const line of rest) console.log(`    next: ${line}`);
    }
  }
}

void main();
