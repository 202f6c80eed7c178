// The scale figures of issue 15 against a running server on a synthetic database:
// company pages of a very busy organization, name filters and /sources at concurrency 1,
// and eight concurrent unique typo-tolerant searches with the latency of other pages
// measured idle and during them. Used by `npm run bench` (--synth) and, standalone, by
// `npx tsx tests/perf/lib/scale-probe.ts --base http://127.0.0.1:3241` (to measure a
// server built from another commit; `--search-only` for the concurrent searches alone).
import { request } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { percentile } from "./stats";

export interface Timed {
  status: number;
  ms: number;
}

export interface LatencySummary {
  url: string;
  samples: number;
  p50: number;
  p95: number;
  statuses: Record<string, number>;
}

/** One GET on a fresh connection (no keep-alive, so concurrent probes never queue on one socket). */
export function timedGet(base: string, pathname: string, timeoutMs = 60_000): Promise<Timed> {
  const url = new URL(pathname, base);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", agent: false, headers: { connection: "close" } },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
        res.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end();
  });
}

function summarize(url: string, runs: Timed[]): LatencySummary {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const r of runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { url, samples: runs.length, p50: percentile(ms, 50), p95: percentile(ms, 95), statuses };
}

/** Sequential requests (concurrency 1) for `samples` runs or until `maxMs` has passed. */
export async function sequential(base: string, url: string | ((i: number) => string), samples: number, maxMs = 60_000): Promise<LatencySummary> {
  const runs: Timed[] = [];
  const started = performance.now();
  for (let i = 0; i < samples && performance.now() - started < maxMs; i++) runs.push(await timedGet(base, typeof url === "string" ? url : url(i)));
  return summarize(typeof url === "string" ? url : url(0), runs);
}

// Eight-word searches with a typo in most words, each unique (a counter word), so no
// cache of any kind can answer them.
const WORDS = ["alibaba", "robotcs", "humanoid", "clodu", "invesment", "semiconductr", "autonomus", "driving", "acquisiton", "vioce", "modle", "chip", "memmory"];
export function uniqueSearch(i: number): string {
  const words = Array.from({ length: 7 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]!);
  return `/search?q=${encodeURIComponent(`${words.join(" ")} probe${i}x`)}`;
}

export interface SearchLoad {
  searches: LatencySummary;
  others: { url: string; idle: LatencySummary; during: LatencySummary }[];
}

/**
 * `concurrency` workers issue unique searches for `seconds`; meanwhile each of `others`
 * is requested sequentially. Its idle p95 is taken first, alone.
 */
export async function searchUnderLoad(base: string, others: string[], concurrency = 8, seconds = 10): Promise<SearchLoad> {
  const idle: LatencySummary[] = [];
  for (const url of others) idle.push(await sequential(base, url, 20, 20_000));
  let n = 0;
  const runs: Timed[] = [];
  const stopAt = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < stopAt) runs.push(await timedGet(base, uniqueSearch(n++)));
  };
  const during: LatencySummary[] = [];
  const probe = async () => {
    // Let the searches start, then sample each other page in turn until they stop.
    await new Promise((r) => setTimeout(r, 300));
    const perUrl = new Map<string, Timed[]>(others.map((u) => [u, []]));
    while (performance.now() < stopAt) for (const url of others) perUrl.get(url)!.push(await timedGet(base, url));
    for (const url of others) during.push(summarize(url, perUrl.get(url)!));
  };
  await Promise.all([...Array.from({ length: concurrency }, worker), probe()]);
  return {
    searches: summarize(`/search (${concurrency} concurrent unique 8-word searches)`, runs),
    others: others.map((url, i) => ({ url, idle: idle[i]!, during: during[i]! })),
  };
}

export interface ScaleProbe {
  companyPages: { url: string; statuses: Record<string, number>; p50: number }[];
  filters: LatencySummary[];
  search: SearchLoad;
}

export const NAME_FILTER_URLS = ["/portfolio?q=robot", "/deals?q=robot", "/sources"];
export const OTHER_PAGE_URLS = ["/capex", "/api/v1/deals?limit=50"];

export async function scaleProbe(base: string, opts: { busyCompany?: string; samples?: number; searchSeconds?: number } = {}): Promise<ScaleProbe> {
  const companyPages = [];
  for (const slug of [...new Set(["alibaba", opts.busyCompany ?? "unitree"])]) {
    const s = await sequential(base, `/companies/${slug}`, 3, 60_000);
    companyPages.push({ url: s.url, statuses: s.statuses, p50: s.p50 });
  }
  const filters = [];
  // A parameter no page reads makes every request a new URL, so no response cache answers it.
  const unique = (url: string) => (i: number) => `${url}${url.includes("?") ? "&" : "?"}probe=${i}`;
  for (const url of NAME_FILTER_URLS) {
    const s = await sequential(base, unique(url), opts.samples ?? 20, 60_000);
    filters.push({ ...s, url });
  }
  const search = await searchUnderLoad(base, OTHER_PAGE_URLS, 8, opts.searchSeconds ?? 10);
  return { companyPages, filters, search };
}

export function printScaleProbe(p: ScaleProbe, log: (line: string) => void = console.log): void {
  const ms = (x: number) => x.toFixed(1).padStart(8);
  log("Company pages of the busiest organizations (3 requests each):");
  for (const c of p.companyPages) log(`  ${c.url.padEnd(40)} p50 ${ms(c.p50)} ms  statuses ${JSON.stringify(c.statuses)}`);
  log("Name filters and /sources at concurrency 1 (ms):");
  for (const f of p.filters) log(`  ${f.url.padEnd(40)} p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  n=${f.samples} ${JSON.stringify(f.statuses)}`);
  const s = p.search.searches;
  log(`Searches: ${s.url}: p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  n=${s.samples} ${JSON.stringify(s.statuses)}`);
  for (const o of p.search.others) {
    log(`  ${o.url.padEnd(40)} idle p95 ${ms(o.idle.p95)}  during p95 ${ms(o.during.p95)}  ratio ${(o.during.p95 / o.idle.p95).toFixed(2)}x (n=${o.during.samples})`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: { base: { type: "string" }, busy: { type: "string", default: "unitree" }, samples: { type: "string", default: "20" }, "search-only": { type: "boolean", default: false } },
  });
  if (!values.base) throw new Error("--base http://127.0.0.1:PORT is required");
  if (values["search-only"]) {
    // Only the concurrent searches and the other pages during them: for comparing builds or
    // deployments (one process, or two behind nginx) back to back on a busy machine.
    const search = await searchUnderLoad(values.base, OTHER_PAGE_URLS, 8, 10);
    printScaleProbe({ companyPages: [], filters: [], search });
    console.log(`RESULT ${JSON.stringify({ search })}`);
    return;
  }
  const p = await scaleProbe(values.base, { busyCompany: values.busy, samples: Number(values.samples) });
  printScaleProbe(p);
  console.log(`RESULT ${JSON.stringify(p)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
