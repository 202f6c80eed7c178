// `npm run bench [-- --db var/synth.db] [--routes id,id] [--skip-build] [--skip-lighthouse] ...`
//
// Builds the production app, starts it (`next start`) on a free loopback port, and measures
// each route: the repeat view (a request carrying the ETag of the first, as a browser or a
// proxy revalidates: a 304) at concurrency 1 and 32, the same for a static file of the same
// bytes served by the same server with its own ETag (the ratio is the figure that counts on
// a noisy machine); the first view (no validator: the page renders and queries); JavaScript
// shipped (gzipped), and Lighthouse 12 (desktop and mobile). Prints tables with the budgets
// as PASS/FAIL and writes tests/perf/results.json. See README.md.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { CHROME, CHROME_FLAGS } from "./lib/chrome";
import { calibratedCpuMultiplier } from "./lib/cpu-calibration";
import { BUDGETS, type BudgetCheck, checkBudgets, checkScaleBudgets, jsBudgetFor, type LighthouseFigures, type LighthouseRun, type RouteResult, type ToolRate, verdict } from "./lib/budgets";
import { hasCharts, inlineScriptBytes, routeSlug, scriptSrcs } from "./lib/html";
import { writeDealImportCsv } from "./lib/import-csv";
import { printScaleProbe, type ScaleProbe, scaleProbe } from "./lib/scale-probe";
import { formatKb, formatMs, percentile, ratio, summarize, textTable } from "./lib/stats";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const TSX_BIN = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const WORK = path.join(ROOT, "var", "bench");
const PUBLIC_BENCH = path.join(ROOT, "public", "__bench");
const RESULTS = path.join(ROOT, "tests", "perf", "results.json");
const LH_DIR = path.join(ROOT, "tests", "perf", ".lighthouse");
const FLOOR_APP = path.join(ROOT, "tests", "perf", "floor-app");

export interface RouteSpec {
  id: string;
  path: string;
  page: boolean;
  filtered?: boolean;
  extra?: boolean;
}

export const ROUTES: RouteSpec[] = [
  { id: "overview", path: "/", page: true },
  { id: "portfolio", path: "/portfolio", page: true },
  { id: "portfolio-filtered", path: "/portfolio?layer=application&status=active", page: true, filtered: true },
  { id: "company", path: "/companies/unitree", page: true },
  { id: "capex", path: "/capex", page: true },
  { id: "deals", path: "/deals", page: true },
  { id: "deals-filtered", path: "/deals?kind=equity-investment", page: true, filtered: true },
  { id: "sources", path: "/sources", page: true },
  { id: "api-deals", path: "/api/v1/deals?limit=50", page: false },
  // Not run unless named in --routes: the API twins of the filtered pages (same list and
  // count queries, no facets), to measure the query layer where the pages do not exist yet.
  { id: "api-positions-filtered", path: "/api/v1/positions?layer=application&status=active&limit=50", page: false, extra: true },
  { id: "api-deals-filtered", path: "/api/v1/deals?kind=equity-investment&limit=50", page: false, extra: true },
];

const USAGE = `Usage: npm run bench -- [--db FILE] [--routes id,id] [--duration S] [--warmup S] [--min-samples N]
                      [--port N] [--skip-build] [--skip-load] [--skip-rendered] [--skip-lighthouse] [--lighthouse-runs N] [--lighthouse-calibrated] [--skip-floor] [--skip-import] [--skip-scale]
                      [--synth --companies N --deals N [--busy-company SLUG --busy-deals N]] [--import-rows N]
Routes (default: all but the last two): ${ROUTES.map((r) => r.id).join(", ")}`;

// ---------------------------------------------------------------------------------------

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        db: { type: "string", default: path.join("var", "portfolio.db") },
        routes: { type: "string" },
        duration: { type: "string", default: "5" },
        warmup: { type: "string", default: "2" },
        "min-samples": { type: "string", default: "20" },
        port: { type: "string" },
        "skip-build": { type: "boolean", default: false },
        "skip-load": { type: "boolean", default: false },
        "skip-lighthouse": { type: "boolean", default: false },
        "skip-import": { type: "boolean", default: false },
        "skip-scale": { type: "boolean", default: false },
        "skip-rendered": { type: "boolean", default: false },
        "skip-floor": { type: "boolean", default: false },
        "lighthouse-runs": { type: "string", default: "3" },
        "lighthouse-calibrated": { type: "boolean", default: false },
        synth: { type: "boolean", default: false },
        companies: { type: "string", default: "100000" },
        deals: { type: "string", default: "1000000" },
        "busy-company": { type: "string", default: "unitree" },
        "busy-deals": { type: "string", default: "300000" },
        "import-rows": { type: "string", default: "300000" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  let routes = ROUTES.filter((r) => !r.extra);
  if (parsed.routes) {
    const ids = parsed.routes.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !ROUTES.some((r) => r.id === id));
    if (unknown.length) fail(`unknown route id(s): ${unknown.join(", ")}`);
    routes = ROUTES.filter((r) => ids.includes(r.id));
  }
  return {
    db: path.resolve(parsed.db),
    routes,
    duration: num("duration", parsed.duration, 0.5, 120),
    warmup: num("warmup", parsed.warmup, 0, 60),
    minSamples: num("min-samples", parsed["min-samples"], 1, 10_000),
    port: parsed.port ? num("port", parsed.port, 1024, 65535) : null,
    skipBuild: parsed["skip-build"],
    skipLoad: parsed["skip-load"],
    skipLighthouse: parsed["skip-lighthouse"],
    skipImport: parsed["skip-import"],
    skipScale: parsed["skip-scale"],
    skipRendered: parsed["skip-rendered"],
    skipFloor: parsed["skip-floor"],
    lighthouseRuns: num("lighthouse-runs", parsed["lighthouse-runs"], 1, 9),
    lighthouseCalibrated: parsed["lighthouse-calibrated"],
    synth: parsed.synth,
    companies: num("companies", parsed.companies, 10, 10_000_000),
    busyCompany: parsed["busy-company"],
    busyDeals: num("busy-deals", parsed["busy-deals"], 0, 100_000_000),
    deals: num("deals", parsed.deals, 0, 100_000_000),
    importRows: num("import-rows", parsed["import-rows"], 1, 2_000_000),
  };
}

// ---------------------------------------------------------------------------------------
// HTTP on loopback, keep-alive, no compression (the route and its static twin alike).

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Got {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

/** GET on a kept-alive socket; retried once when the server closed that socket just before (ECONNRESET). */
async function get(url: string, headers: Record<string, string> = {}, timeoutMs = 120_000): Promise<Got> {
  try {
    return await getOnce(url, headers, timeoutMs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ECONNRESET" && code !== "EPIPE") throw err;
    return getOnce(url, headers, timeoutMs);
  }
}

function getOnce(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on("error", reject);
  });
}

/** Sequential requests (concurrency 1) for `seconds`, and at least `minSamples` of them (capped at 6x the time). */
async function latencyAtC1(url: string, seconds: number, minSamples: number, headers: Record<string, string> = {}) {
  const samples: number[] = [];
  let non2xx = 0;
  const start = performance.now();
  const hardStop = start + seconds * 6000;
  while (true) {
    const now = performance.now();
    if (now - start >= seconds * 1000 && samples.length >= minSamples) break;
    if (now >= hardStop && samples.length > 0) break;
    const t = performance.now();
    const r = await get(url, headers);
    samples.push(performance.now() - t);
    // A 304 is the answer a repeat view wants.
    if ((r.status < 200 || r.status > 299) && r.status !== 304) non2xx++;
  }
  return { ...summarize(samples), non2xx };
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(path.join(ROOT, "package.json"))("autocannon") as Autocannon;

async function throughputAt(url: string, connections: number, seconds: number, headers: Record<string, string> = {}) {
  // Under two seconds, opening 32 connections on a busy machine eats most of the window.
  const r = await autocannon({ url, connections, duration: Math.max(2, seconds), timeout: 60, pipelining: 1, headers });
  return {
    rps: r.requests.total / r.duration,
    requests: r.requests.total,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

type Throughput = Awaited<ReturnType<typeof throughputAt>>;

/** Several runs of one URL as one: requests and time summed, the slowest run's percentiles. */
function pooled(runs: Throughput[]): Throughput {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  return {
    rps: requests / seconds,
    requests,
    seconds,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  };
}

/**
 * The route's and its static twin's throughput, taken in the order twin, route, route,
 * twin, each for half of `seconds` (at least 2). Run one after the other, whichever went
 * second met a different machine (a build finishing, a timer, the CPU's clock):
 * `/companies/unitree` measured 0.69 in one session-9 run and at least 0.8 in the runs
 * before and after it, with its 304 path unchanged. In this order a drift that is steady
 * over the ~10 s weighs on both alike.
 */
async function pairedThroughput(twin: string, twinHeaders: Record<string, string>, url: string, headers: Record<string, string>, seconds: number, between: () => Promise<void>) {
  const half = Math.max(2, seconds / 2);
  const runs: { twin: Throughput[]; route: Throughput[] } = { twin: [], route: [] };
  for (const which of ["twin", "route", "route", "twin"] as const) {
    runs[which].push(which === "twin" ? await throughputAt(twin, 32, half, twinHeaders) : await throughputAt(url, 32, half, headers));
    await between();
  }
  return { twin: pooled(runs.twin), route: pooled(runs.route) };
}

/**
 * Waits until the server answers a static file promptly again. better-sqlite3 is
 * synchronous, so requests a load run abandoned keep the event loop busy after the run
 * ends; measuring the next thing before that backlog drains would blame it on the wrong URL.
 */
async function settle(url: string, maxSeconds = 120): Promise<void> {
  const until = performance.now() + maxSeconds * 1000;
  let quick = 0;
  while (performance.now() < until && quick < 3) {
    const t = performance.now();
    await get(url);
    quick = performance.now() - t < 50 ? quick + 1 : 0;
  }
}

/** Bytes a browser would download for a script: what the server sends gzipped, or our gzip of it. */
async function gzippedBytes(url: string): Promise<number> {
  const r = await get(url, { "accept-encoding": "gzip" });
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  return r.headers["content-encoding"] === "gzip" ? r.body.length : gzipSync(r.body).length;
}

// ---------------------------------------------------------------------------------------
// The server.

async function freePort(preferred: number | null): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  if (preferred !== null) {
    if (await tryPort(preferred)) return preferred;
    fail(`port ${preferred} is in use`);
  }
  // This project's convention for the bench: the 3401-3409 block, then any free port.
  for (let p = 3401; p <= 3409; p++) if (await tryPort(p)) return p;
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | null = null;

/** The server `npm start` runs: Next's own (`next start`), on loopback. */
async function startServer(port: number, db: string): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const log = createWriteStream(path.join(WORK, "server.log"), { flags: "a" });
  server = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, PORTFOLIO_DB: db, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}; see ${path.join(WORK, "server.log")}`);
    try {
      await get(`http://127.0.0.1:${port}/favicon.ico`, {}, 2000);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error("the server did not answer within 60 s");
}

async function stopServer(): Promise<void> {
  const s = server;
  server = null;
  if (!s || s.exitCode !== null || s.pid === undefined) return;
  const exited = new Promise((r) => s.once("exit", r));
  try {
    process.kill(-s.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-s.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

// public/ is not in the repository until a page needs it: remove it again if the bench made it.
const hadPublic = existsSync(path.dirname(PUBLIC_BENCH));

function removeStaticTwins() {
  rmSync(PUBLIC_BENCH, { recursive: true, force: true });
  const dir = path.dirname(PUBLIC_BENCH);
  if (!hadPublic && existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// The framework's floor: an empty page built with the same Next.js and React.

/**
 * Lighthouse's mobile figures for a page with nothing of ours on it, measured in the same
 * Chrome and minutes as the dashboard's pages. A mobile budget below this floor cannot be
 * met by any change to our pages on this machine; the floor says how much of a page's
 * blocking time is the framework's and how much is ours.
 */
async function measureFloor(runs: number, skipBuild: boolean, calibrated: boolean): Promise<RouteResult | null> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!skipBuild || !existsSync(path.join(FLOOR_APP, ".next", "BUILD_ID"))) {
    log("Building the empty page (tests/perf/floor-app, next build)...");
    const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: FLOOR_APP, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      log(`  the empty page did not build; floor not measured:\n${`${r.stdout}\n${r.stderr}`.slice(-2000)}`);
      return null;
    }
  }
  const port = await freePort(null);
  const child = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: FLOOR_APP,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/`;
  const floor: RouteResult = { id: "framework-floor", path: "empty Next.js page", page: true, filtered: false, missing: false, status: null };
  try {
    const started = performance.now();
    for (;;) {
      try {
        floor.status = (await get(url, {}, 2000)).status;
        break;
      } catch {
        if (child.exitCode !== null || performance.now() - started > 60_000) {
          log("  the empty page's server did not answer; floor not measured");
          return null;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await runLighthouse([{ route: floor, url }], runs, calibrated);
    return floor;
  } finally {
    child.kill("SIGTERM");
  }
}

function cleanup() {
  if (server?.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  removeStaticTwins();
}

// ---------------------------------------------------------------------------------------
// Lighthouse.

/**
 * Lighthouse scores move by several points between runs on a shared machine, so each page
 * and preset runs `runs` times and the run with the median performance score is kept (the
 * approach Lighthouse's own docs suggest). Full reports go to tests/perf/.lighthouse/.
 * With `calibrated`, each page also runs the mobile preset with the CPU slowdown that this
 * machine's benchmark index calls for (lib/cpu-calibration.ts): the median of every index
 * this bench has measured so far. One run's index swings by 2x on this machine (1,055-2,096
 * in one quiet bench, session 9), which made the slowdown go from x2.5 to x6.4 run to run.
 */
async function runLighthouse(urls: { route: RouteResult; url: string }[], runs: number, calibrated = false): Promise<void> {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  mkdirSync(LH_DIR, { recursive: true });
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const kinds: LighthouseRun[] = calibrated ? ["desktop", "mobile", "mobile-calibrated"] : ["desktop", "mobile"];
  const indexes: number[] = [];
  try {
    for (const { route, url } of urls) {
      route.lighthouse = {};
      for (const preset of kinds) {
        const figures: { fig: LighthouseFigures; report: string }[] = [];
        for (let i = 0; i < runs; i++) {
          // Lighthouse measures the index as a run starts, so a calibrated run takes it from the runs before.
          const multiplier = preset === "mobile-calibrated" && indexes.length ? calibratedCpuMultiplier(percentile([...indexes].sort((a, b) => a - b), 50)) : null;
          process.stderr.write(`  lighthouse ${preset.padEnd(7)} ${route.path} (${i + 1}/${runs})${multiplier ? ` CPU x${multiplier}` : ""}\n`);
          try {
            const result = await lighthouse(
              url,
              {
                port: chrome.port,
                output: "json",
                logLevel: "error",
                onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
                ...(multiplier ? { throttling: { cpuSlowdownMultiplier: multiplier } } : {}),
              },
              preset === "desktop" ? desktopConfig : undefined,
            );
            if (!result) throw new Error("no result");
            const lhr = result.lhr;
            const score = (k: string) => (lhr.categories[k]?.score == null ? null : Math.round(lhr.categories[k]!.score! * 100));
            const audit = (k: string) => lhr.audits[k]?.numericValue ?? null;
            const summary = lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined;
            const fig: LighthouseFigures = {
              performance: score("performance"),
              accessibility: score("accessibility"),
              bestPractices: score("best-practices"),
              seo: score("seo"),
              lcpMs: audit("largest-contentful-paint"),
              cls: audit("cumulative-layout-shift"),
              tbtMs: audit("total-blocking-time"),
              scriptTransferBytes: summary?.items?.find((x) => x.resourceType === "script")?.transferSize ?? null,
              benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
              cpuMultiplier: lhr.configSettings?.throttling?.cpuSlowdownMultiplier ?? null,
              failedAudits: Object.values(lhr.audits)
                .filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode))
                .map((a) => a.id),
            };
            if (fig.benchmarkIndex) indexes.push(fig.benchmarkIndex);
            if (lhr.runtimeError) fig.error = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`;
            figures.push({ fig, report: typeof result.report === "string" ? result.report : JSON.stringify(lhr) });
          } catch (err) {
            figures.push({
              fig: { performance: null, accessibility: null, bestPractices: null, seo: null, lcpMs: null, cls: null, tbtMs: null, error: (err as Error).message },
              report: "",
            });
          }
        }
        const ok = figures.filter((f) => f.fig.performance !== null).sort((a, b) => a.fig.performance! - b.fig.performance!);
        const median = ok.length ? ok[Math.floor((ok.length - 1) / 2)]! : figures[0]!;
        median.fig.runs = figures.map((f) => f.fig.performance);
        median.fig.tbtRuns = figures.map((f) => (f.fig.tbtMs == null ? null : Math.round(f.fig.tbtMs)));
        route.lighthouse[preset] = median.fig;
        if (median.report) writeFileSync(path.join(LH_DIR, `${routeSlug(route.path)}-${preset}.json`), median.report);
      }
    }
  } finally {
    chrome.kill();
  }
}

// ---------------------------------------------------------------------------------------
// db:synth and db:import rates.

/** CPU seconds of this process's finished children (Linux), to get a figure less bent by other load. */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // Fields 16 and 17 of /proc/<pid>/stat (cutime, cstime), counted after the ") " of the name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function runSynth(db: string, companies: number, deals: number, busy: { company: string; deals: number }): ToolRate {
  process.stderr.write(`db:synth --companies ${companies} --deals ${deals} --out ${path.relative(ROOT, db)}\n`);
  const r = spawnSync(process.execPath, [
    TSX_BIN, "tests/perf/synth.ts", "--companies", String(companies), "--deals", String(deals), "--out", db, "--quiet",
    // One organisation far past SQLite's 32,766-variable limit (issue 15); --busy-deals 0 leaves it out.
    ...(busy.deals > 0 ? ["--busy-company", busy.company, "--busy-deals", String(Math.min(busy.deals, deals))] : []),
  ], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`db:synth failed:\n${r.stdout}`);
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`db:synth printed no RESULT line:\n${r.stdout}`);
  const res = JSON.parse(line.slice(7)) as { rows: number; insertSeconds: number; rowsPerSecond: number; rowsPerCpuSecond: number };
  return { rows: res.rows, seconds: res.insertSeconds, rowsPerSecond: res.rowsPerSecond, rowsPerCpuSecond: res.rowsPerCpuSecond };
}

function runImport(db: string, rows: number): ToolRate & { addedDeals: number; fileBytes: number } {
  mkdirSync(WORK, { recursive: true });
  const copy = path.join(WORK, "import-copy.db");
  const csv = path.join(WORK, "import-deals.csv");
  try {
    process.stderr.write(`db:import: copying ${path.relative(ROOT, db)} and writing ${rows.toLocaleString("en-US")} deals to import\n`);
    copyFileSync(db, copy);
    const file = writeDealImportCsv(copy, csv, rows);
    const count = () => {
      const d = new Database(copy, { readonly: true });
      try {
        return (d.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n;
      } finally {
        d.close();
      }
    };
    const before = count();
    const cpu0 = childCpuSeconds();
    const t0 = performance.now();
    // The analyst's command, exactly: npm run db:import -- FILE --db COPY.
    // GNU time reports the peak resident memory of the largest process it waited for
    // (npm's child, the node running the import); without it the peak is not measured.
    const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
    const command = ["npm", "run", "--silent", "db:import", "--", csv, "--db", copy];
    const r = spawnSync(timeBin ?? command[0]!, timeBin ? ["-f", "PEAK_KB %M", ...command] : command.slice(1), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const peak = /PEAK_KB (\d+)/.exec(r.stderr ?? "");
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = childCpuSeconds();
    if (r.status !== 0) throw new Error(`db:import failed (${r.status}):\n${r.stdout}\n${r.stderr.slice(-4000)}`);
    const added = count() - before;
    if (added !== file.rows) throw new Error(`db:import added ${added} deals, expected ${file.rows}`);
    return {
      rows: file.rows,
      seconds,
      rowsPerSecond: file.rows / seconds,
      rowsPerCpuSecond: cpu0 !== null && cpu1 !== null && cpu1 > cpu0 ? file.rows / (cpu1 - cpu0) : null,
      addedDeals: added,
      fileBytes: file.bytes,
      peakMb: peak ? Number(peak[1]) / 1024 : null,
    };
  } finally {
    for (const f of [copy, `${copy}-journal`, csv]) rmSync(f, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next: (JSON.parse(readFileSync(path.join(ROOT, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version,
    chromium: spawnSync(CHROME, ["--version"], { encoding: "utf8" }).stdout?.trim() || null,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function readSynthMeta(db: string): Record<string, unknown> | null {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const row = d.prepare("SELECT value FROM meta WHERE key = 'synthetic'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Record<string, unknown>) : null;
  } finally {
    d.close();
  }
}

function printTables(routes: RouteResult[], budgets: BudgetCheck[], tools: { synth: ToolRate | null; import: ToolRate | null }, floor: RouteResult | null = null) {
  const tag = (r: RouteResult, name: string) => {
    const b = budgets.find((x) => x.subject === r.path && x.budget.startsWith(name));
    return b ? ` ${verdict(b.pass)}` : "";
  };
  const present = routes.filter((r) => !r.missing);
  for (const r of routes.filter((x) => x.missing)) console.log(`route missing (HTTP ${r.status}): ${r.path} (skipped)`);
  if (present.some((r) => r.latency)) {
    console.log("\nRepeat view (If-None-Match with the ETag of the first answer: 304; ms; req/s). c1 = one request at a time; c32 = 32 connections; static = a file of the same bytes from public/, revalidated the same way");
    console.log(
      textTable(
        ["route", "KB", "c1 p50", "c1 p95", "c1 p99", "static p50", "p50 ratio", "c32 req/s", "static req/s", "throughput ratio"],
        present.map((r) => [
          r.path,
          formatKb(r.htmlBytes),
          formatMs(r.latency?.p50),
          formatMs(r.latency?.p95),
          formatMs(r.latency?.p99),
          formatMs(r.staticLatency?.p50),
          r.ratio?.p50 == null ? "-" : `${r.ratio.p50.toFixed(2)}x`,
          r.throughput ? r.throughput.rps.toFixed(0) : "-",
          r.staticThroughput ? r.staticThroughput.rps.toFixed(0) : "-",
          r.ratio?.throughput == null ? "-" : `${r.ratio.throughput.toFixed(2)}x${tag(r, "throughput")}`,
        ]),
      ),
    );
  }
  if (present.some((r) => r.rendered)) {
    console.log("\nFirst view (no validator: the page renders and queries; ms; req/s)");
    console.log(
      textTable(
        ["route", "c1 p50", "c1 p95", "c1 p99", "c32 req/s", "ratio to static"],
        present
          .filter((r) => r.rendered)
          .map((r) => [
            r.path,
            formatMs(r.rendered!.latency.p50),
            `${formatMs(r.rendered!.latency.p95)}${tag(r, "synthetic db: filtered p95")}`,
            formatMs(r.rendered!.latency.p99),
            r.rendered!.throughput.rps.toFixed(0),
            r.rendered!.throughputRatio == null ? "-" : `${r.rendered!.throughputRatio.toFixed(2)}x`,
          ]),
      ),
    );
  }
  const withJs = present.filter((r) => r.js);
  if (withJs.length) {
    console.log("\nJavaScript shipped (gzipped KB, 1 KB = 1,000 bytes; <script src> chunks of the page)");
    console.log(
      textTable(
        ["route", "charts", "scripts", "JS gz KB", "budget KB"],
        withJs.map((r) => [r.path, r.js!.hasCharts ? "yes" : "no", r.js!.scripts, `${formatKb(r.js!.gzipBytes)}${tag(r, "JS gzipped")}`, String(jsBudgetFor(r.js!.hasCharts) / 1000)]),
      ),
    );
  }
  // The empty page only has Lighthouse figures: it is a row of that table alone.
  const withLh = [...present, ...(floor ? [floor] : [])].filter((r) => r.lighthouse);
  if (withLh.length) {
    console.log("\nLighthouse 12 (scores 0-100; LCP and TBT in ms)");
    const rows: (string | number)[][] = [];
    for (const r of withLh) {
      for (const preset of ["desktop", "mobile", "mobile-calibrated"] as LighthouseRun[]) {
        const l = r.lighthouse![preset];
        if (!l) continue;
        const b = (name: string) => {
          const x = budgets.find((c) => c.subject === r.path && c.budget === `${name} (${preset})`);
          return x ? ` ${verdict(x.pass)}` : "";
        };
        rows.push([
          r.path,
          preset === "mobile-calibrated" ? `mobile, CPU x${l.cpuMultiplier ?? "?"}` : preset,
          `${l.performance ?? "-"}${b("Lighthouse performance")}`,
          `${l.accessibility ?? "-"}${b("Lighthouse accessibility")}`,
          l.bestPractices ?? "-",
          l.seo ?? "-",
          l.lcpMs == null ? "-" : l.lcpMs.toFixed(0),
          `${l.cls == null ? "-" : l.cls.toFixed(3)}${b("CLS")}`,
          `${l.tbtMs == null ? "-" : l.tbtMs.toFixed(0)}${b("TBT")}`,
          (l.runs ?? []).map((x) => x ?? "-").join("/"),
          (l.tbtRuns ?? []).map((x) => x ?? "-").join("/"),
          l.benchmarkIndex == null ? "-" : Math.round(l.benchmarkIndex),
          l.error ? l.error.slice(0, 60) : "",
        ]);
      }
    }
    console.log(textTable(["page", "preset", "perf", "a11y", "best pr.", "seo", "LCP", "CLS", "TBT", "perf of each run", "TBT of each run", "CPU index", "error"], rows));
  }
  if (tools.synth || tools.import) {
    console.log("\nDatabase tools (rows per second of wall clock; per CPU-second in brackets)");
    const rows: (string | number)[][] = [];
    for (const [name, t] of [["db:synth", tools.synth], ["db:import", tools.import]] as const) {
      if (!t) continue;
      const b = budgets.find((x) => x.subject === name);
      rows.push([name, t.rows.toLocaleString("en-US"), t.seconds.toFixed(1), `${Math.round(t.rowsPerSecond).toLocaleString("en-US")} ${verdict(b?.pass ?? null)}`, t.rowsPerCpuSecond ? Math.round(t.rowsPerCpuSecond).toLocaleString("en-US") : "-", t.peakMb != null ? Math.round(t.peakMb).toLocaleString("en-US") : "-"]);
    }
    console.log(textTable(["tool", "rows", "seconds", "rows/s", "rows/CPU-s", "peak MB"], rows));
  }
  const scaleChecks = budgets.filter((b) => /name filter|searches|during searches|busy company|db:import peak/.test(b.budget));
  if (scaleChecks.length) {
    console.log("\nScale (issue 15)");
    console.log(textTable(["budget", "subject", "value", "limit", "verdict"], scaleChecks.map((b) => [b.budget, b.subject, b.value === null ? "-" : Number(b.value.toFixed(2)), b.limit, verdict(b.pass)])));
  }
  const failed = budgets.filter((b) => b.pass === false);
  console.log(`\nBudgets: ${budgets.filter((b) => b.pass).length} pass, ${failed.length} fail, ${budgets.filter((b) => b.pass === null).length} not measured`);
  for (const f of failed) console.log(`  FAIL ${f.budget} ${f.subject}: ${f.value === null ? "-" : Number(f.value.toFixed(3))} (budget ${f.limit})`);
}

async function main() {
  const o = options();
  const info = machine();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }
  process.on("exit", cleanup);

  let synthRate: ToolRate | null = null;
  if (o.synth) {
    if (o.db === path.resolve("var", "portfolio.db")) fail("--synth writes the database given by --db; give another file, e.g. --db var/synth.db");
    synthRate = runSynth(o.db, o.companies, o.deals, { company: o.busyCompany, deals: o.busyDeals });
  }
  if (!existsSync(o.db)) {
    if (o.db !== path.resolve("var", "portfolio.db")) fail(`no database at ${o.db} (build one with npm run db:synth, or pass --synth)`);
    log("No database yet: npm run db:setup");
    const r = spawnSync(process.execPath, [TSX_BIN, "lib/db/setup.ts", "--quiet"], { stdio: "inherit" });
    if (r.status !== 0) process.exit(1);
  }
  const synthMeta = readSynthMeta(o.db);
  const synthetic = synthMeta !== null;
  log(`Database: ${path.relative(ROOT, o.db)} (${synthetic ? `synthetic: ${JSON.stringify(synthMeta)}` : "real dataset"}, ${(statSync(o.db).size / 1e6).toFixed(1)} MB)`);

  let buildSeconds: number | null = null;
  if (!o.skipBuild || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("Building the production app (next build; log in var/bench/build.log)...");
    mkdirSync(WORK, { recursive: true });
    const t = performance.now();
    const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(path.join(WORK, "build.log"), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) {
      console.error(`${r.stdout}\n${r.stderr}`.slice(-6000));
      fail("next build failed");
    }
    buildSeconds = (performance.now() - t) / 1000;
    log(`  built in ${buildSeconds.toFixed(0)} s`);
  }

  const port = await freePort(o.port);
  const base = `http://127.0.0.1:${port}`;
  const routes: RouteResult[] = o.routes.map((r) => ({ id: r.id, path: r.path, page: r.page, filtered: !!r.filtered, missing: false, status: null }));
  const staticUrl = (r: RouteResult) => `${base}/__bench/${routeSlug(r.path)}.${r.page ? "html" : "json"}`;

  rmSync(PUBLIC_BENCH, { recursive: true, force: true });
  let importRate: (ToolRate & { addedDeals: number; fileBytes: number }) | null = null;
  let scale: ScaleProbe | null = null;
  let floor: RouteResult | null = null;
  try {
    log(`Starting next start on ${base} with PORTFOLIO_DB=${path.relative(ROOT, o.db)}`);
    await startServer(port, o.db);

    // One request per route: missing routes, page bytes for the static twin, and the scripts.
    mkdirSync(PUBLIC_BENCH, { recursive: true });
    // Everything in public/__bench is ignored by git, this file included; the folder goes at the end.
    writeFileSync(path.join(PUBLIC_BENCH, ".gitignore"), "*\n");
    const gzCache = new Map<string, number>();
    const etags = new Map<string, string>();
    for (const r of routes) {
      const res = await get(base + r.path);
      r.status = res.status;
      if (res.status === 404) {
        r.missing = true;
        log(`  route missing (HTTP 404): ${r.path}; skipped`);
        continue;
      }
      if (res.status !== 200) log(`  warning: ${r.path} answered HTTP ${res.status}; measuring it anyway`);
      r.htmlBytes = res.body.length;
      etags.set(r.path, String(res.headers.etag ?? ""));
      if (!res.headers.etag) log(`  warning: ${r.path} has no ETag; its repeat view renders`);
      writeFileSync(path.join(PUBLIC_BENCH, `${routeSlug(r.path)}.${r.page ? "html" : "json"}`), res.body);
      if (r.page) {
        const html = res.body.toString("utf8");
        const srcs = scriptSrcs(html);
        let total = 0;
        for (const src of srcs) {
          const url = new URL(src, base).href;
          if (!gzCache.has(url)) gzCache.set(url, await gzippedBytes(url));
          total += gzCache.get(url)!;
        }
        r.js = { gzipBytes: total, scripts: srcs.length, hasCharts: hasCharts(html) };
        log(`  ${r.path}: ${r.htmlBytes} bytes of HTML, ${srcs.length} scripts, ${(total / 1000).toFixed(1)} KB JS gzipped, inline scripts ${(inlineScriptBytes(html) / 1000).toFixed(1)} KB`);
      }
    }
    // Next lists public/ when it starts: restart so it serves the static twins.
    await stopServer();
    await startServer(port, o.db);
    const staticEtags = new Map<string, string>();
    for (const r of routes.filter((x) => !x.missing)) {
      const s = await get(staticUrl(r));
      if (s.status !== 200 || s.body.length !== r.htmlBytes) throw new Error(`static twin of ${r.path} not served (${s.status}, ${s.body.length} bytes)`);
      staticEtags.set(r.path, String(s.headers.etag ?? ""));
    }
    // A repeat view: the request a browser (or a proxy) sends for a copy it holds.
    const repeat = (etag: string | undefined): Record<string, string> => (etag ? { "if-none-match": etag } : {});

    if (!o.skipLoad) {
      for (const r of routes.filter((x) => !x.missing)) {
        log(`  load ${r.path}`);
        const url = base + r.path;
        const twin = staticUrl(r);
        const mine = repeat(etags.get(r.path));
        const its = repeat(staticEtags.get(r.path));
        if (o.warmup > 0) {
          await throughputAt(twin, 8, o.warmup, its);
          await throughputAt(url, 8, o.warmup, mine);
          await settle(twin);
        }
        r.staticLatency = await latencyAtC1(twin, o.duration, o.minSamples, its);
        r.latency = await latencyAtC1(url, o.duration, o.minSamples, mine);
        const paired = await pairedThroughput(twin, its, url, mine, o.duration, () => settle(twin));
        r.staticThroughput = paired.twin;
        r.throughput = paired.route;
        r.ratio = {
          throughput: ratio(r.throughput.rps, r.staticThroughput.rps),
          // Static p50 / route p50: like throughput, 1.0 means "as fast as a file", lower is slower.
          p50: ratio(r.staticLatency.p50, r.latency.p50),
        };
        if (!o.skipRendered) {
          // The first view: no validator, so every request renders and queries.
          log(`  load ${r.path} (first view, rendered)`);
          if (o.warmup > 0) {
            await throughputAt(url, 8, o.warmup);
            await settle(twin);
          }
          const latency = await latencyAtC1(url, o.duration, o.minSamples);
          const throughput = await throughputAt(url, 32, o.duration);
          await settle(twin);
          r.rendered = { latency, throughput, throughputRatio: r.staticThroughput ? ratio(throughput.rps, r.staticThroughput.rps) : null };
        }
      }
    }

    if (synthetic && !o.skipScale) {
      // Issue 15: the busiest company's page, name filters, /sources and concurrent searches,
      // every filter request unique so no cache answers it.
      log("Scale probe: company pages, name filters, /sources, 8 concurrent unique searches");
      const busy = (synthMeta as { busyCompany?: string } | null)?.busyCompany;
      // 20 s of searches: the other pages, asked for every 100 ms, get about 100 samples each.
      scale = await scaleProbe(base, { busyCompany: busy, samples: Math.max(20, o.minSamples), searchSeconds: Math.max(20, o.duration * 2) });
      printScaleProbe(scale, (line) => log(`  ${line}`));
    }

    if (!o.skipLighthouse) {
      log(`Lighthouse (desktop and mobile presets${o.lighthouseCalibrated ? "; mobile again with the CPU slowdown calibrated to this machine" : ""})`);
      await runLighthouse(
        routes.filter((r) => r.page && !r.missing).map((route) => ({ route, url: base + route.path })),
        o.lighthouseRuns,
        o.lighthouseCalibrated,
      );
      if (!o.skipFloor) floor = await measureFloor(o.lighthouseRuns, o.skipBuild, o.lighthouseCalibrated);
    }
  } finally {
    await stopServer();
    removeStaticTwins();
  }

  if (synthetic && !o.skipImport) importRate = runImport(o.db, o.importRows);

  const budgets = checkBudgets({ synthetic, routes, synth: synthRate, import: importRate });
  if (scale) {
    budgets.push(
      ...checkScaleBudgets({
        companyPages: scale.companyPages,
        filters: scale.filters.map((f) => ({ url: f.url, p95: f.p95 })),
        searchP95: scale.search.searches.p95,
        others: scale.search.others.map((x) => ({ url: x.url, idleP95: x.idle.p95, duringP95: x.during.p95 })),
      }),
    );
  }
  printTables(routes, budgets, { synth: synthRate, import: importRate }, floor);

  const run = {
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    database: { file: path.relative(ROOT, o.db), synthetic: synthMeta, bytes: statSync(o.db).size },
    settings: {
      durationSeconds: o.duration,
      warmupSeconds: o.warmup,
      minSamples: o.minSamples,
      concurrency: { latency: 1, throughput: 32 },
      lighthouseRuns: o.skipLighthouse ? 0 : o.lighthouseRuns,
    },
    buildSeconds,
    budgetsDefinition: BUDGETS,
    routes,
    frameworkFloor: floor?.lighthouse ?? null,
    tools: { synth: synthRate, import: importRate },
    scale,
    budgets,
  };
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
  } catch {
    all = {};
  }
  // One entry per database kind, so the real-data run and the scale run live side by side.
  all[synthetic ? "synthetic" : "real"] = run;
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
  log(`\nWrote ${path.relative(ROOT, RESULTS)} (${synthetic ? "synthetic" : "real"}).`);
}

main().catch((err: unknown) => {
  cleanup();
  console.error(`bench failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
