// The scale figures of issue 15 against a running server on a synthetic database:
// company pages of a very busy organization, name filters and /sources at concurrency 1,
// and eight concurrent unique typo-tolerant searches with the latency of other pages
// measured idle and during them. Used by `npm run bench` (--synth) and, standalone, by
// `npx tsx tests/perf/lib/scale-probe.ts --base http://127.0.0.1:3241` (to measure a
// server built from another commit; `--search-only` for the concurrent searches alone;
// `--searches typos` for the 8-word searches that find nothing, which earlier runs used;
// `--seconds N` for a longer run of the concurrent searches than 10 s; `--phases N` to take
// the idle figures in N stretches between N stretches of searches; `--others-every MS` for the
// other pages' pace during the searches, 0 for back to back as before session 20).
import { request } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { percentile } from "./stats";

export interface Timed {
  status: number;
  ms: number;
  /** Search hits on the page, when counted. */
  hits?: number;
}

export interface LatencySummary {
  url: string;
  samples: number;
  p50: number;
  p95: number;
  statuses: Record<string, number>;
}

/**
 * One GET on a fresh connection (no keep-alive, so concurrent probes never queue on one socket).
 * With `countHits`, the body is kept and the search hits in it counted.
 */
export function timedGet(base: string, pathname: string, timeoutMs = 60_000, countHits = false): Promise<Timed> {
  const url = new URL(pathname, base);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", agent: false, headers: { connection: "close" } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          if (countHits) body += chunk.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, ...(countHits ? { hits: body.split('data-testid="search-hit"').length - 1 } : {}) }));
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

async function sequentialRuns(base: string, url: string | ((i: number) => string), samples: number, maxMs: number): Promise<Timed[]> {
  const runs: Timed[] = [];
  const started = performance.now();
  for (let i = 0; i < samples && performance.now() - started < maxMs; i++) runs.push(await timedGet(base, typeof url === "string" ? url : url(i)));
  return runs;
}

/** Sequential requests (concurrency 1) for `samples` runs or until `maxMs` has passed. */
export async function sequential(base: string, url: string | ((i: number) => string), samples: number, maxMs = 60_000): Promise<LatencySummary> {
  return summarize(typeof url === "string" ? url : url(0), await sequentialRuns(base, url, samples, maxMs));
}

// Eight-word searches with a typo in most words, each unique (a counter word), so no
// cache of any kind can answer them. The counter word is in no record, so these find
// nothing: they time the typo correction and an empty result ("typos").
const WORDS = ["alibaba", "robotcs", "humanoid", "clodu", "invesment", "semiconductr", "autonomus", "driving", "acquisiton", "vioce", "modle", "chip", "memmory"];
export function uniqueSearch(i: number): string {
  const words = Array.from({ length: 7 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]!);
  return `/search?q=${encodeURIComponent(`${words.join(" ")} probe${i}x`)}`;
}

/**
 * A search that finds something, still unique ("names", the default): the i-th company
 * name of `names` with one letter dropped from its longest word, a different letter on each
 * pass over the list. The typo makes the search correct the word before it can match, as a
 * reader's would.
 */
export function nameSearch(i: number, names: readonly string[]): string {
  const name = names[i % names.length]!.toLowerCase();
  const words = name.split(/\s+/).filter(Boolean);
  const longest = words.reduce((best, w, k) => (w.length > words[best]!.length ? k : best), 0);
  const word = words[longest]!;
  if (word.length >= 4) {
    // Never the first letter: readers rarely get that wrong, and a prefix keeps the completions bounded.
    const at = 1 + (Math.floor(i / names.length) % (word.length - 2));
    words[longest] = word.slice(0, at) + word.slice(at + 1);
  }
  return `/search?q=${encodeURIComponent(words.join(" "))}`;
}

/**
 * Searches from `make(0)`, `make(1)`, … with repeats skipped. Synthetic company names repeat
 * (on var/synth.db, 258 names of the 1,500 the probe reads appear more than once), and
 * a repeated URL could be answered by a cache in front of the app (nginx's, with its cache
 * lock making the second one wait), so "unique" has to be checked, not assumed.
 */
export function distinctSearches(make: (i: number) => string, limit = 1_000_000): () => string {
  const seen = new Set<string>();
  let i = 0;
  return () => {
    for (const end = i + limit; i < end; ) {
      const url = make(i++);
      if (!seen.has(url)) {
        seen.add(url);
        return url;
      }
    }
    throw new Error(`no new search in ${limit} tries: too few distinct names for the run`);
  };
}

export type SearchMix = "names" | "typos";
export const SEARCH_MIXES: readonly SearchMix[] = ["names", "typos"];

/** Company names to search for, read through the API (a few pages of 500). */
async function companyNames(base: string, wanted = 1500): Promise<string[]> {
  const names: string[] = [];
  for (let offset = 0; names.length < wanted; offset += 500) {
    const res = await fetch(new URL(`/api/v1/organizations?limit=500&offset=${offset}`, base));
    if (!res.ok) break;
    const page = ((await res.json()) as { data?: { name?: string }[] }).data ?? [];
    names.push(...page.map((o) => o.name).filter((n): n is string => typeof n === "string" && n.length > 0));
    if (page.length < 500) break;
  }
  return names;
}

/**
 * How often the other pages are asked for while the searches run: one request every 100 ms,
 * ten a second across the site. They are there to time what other readers get, not to be
 * load: asked back to back (`0`, what this probe did until session 20), /capex and the API
 * took 17 and 6 ms of the one request thread each, about 25 pairs a second, more of the
 * thread than the eight searches got (tests/perf/README.md, "Last results: session 20").
 */
export const OTHERS_EVERY_MS = 100;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: Clock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Runs `step` until `until`, each run starting `everyMs` after the one before (at once when
 * that one took longer); `everyMs` 0 runs them back to back. Returns how many ran.
 */
export async function paced(until: number, everyMs: number, step: () => Promise<void>, clock: Clock = realClock): Promise<number> {
  let runs = 0;
  while (clock.now() < until) {
    const started = clock.now();
    await step();
    runs++;
    const rest = Math.min(everyMs - (clock.now() - started), until - clock.now());
    if (rest > 0) await clock.sleep(rest);
  }
  return runs;
}

export interface SearchLoad {
  searches: LatencySummary;
  mix: SearchMix;
  /** The other pages were asked for one request every this many ms (0: back to back). */
  othersEveryMs: number;
  /** Share of the searches whose page listed at least one hit. */
  withHits: number;
  others: { url: string; idle: LatencySummary; during: LatencySummary }[];
}

/**
 * `concurrency` workers issue unique searches for `seconds`; meanwhile each of `others`
 * is requested sequentially. Its idle p95 is taken first, alone.
 *
 * With `phases` > 1 the run alternates: `phases` times an idle stretch, then a stretch of
 * searches, each `seconds / phases` long, and the idle and during figures pool their
 * stretches. On a machine shared with others' builds the load drifts within a minute, so
 * idle samples taken next to the searches' make a steadier ratio than one idle run first.
 */
export async function searchUnderLoad(
  base: string,
  others: string[],
  { concurrency = 8, seconds = 10, mix = "names", phases = 1, othersEveryMs = OTHERS_EVERY_MS }: { concurrency?: number; seconds?: number; mix?: SearchMix; phases?: number; othersEveryMs?: number } = {},
): Promise<SearchLoad> {
  const names = mix === "names" ? await companyNames(base) : [];
  if (mix === "names" && names.length === 0) throw new Error(`no company names from ${base}/api/v1/organizations: cannot make searches that find something`);
  const next = distinctSearches((i) => (mix === "names" ? nameSearch(i, names) : uniqueSearch(i)), Math.max(1000, names.length * 4));
  const idle = new Map<string, Timed[]>(others.map((u) => [u, []]));
  const during = new Map<string, Timed[]>(others.map((u) => [u, []]));
  const runs: Timed[] = [];
  const sampleOthers = async (into: Map<string, Timed[]>, until: number) => {
    let k = 0;
    await paced(until, othersEveryMs, async () => {
      const url = others[k++ % others.length]!;
      into.get(url)!.push(await timedGet(base, url));
    });
  };
  if (phases <= 1) {
    for (const url of others) idle.get(url)!.push(...(await sequentialRuns(base, url, 20, 20_000)));
  }
  const stretch = (seconds * 1000) / Math.max(1, phases);
  for (let phase = 0; phase < Math.max(1, phases); phase++) {
    if (phases > 1) await sampleOthers(idle, performance.now() + stretch);
    const stopAt = performance.now() + stretch;
    const worker = async () => {
      while (performance.now() < stopAt) runs.push(await timedGet(base, next(), 60_000, true));
    };
    const probe = async () => {
      // Let the searches start, then sample each other page in turn until they stop.
      await new Promise((r) => setTimeout(r, 300));
      await sampleOthers(during, stopAt);
    };
    await Promise.all([...Array.from({ length: concurrency }, worker), probe()]);
  }
  return {
    searches: summarize(`/search (${concurrency} concurrent unique ${mix === "names" ? "misspelt company names" : "8-word searches"})`, runs),
    mix,
    othersEveryMs,
    withHits: runs.length ? runs.filter((r) => (r.hits ?? 0) > 0).length / runs.length : 0,
    others: others.map((url) => ({ url, idle: summarize(url, idle.get(url)!), during: summarize(url, during.get(url)!) })),
  };
}

export interface ScaleProbe {
  companyPages: { url: string; statuses: Record<string, number>; p50: number }[];
  filters: LatencySummary[];
  search: SearchLoad;
}

export const NAME_FILTER_URLS = ["/portfolio?q=robot", "/deals?q=robot", "/sources"];
export const OTHER_PAGE_URLS = ["/capex", "/api/v1/deals?limit=50"];

export async function scaleProbe(
  base: string,
  opts: { busyCompany?: string; samples?: number; searchSeconds?: number; searches?: SearchMix; othersEveryMs?: number } = {},
): Promise<ScaleProbe> {
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
  const search = await searchUnderLoad(base, OTHER_PAGE_URLS, { seconds: opts.searchSeconds, mix: opts.searches, othersEveryMs: opts.othersEveryMs });
  return { companyPages, filters, search };
}

export function printScaleProbe(p: ScaleProbe, log: (line: string) => void = console.log): void {
  const ms = (x: number) => x.toFixed(1).padStart(8);
  log("Company pages of the busiest organizations (3 requests each):");
  for (const c of p.companyPages) log(`  ${c.url.padEnd(40)} p50 ${ms(c.p50)} ms  statuses ${JSON.stringify(c.statuses)}`);
  log("Name filters and /sources at concurrency 1 (ms):");
  for (const f of p.filters) log(`  ${f.url.padEnd(40)} p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  n=${f.samples} ${JSON.stringify(f.statuses)}`);
  const s = p.search.searches;
  log(`Searches: ${s.url}: p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  n=${s.samples} ${JSON.stringify(s.statuses)}, ${Math.round(p.search.withHits * 100)}% found something`);
  log(`  other pages asked for ${p.search.othersEveryMs > 0 ? `one request every ${p.search.othersEveryMs} ms` : "back to back"} during the searches`);
  for (const o of p.search.others) {
    log(`  ${o.url.padEnd(40)} idle p95 ${ms(o.idle.p95)}  during p95 ${ms(o.during.p95)}  ratio ${(o.during.p95 / o.idle.p95).toFixed(2)}x (n=${o.during.samples})`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      busy: { type: "string", default: "unitree" },
      samples: { type: "string", default: "20" },
      "search-only": { type: "boolean", default: false },
      searches: { type: "string", default: "names" },
      // Longer runs give the other pages' p95 more samples (5 a second each at the default pace).
      seconds: { type: "string", default: "10" },
      // The other pages' pace during the searches, ms between requests (0: back to back).
      "others-every": { type: "string", default: String(OTHERS_EVERY_MS) },
      // Idle and search stretches taken in turn (see searchUnderLoad), for --search-only.
      phases: { type: "string", default: "1" },
    },
  });
  if (!values.base) throw new Error("--base http://127.0.0.1:PORT is required");
  const mix = values.searches as SearchMix;
  if (!SEARCH_MIXES.includes(mix)) throw new Error(`--searches must be one of ${SEARCH_MIXES.join(", ")}, not "${values.searches}"`);
  const othersEveryMs = Number(values["others-every"]);
  if (!(Number.isInteger(othersEveryMs) && othersEveryMs >= 0 && othersEveryMs <= 10_000))
    throw new Error(`--others-every must be a whole number of ms from 0 (back to back) to 10000, not "${values["others-every"]}"`);
  if (values["search-only"]) {
    // Only the concurrent searches and the other pages during them: for comparing builds or
    // deployments (one process, or two behind nginx) back to back on a busy machine.
    const seconds = Number(values.seconds);
    if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds must be a number of seconds from 1 to 600, not "${values.seconds}"`);
    const phases = Number(values.phases);
    if (!(Number.isInteger(phases) && phases >= 1 && phases <= 60)) throw new Error(`--phases must be a whole number from 1 to 60, not "${values.phases}"`);
    const search = await searchUnderLoad(values.base, OTHER_PAGE_URLS, { seconds, mix, phases, othersEveryMs });
    printScaleProbe({ companyPages: [], filters: [], search });
    console.log(`RESULT ${JSON.stringify({ search })}`);
    return;
  }
  const p = await scaleProbe(values.base, { busyCompany: values.busy, samples: Number(values.samples), searches: mix, othersEveryMs });
  printScaleProbe(p);
  console.log(`RESULT ${JSON.stringify(p)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
