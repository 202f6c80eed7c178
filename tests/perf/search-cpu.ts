// `npx tsx --conditions react-server tests/perf/search-cpu.ts [--db var/synth.db] [--runs 40] [--q WORDS ...]`
//
// Where one typo-tolerant search's time goes, in-process on the request thread
// (SEARCH_WORKERS=0, so every statement is timed where it runs): CPU and wall time per
// statement shape (completions, typo candidates, hits per kind, details), summed over the
// scale probe's unique eight-word searches (tests/perf/lib/scale-probe.ts, uniqueSearch),
// and the whole searchAll call. A shared machine's CPU time is a fairer figure than its
// latency. `--q` (repeatable) searches those instead, in turn.
import path from "node:path";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { uniqueSearch } from "./lib/scale-probe";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: path.join("var", "synth.db") },
    runs: { type: "string", default: "40" },
    q: { type: "string", multiple: true },
  },
});
process.env.PORTFOLIO_DB = path.resolve(values.db);
process.env.SEARCH_WORKERS = "0";
const runs = Math.max(1, Number(values.runs) || 40);

/** A statement's shape: what it is for, read from its text. */
function shapeOf(sql: string): string {
  if (sql.includes("ORDER BY rank")) return "typo candidates (search_terms MATCH, rank)";
  if (sql.includes("FROM search_terms")) return "completions (search_terms)";
  if (sql.includes("bm25") || sql.includes("highlight(")) return `hits: ${/kind : (\w+)/.exec(sql)?.[1] ?? "kind in params"}`;
  if (sql.includes("FROM organizations o LEFT JOIN")) return "details: organizations";
  if (sql.includes("FROM deals d")) return "details: deals";
  if (sql.includes("FROM sources")) return "details: sources";
  return "other";
}

async function main() {
  const client = await import("@/lib/db/client");
  const { searchAll } = await import("@/lib/db/queries/search");
  const sqlite = client.getSqlite();
  const perShape = new Map<string, { n: number; cpu: number; wall: number; rows: number }>();
  const prepare = sqlite.prepare.bind(sqlite);
  // Time each statement's `all` where it runs (the inline reader prepares and calls `all`).
  (sqlite as unknown as { prepare: typeof prepare }).prepare = ((text: string) => {
    const stmt = prepare(text);
    const all = stmt.all.bind(stmt);
    const params = (args: unknown[]) => args.map(String).join(" ");
    (stmt as unknown as { all: (...a: unknown[]) => unknown[] }).all = (...args: unknown[]) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const rows = all(...args);
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const shape = shapeOf(text + params(args));
      const s = perShape.get(shape) ?? { n: 0, cpu: 0, wall: 0, rows: 0 };
      s.n++;
      s.cpu += (c.user + c.system) / 1000;
      s.wall += wall;
      s.rows += rows.length;
      perShape.set(shape, s);
      return rows;
    };
    return stmt;
  }) as typeof prepare;

  // Warm the page cache and the prepared statements once.
  await searchAll(decodeURIComponent(uniqueSearch(9999).split("q=")[1]!));
  perShape.clear();
  const total: number[] = [];
  const cpuTotal: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const q = values.q?.length ? values.q[i % values.q.length]! : decodeURIComponent(uniqueSearch(i).split("q=")[1]!);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await searchAll(q);
    total.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTotal.push((c.user + c.system) / 1000);
    hits += r.organizations.length + r.deals.length + r.sources.length;
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
  console.log(`database ${values.db}, ${runs} ${values.q?.length ? `searches of ${values.q.join(" | ")}` : "unique probe searches"}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`searchAll: cpu p50 ${pct(cpuTotal, 50).toFixed(1)} p95 ${pct(cpuTotal, 95).toFixed(1)} ms; wall p50 ${pct(total, 50).toFixed(1)} p95 ${pct(total, 95).toFixed(1)} ms; ${(hits / runs).toFixed(1)} hits per search`);
  console.log("per search, by statement shape (mean):");
  for (const [shape, s] of [...perShape].sort((a, b) => b[1].cpu - a[1].cpu)) {
    console.log(`  ${shape.padEnd(46)} cpu ${(s.cpu / runs).toFixed(2).padStart(7)} ms  wall ${(s.wall / runs).toFixed(2).padStart(7)} ms  statements ${(s.n / runs).toFixed(1).padStart(4)}  rows ${(s.rows / runs).toFixed(0).padStart(5)}`);
  }
}
main();
