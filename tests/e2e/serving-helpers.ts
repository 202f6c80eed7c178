import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO = path.resolve(__dirname, "../..");

/**
 * Ports for the processes these tests start themselves, next to the shared server's
 * E2E_PORT: two app processes and nginx.
 */
const BASE = Number(process.env.E2E_PORT ?? 3200);
export const APP_PORTS = [BASE + 2, BASE + 3] as const;
export const NGINX_PORT = BASE + 4;

export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Runs a command to the end without blocking the test's event loop: a spawnSync would keep
 * the HTTP client from seeing the server close idle keep-alive sockets, and the next fetch
 * would pick a dead one ("other side closed").
 */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed: ${out}`))));
  });
}

/** db:setup into `file`, as a user runs it; --force, since these specs rebuild a database they imported into. */
export function setupDatabase(file: string, ...extra: string[]): Promise<void> {
  return run(["lib/db/setup.ts", "--quiet", "--force", "--db", file, ...extra]);
}

const IMPORT_COLUMNS =
  "record,id,title,outlet,published_date,url,summary,name,aliases,kind,country,description,layer,segment,relationship,status,since,sources,organization,investor,date,amount,currency,qualifier,co_investors,terms,metric,period_label,period_start,period_end,value,unit,change_percent,change_basis,scope".split(",");
const csvRow = (cells: Record<string, string>) => IMPORT_COLUMNS.map((c) => cells[c] ?? "").join(",");

/**
 * An import CSV: a new company named after `marker` and `n` deals in it, so `/deals?q=<marker>`
 * lists exactly those (the deals filter matches company names).
 */
export function dealsCsv(dir: string, marker: string, n: number, amount = 1_000_000): string {
  const source = "dingjiao-one-2025-10 ¶34";
  const rows = [
    csvRow({ record: "organization", id: marker, name: `Company ${marker}`, kind: "other", country: "CN", description: `A company made up by the serving tests (${marker}).`, sources: source }),
    ...Array.from({ length: n }, (_, i) =>
      csvRow({
        record: "deal", id: `${marker}-${i}`, organization: marker, investor: "alibaba", date: "2025-06", kind: "equity-investment", status: "completed",
        amount: String(amount + i), currency: "CNY", qualifier: "about", description: `A ${marker} deal for the serving tests.`, sources: source,
      }),
    ),
  ];
  const file = path.join(dir, `${marker}-${n}.csv`);
  writeFileSync(file, `${IMPORT_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
  return file;
}

/** db:import as one process (not the tsx wrapper), so a SIGKILL hits the writer itself. */
export function startImport(csv: string, db: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "lib/db/import/cli.ts", csv, "--db", db], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
}

export function runImport(csv: string, db: string): Promise<void> {
  return run(["lib/db/import/cli.ts", csv, "--db", db]);
}

/** `next start` on the existing build, reading `db`. */
/** `next start` on `port` reading `db`; `args` go to `next start` (e.g. `["-H", "127.0.0.1"]`). */
export async function startApp(port: number, db: string, args: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO, "node_modules/next/dist/bin/next"), "start", "--port", String(port), ...args], {
    cwd: REPO,
    env: { ...process.env, PORTFOLIO_DB: db, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    // To a file, not a pipe nobody reads (a full pipe would stall the server).
    stdio: ["ignore", "ignore", openSync(path.join(path.dirname(db), `app-${port}.log`), "a")],
  });
  await waitFor(`http://127.0.0.1:${port}/_data-version`);
  return child;
}

/** nginx with scripts/nginx.conf, its ports and folders moved to ours. */
export async function startNginx(port: number, upstreams: readonly number[]): Promise<{ proc: ChildProcess; dir: string }> {
  const dir = scratchDir("portfolio-nginx-");
  // Started as root (CI containers), nginx's workers run as nobody: they must reach the
  // folder; nginx creates its cache and temp folders inside with the right owner.
  chmodSync(dir, 0o755);
  const conf = readFileSync(path.join(REPO, "scripts/nginx.conf"), "utf8")
    .replaceAll("/tmp/portfolio-nginx", dir)
    .replace("listen 127.0.0.1:8080;", `listen 127.0.0.1:${port};`)
    .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${upstreams[0]};`)
    .replace("server 127.0.0.1:3001;", `server 127.0.0.1:${upstreams[1]};`);
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, conf);
  const nginx = existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  const proc = spawn(nginx, ["-e", path.join(dir, "error.log"), "-p", dir, "-c", file, "-g", "daemon off;"], { stdio: "ignore" });
  const err = () => (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "");
  try {
    await waitFor(`http://127.0.0.1:${port}/_next/static/none`, 10_000, true);
  } catch (e) {
    proc.kill("SIGKILL");
    throw new Error(`nginx did not start: ${err()} ${(e as Error).message}`);
  }
  return { proc, dir };
}

async function waitFor(url: string, timeoutMs = 60_000, anyStatus = false): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (anyStatus || res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stop(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.on("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

/** A raw HTTP request (fetch cannot send TRACE or a request target that is not a path). */
export function rawRequest(port: number, method: string, target: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path: target }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Request headers no visitor should be able to turn into someone else's page: Next's router
 * and prefetch headers, its internal ones, encodings and bots.
 */
export const ODD_HEADERS: Record<string, string>[] = [
  { rsc: "1" },
  { "next-router-prefetch": "1" },
  { rsc: "1", "next-router-prefetch": "1" },
  { rsc: "1", "next-router-segment-prefetch": "/_tree" },
  { "next-router-state-tree": "%5B%22%22%2C%7B%7D%5D" },
  { "next-url": "/deals" },
  { "x-middleware-prefetch": "1" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "middleware" },
  { purpose: "prefetch", "sec-purpose": "prefetch" },
  { "accept-encoding": "*" },
  { "accept-encoding": "gzip" },
  { "accept-encoding": "br" },
  { "accept-encoding": "deflate" },
  { "accept-encoding": "identity" },
  { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" },
  { "user-agent": "facebookexternalhit/1.1" },
  { "user-agent": "" },
  { "x-forwarded-host": "evil.example" },
  { "x-nextjs-data": "1" },
];
