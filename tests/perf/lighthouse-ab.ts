// `npx tsx tests/perf/lighthouse-ab.ts [--runs N] [--preset mobile|desktop] BASE_A [BASE_B ...] -- PATH [PATH...]`
//
// Lighthouse's own scores for two or more servers (builds) on the same pages, the runs
// interleaved (each round takes every page on every server, in alternating order), so a
// machine whose speed drifts weighs on all alike. Prints, per page and server, the median
// performance score with its FCP, LCP and TBT, and every run's figures. The bench
// (`npm run bench`) gives one build's scores; this compares builds before a merge.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CHROME, CHROME_FLAGS } from "./lib/chrome";

const { values, positionals } = parseArgs({
  options: { runs: { type: "string", default: "3" }, preset: { type: "string", default: "mobile" } },
  allowPositionals: true,
});
const sep = process.argv.indexOf("--");
const bases = positionals.filter((p) => /^https?:\/\//.test(p));
const paths = sep > 0 ? process.argv.slice(sep + 1) : [];
const runs = Number(values.runs);
if (!bases.length || !paths.length || !(Number.isInteger(runs) && runs >= 1 && runs <= 9) || !["mobile", "desktop"].includes(values.preset!)) {
  console.error("usage: lighthouse-ab.ts [--runs 1-9] [--preset mobile|desktop] http://HOST:PORT [http://HOST:PORT ...] -- /path [/path ...]");
  process.exit(2);
}

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  benchmarkIndex: number;
}

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
async function main() {
  // Lighthouse and chrome-launcher are ES modules: imported at run time, as the bench does.
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const load0 = loadavg();
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const results = new Map<string, Run[]>();
  try {
    for (let i = 0; i < runs; i++)
      for (const path of paths)
        for (const base of i % 2 ? [...bases].reverse() : bases) {
          const result = await lighthouse(base + path, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] }, values.preset === "desktop" ? desktopConfig : undefined);
          if (!result) throw new Error(`Lighthouse gave no result for ${base + path}`);
          const { lhr } = result;
          // A failed trace (NO_NAVSTART and the like) happens now and then on a loaded machine: say so and go on.
          if (lhr.runtimeError) {
            process.stderr.write(`  ${path} ${base}: no figures (${lhr.runtimeError.code})\n`);
            continue;
          }
          const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
          const run: Run = { score: Math.round((lhr.categories.performance?.score ?? NaN) * 100), fcp: metric("first-contentful-paint"), lcp: metric("largest-contentful-paint"), tbt: metric("total-blocking-time"), benchmarkIndex: Math.round(lhr.environment.benchmarkIndex) };
          const key = `${path} ${base}`;
          results.set(key, [...(results.get(key) ?? []), run]);
          process.stderr.write(`  ${key}: ${run.score} (TBT ${run.tbt} ms)\n`);
        }
  } finally {
    await chrome.kill();
  }
  console.log(`Lighthouse ${values.preset} preset, ${runs} interleaved runs per page and server; load average ${load0} -> ${loadavg()}`);
  console.log("page server: median score (its FCP / LCP / TBT ms) | every run: score FCP/LCP/TBT, benchmark index");
  for (const [key, rs] of results) {
    const median = [...rs].sort((a, b) => a.score - b.score)[Math.floor((rs.length - 1) / 2)]!;
    console.log(`${key.padEnd(58)} ${median.score} (${median.fcp} / ${median.lcp} / ${median.tbt}) | ${rs.map((r) => `${r.score} ${r.fcp}/${r.lcp}/${r.tbt} bi${r.benchmarkIndex}`).join(" | ")}`);
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
