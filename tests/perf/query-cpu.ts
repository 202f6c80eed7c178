// `npx tsx --conditions react-server tests/perf/query-cpu.ts [--db var/synth.db] [--runs 5]`
//
// CPU (user + system, process.cpuUsage) and wall time per query function that /deals?q=robot,
// /portfolio?q=robot and /sources run, in-process: on a shared machine the CPU a query
// takes is a fairer figure than a page's latency. Prints the median of --runs per call.
import { loadavg } from "node:os";
import { nameFilterArgs } from "./lib/in-process-args";

const values = nameFilterArgs(5);
const runs = values.runs;

async function main() {
  const portfolio = await import("@/lib/db/queries/portfolio");
  const deals = await import("@/lib/db/queries/deals");
  const stats = await import("@/lib/db/queries/deal-stats");
  const yearSources = await import("@/lib/db/queries/deal-year-sources");
  const sources = await import("@/lib/db/queries/sources");
  const spending = await import("@/lib/db/queries/spending");
  const q = values.q;
  const cases: [string, () => unknown][] = [
    // Under a name filter the cube and the chart's sources come from one statement
    // (packedSums), which a render runs once and shares through React's cache; outside a
    // render every function below that needs either runs it again.
    [`packedSums(q)`, () => deals.packedSums({ q })],
    // The sources per (cell, source), as a kind, status or year filter and the per-year CSV read them.
    [`packedSums(q) by cell`, () => deals.packedSums({ q }, "cell")],
    [`countDeals(q)`, () => deals.countDeals({ q })],
    [`dealFacets(q)`, () => deals.dealFacets({ q })],
    [`listDeals(q) 50`, () => deals.listDeals({ q }, { limit: 50, offset: 0, order: "timeline" })],
    [`dealCountsByYearAndKind(q)`, () => stats.dealCountsByYearAndKind({ q })],
    [`countUndatedDeals(q)`, () => stats.countUndatedDeals({ q })],
    [`dealSourceSummary(q)`, () => stats.dealSourceSummary({ q })],
    [`dealSourcesByYear(q)`, () => yearSources.dealSourcesByYear({ q })],
    [`countPortfolio(q)`, () => portfolio.countPortfolio({ q })],
    [`portfolioFacets(q)`, () => portfolio.portfolioFacets({ q })],
    [`listPortfolioTiles(q) 200`, () => portfolio.listPortfolioTiles({ q }, { limit: 200 })],
    // The map's count, facets and tiles: with more companies than tiles, dealt between segments.
    [`portfolioMap(q) 100`, () => portfolio.portfolioMap({ q }, 100).tiles],
    [`portfolioMap() 100`, () => portfolio.portfolioMap({}, 100).tiles],
    [`portfolioMap(basic) 100`, () => portfolio.portfolioMap({ layer: "basic" }, 100).tiles],
    [`portfolioMap(active) 100`, () => portfolio.portfolioMap({ status: "active" }, 100).tiles],
    // The overview's portfolio sources: every position's, grouped (it read listPortfolio's first 500, twice).
    [`positionCitations()`, () => portfolio.positionCitations()],
    [`listPortfolio() 500`, () => portfolio.listPortfolio({}, { limit: 500 })],
    [`listings: count + first 12`, () => [portfolio.countPortfolio({ status: "listing-in-progress" }), portfolio.listPortfolio({ status: "listing-in-progress" }, { limit: 12 })]],
    [`listSegments()`, () => portfolio.listSegments()],
    [`listLayers()`, () => portfolio.listLayers()],
    [`positionKindGroups()`, () => portfolio.positionKindGroups()],
    [`listSources()`, () => sources.listSources()],
    [`listConflicts()`, () => sources.listConflicts({})],
    [`listFxRates()`, () => spending.listFxRates()],
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`database ${values.db}, q=${q}, median of ${runs}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const [name, call] of cases) {
    const cpu: number[] = [];
    const wall: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = call();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      size = Array.isArray(out) ? out.length : out instanceof Map ? out.size : typeof out === "number" ? out : 1;
    }
    console.log(`${name.padEnd(30)} cpu ${median(cpu).toFixed(1).padStart(7)} ms  wall ${median(wall).toFixed(1).padStart(7)} ms  (${size})`);
  }
}
main();
