// `npx tsx tests/perf/ab-latency.ts BEFORE_URL BEFORE_PID AFTER_URL AFTER_PID PATH [ROUNDS]`
//
// Two servers (two builds) compared on one path on a shared machine: each round requests a
// new URL (unique query parameter, so nothing cached answers) from both, in alternating
// order, so both see the same load; prints p50/p95 of each and the server's CPU time per
// request (utime + stime of its process from /proc, Linux), which load inflates far less
// than latency. scale-probe.ts measures one server; this one compares two.
import { readFileSync } from "node:fs";
import { timedGet } from "./lib/scale-probe";
import { percentile } from "./lib/stats";
const args = process.argv.slice(2);
if (args.length < 5) throw new Error("usage: ab-latency.ts BEFORE_URL BEFORE_PID AFTER_URL AFTER_PID PATH [ROUNDS]");
const [beforeBase, beforePid, afterBase, afterPid, path] = args as [string, string, string, string, string];
const rounds = Number(args[5] ?? 20);
const cpu = (pid: string) => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
async function main() {
  const t = { before: [] as number[], after: [] as number[] };
  const c = { before: 0, after: 0 };
  const servers = { before: [beforeBase, beforePid], after: [afterBase, afterPid] } as const;
  const load0 = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? (["after", "before"] as const) : (["before", "after"] as const);
    for (const k of order) {
      const [base, pid] = servers[k];
      const c0 = cpu(pid);
      const r = await timedGet(base, `${path}${path.includes("?") ? "&" : "?"}ab=${Date.now()}-${i}`);
      c[k] += cpu(pid) - c0;
      if (r.status !== 200) throw new Error(`${k} ${r.status}`);
      t[k].push(r.ms);
    }
  }
  const load1 = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  for (const k of ["before", "after"] as const) {
    const ms = [...t[k]].sort((a, b) => a - b);
    console.log(`${path.padEnd(22)} ${k.padEnd(6)} n=${rounds} p50 ${percentile(ms, 50).toFixed(0)} p95 ${percentile(ms, 95).toFixed(0)} ms, server CPU ${(c[k] / rounds).toFixed(0)} ms/request`);
  }
  console.log(`load average ${load0} -> ${load1}`);
}
void main();
