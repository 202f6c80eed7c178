// `npx tsx tests/perf/unique-urls.ts [--requests 40000] [--port 3215] [--concurrency 16]`
//
// Memory under URLs that never repeat: starts `next start` (on the existing build and
// var/portfolio.db, or PORTFOLIO_DB) on loopback, sends N requests whose query strings are
// all different and long (pages and API answers, rendered every time), and reports the
// server's resident memory before, during and after. Issue 10 asks for < 600 MB after 40,000.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "40000" }, port: { type: "string", default: "3215" }, concurrency: { type: "string", default: "16" } },
});
const total = Number(values.requests);
const port = Number(values.port);
const concurrency = Number(values.concurrency);
if (![total, port, concurrency].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("Usage: npx tsx tests/perf/unique-urls.ts [--requests N] [--port N] [--concurrency N]");
  process.exit(1);
}
const LIMIT_MB = 600;
const ROUTES = ["/", "/api/v1/sources?limit=1", "/companies/unitree", "/api/v1/deals?limit=1", "/sources"];

/** Resident memory of a process and its children, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
  let sum = kb(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) sum += kb(Number(child));
  } catch {
    // no children
  }
  return sum / 1024;
}

async function main() {
  const server = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  // A failed fetch alone says nothing; say whether the server itself went away, and how.
  let exited = "";
  server.on("exit", (code, signal) => {
    exited = `the server exited (${signal ?? `code ${code}`})`;
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/_data-version`)).status === 204) break;
      } catch {
        // not yet listening
      }
      if (i > 240) throw new Error("the server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
    const pid = server.pid!;
    const start = rssMb(pid);
    let next = 0;
    let errors = 0;
    let peak = start;
    const padding = "x".repeat(1500);
    const started = performance.now();
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const route = ROUTES[i % ROUTES.length]!;
        const url = `${base}${route}${route.includes("?") ? "&" : "?"}utm_content=${i}-${padding}-${Math.random().toString(36).slice(2)}`;
        const res = await fetch(url).catch((err: unknown) => {
          throw new Error(`request ${i}: ${(err as Error).message}${exited ? `; ${exited}` : ""}`);
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        // Sampled often enough that a peak between progress lines is not missed; reading
        // /proc costs microseconds beside a render.
        if (i % 100 === 0) {
          const now = rssMb(pid);
          peak = Math.max(peak, now);
          if (i % 2000 === 0) process.stderr.write(`  ${i.toLocaleString("en-US")} requests, RSS ${now.toFixed(0)} MB (peak ${peak.toFixed(0)} MB), ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const end = rssMb(pid);
    peak = Math.max(peak, end);
    console.log(
      `${total.toLocaleString("en-US")} requests with unique ~1.5 KB query strings in ${seconds.toFixed(0)} s (${errors} not 200): ` +
        `RSS ${start.toFixed(0)} MB at start, ${peak.toFixed(0)} MB peak, ${end.toFixed(0)} MB at the end (limit ${LIMIT_MB} MB): ${end < LIMIT_MB && peak < LIMIT_MB ? "PASS" : "FAIL"}`,
    );
    if (errors || peak >= LIMIT_MB) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((err: unknown) => {
  console.error(`unique-urls failed: ${(err as Error).message}`);
  process.exit(1);
});
