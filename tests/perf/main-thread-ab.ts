// `npx tsx tests/perf/main-thread-ab.ts [--loads N] [--cpu X] [--simulate] [--thread-time] [--detail] BASE_A [BASE_B ...] -- PATH [PATH...]`
//
// What a phone's main thread does while a page loads, for two or more servers (builds)
// compared on one busy machine: each load is a fresh phone-sized page (412 x 823, touch)
// in Debian's Chromium with the CPU slowed by `--cpu` (default 2.7, what Lighthouse's
// throttling guide calls for on this machine: tests/perf/lib/cpu-calibration.ts), traced
// from navigation to 3 s after `load`. Variants are interleaved, load by load, so both see
// the same machine. Per load, from the renderer's main-thread tasks (`RunTask`) that start
// at or after first contentful paint, as Lighthouse counts them:
//   TBT  = sum over tasks longer than 50 ms of (duration - 50 ms),
//   long = the longest task.
// Prints min and median over the loads of each, and the first paint: its time (FCP), the time
// of the page's largest text or image (LCP, the last candidate), how many loads had that
// element in the first paint already, and the main thread's parse, style and layout before
// the first paint (times `--cpu` with `--simulate`). `--detail` also prints, for the load with
// the median TBT, every task over 50 ms with what is inside it (trace events by name, the
// script that ran, and the JavaScript functions that took the time, from a CPU profile
// taken in the same load).
// Lighthouse's own TBT is simulated from an unthrottled trace (every task times the
// slowdown); this traces a throttled load, so its figures differ, but two builds compared
// in one run differ for the same reasons.
import { chromium, type CDPSession } from "@playwright/test";
import { readFileSync } from "node:fs";
import { CHROME } from "./lib/chrome";
import { percentile } from "./lib/stats";

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: { url?: string; functionName?: string }; beginData?: { url?: string } } };
type Profile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]; startTime: number; samples: number[]; timeDeltas: number[] };

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1]!;
  argv.splice(i, 2);
  return v;
};
const loads = Number(flag("--loads", "5"));
const cpu = Number(flag("--cpu", "2.7"));
const detail = argv.includes("--detail");
if (detail) argv.splice(argv.indexOf("--detail"), 1);
// `--simulate`: load at full speed and multiply every task by `--cpu`, as Lighthouse's
// default (simulated) throttling does, rather than slowing the CPU during the load.
const simulate = argv.includes("--simulate");
if (simulate) argv.splice(argv.indexOf("--simulate"), 1);
const scale = simulate ? cpu : 1;
// `--thread-time`: a task's length is the CPU time its thread ran (the trace's `tdur`), not
// wall time: on a machine shared with builds the renderer is often descheduled mid-task,
// which wall time counts and the page did not cause. Use with `--simulate`.
const threadTime = argv.includes("--thread-time");
if (threadTime) argv.splice(argv.indexOf("--thread-time"), 1);
const len = (e: TraceEvent) => (threadTime ? (e.tdur ?? e.dur!) : e.dur!);
const sep = argv.indexOf("--");
if (sep < 1 || sep === argv.length - 1) throw new Error("usage: main-thread-ab.ts [--loads N] [--cpu X] [--simulate] [--thread-time] [--detail] BASE_A [BASE_B ...] -- PATH [PATH...]");
const bases = argv.slice(0, sep);
const paths = argv.slice(sep + 1);
const label = (i: number) => String.fromCharCode(65 + i);

type Load = { tbt: number; longest: number; kinds: Record<Kind, number>; tasks: TraceEvent[]; events: TraceEvent[]; profile?: Profile; paint: FirstPaint };
/** FCP and LCP in ms from the document's first parse, whether the first paint held the LCP element, and the work before it. */
type FirstPaint = { fcp: number; lcp: number; lcpInFirst: boolean; beforeMs: number };
// What a task was mostly doing, by the largest of its direct work events.
type Kind = "script" | "parse" | "render";
const KIND_OF: Record<string, Kind> = { EvaluateScript: "script", FunctionCall: "script", RunMicrotasks: "script", TimerFire: "script", "v8.compile": "script", ParseHTML: "parse", UpdateLayoutTree: "render", Layout: "render", Paint: "render", PrePaint: "render", Commit: "render" };

async function loadOnce(browser: Awaited<ReturnType<typeof chromium.launch>>, url: string, withProfile: boolean): Promise<Load> {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
  const page = await ctx.newPage();
  const cdp: CDPSession = await ctx.newCDPSession(page);
  if (!simulate) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  if (withProfile) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  await browser.startTracing(page, { categories: ["devtools.timeline", "loading", "disabled-by-default-devtools.timeline"] });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(3000);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const profile = withProfile ? ((await cdp.send("Profiler.stop")) as { profile: Profile }).profile : undefined;
  await ctx.close();
  const parse = traceEvents.find((e) => e.name === "ParseHTML" && String(e.args?.beginData?.url ?? "").startsWith(url.split("?")[0]!));
  if (!parse) throw new Error(`no ParseHTML for ${url} in the trace`);
  const { pid, tid } = parse;
  const fcp = traceEvents.find((e) => e.name === "firstContentfulPaint" && e.pid === pid)?.ts ?? parse.ts;
  const events = traceEvents.filter((e) => e.pid === pid && e.tid === tid && e.dur);
  const tasks = events.filter((e) => e.name === "RunTask" && e.ts >= fcp);
  // The last LCP candidate is the page's largest element; painted in the same frame as the first
  // contentful paint when the first paint already held it.
  const lcp = traceEvents.filter((e) => e.name === "largestContentfulPaint::Candidate" && e.pid === pid).reduce((t, e) => Math.max(t, e.ts), fcp);
  const before = events.filter((e) => ["ParseHTML", "UpdateLayoutTree", "Layout"].includes(e.name) && e.ts < fcp).reduce((s, e) => s + len(e), 0);
  const paint: FirstPaint = { fcp: (fcp - parse.ts) / 1000, lcp: (lcp - parse.ts) / 1000, lcpInFirst: lcp === fcp, beforeMs: (scale * before) / 1000 };
  const tbt = tasks.reduce((s, t) => s + Math.max(0, (scale * len(t)) / 1000 - 50), 0);
  const longest = Math.max(0, ...tasks.map((t) => (scale * len(t)) / 1000));
  // Blocking time split by what each long task mostly did.
  const kinds: Record<Kind, number> = { script: 0, parse: 0, render: 0 };
  for (const t of tasks) {
    const blocking = Math.max(0, (scale * len(t)) / 1000 - 50);
    if (!blocking) continue;
    const byKind: Record<Kind, number> = { script: 0, parse: 0, render: 0 };
    for (const e of events) if (e.ts >= t.ts && e.ts < t.ts + t.dur! && KIND_OF[e.name] && e.name !== "RunTask") byKind[KIND_OF[e.name]!] += len(e);
    // ParseHTML contains the inline scripts it runs; count it as parse only when it outweighs them.
    const kind = (Object.keys(byKind) as Kind[]).sort((a, b) => byKind[b] - byKind[a])[0]!;
    kinds[kind] += blocking;
  }
  return { tbt, longest, kinds, tasks, events, profile, paint };
}

function describe(load: Load) {
  const long = load.tasks.filter((t) => scale * len(t) > 50_000);
  const profile = load.profile;
  // Profile sample times are in the trace's clock (microseconds of the same monotonic clock).
  const samples: { ts: number; node: number }[] = [];
  const frames = new Map<number, Profile["nodes"][number]["callFrame"]>();
  if (profile) {
    for (const n of profile.nodes) frames.set(n.id, n.callFrame);
    let t = profile.startTime;
    profile.samples.forEach((id, i) => samples.push({ ts: (t += profile.timeDeltas[i] ?? 0), node: id }));
  }
  for (const task of long) {
    const end = task.ts + task.dur!;
    const inside = load.events.filter((e) => e !== task && e.ts >= task.ts && e.ts < end && e.name !== "RunTask");
    const byName = new Map<string, number>();
    for (const e of inside) if (["EvaluateScript", "FunctionCall", "ParseHTML", "UpdateLayoutTree", "Layout", "Paint", "PrePaint", "RunMicrotasks", "TimerFire", "v8.compile", "MajorGC", "MinorGC", "EventDispatch", "HitTest", "Commit"].includes(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + len(e));
    const scripts = inside
      .filter((e) => e.name === "EvaluateScript" || e.name === "FunctionCall")
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 3)
      .map((e) => `${e.name}:${Math.round(e.dur! / 1000)}@${String(e.args?.data?.url ?? e.args?.data?.functionName ?? "").split("/").pop()}`);
    console.log(`    task ${Math.round((scale * len(task)) / 1000)} ms at +${Math.round((task.ts - load.tasks[0]!.ts) / 1000)}: ${[...byName].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${Math.round((scale * v) / 1000)}`).join(" ")}`);
    if (scripts.length) console.log(`      ${scripts.join(" | ")}`);
    if (profile) {
      const self = new Map<string, number>();
      let total = 0;
      for (let i = 0; i < samples.length - 1; i++) {
        const s = samples[i]!;
        if (s.ts < task.ts || s.ts >= end) continue;
        const f = frames.get(s.node)!;
        if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
        const k = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}:${f.columnNumber}`;
        const d = samples[i + 1]!.ts - s.ts;
        self.set(k, (self.get(k) ?? 0) + d);
        total += d;
      }
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.log(`      JS self time ${Math.round(total / 1000)} ms: ${top.map(([k, v]) => `${k}=${Math.round(v / 1000)}`).join(", ")}`);
    }
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROME, args: ["--no-sandbox", "--disable-gpu"] });
  const load0 = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const results = new Map<string, Load[]>();
  for (let i = 0; i < loads; i++)
    for (const path of paths)
      for (const [j, base] of (i % 2 ? [...bases.entries()].reverse() : [...bases.entries()])) {
        const r = await loadOnce(browser, base + path, detail);
        const k = `${path} ${label(j)}`;
        (results.get(k) ?? results.set(k, []).get(k)!).push(r);
      }
  await browser.close();
  const load1 = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`CPU x${cpu}${simulate ? " (simulated: full-speed load, tasks multiplied)" : ""}${threadTime ? ", thread time" : ", wall time"}, ${loads} loads per page and variant, interleaved; ${bases.map((b, j) => `${label(j)} = ${b}`).join(", ")}`);
  console.log("page variant: TBT min / median (each load), longest task min / median, ms");
  for (const [k, rs] of results) {
    const tbt = rs.map((r) => r.tbt).sort((a, b) => a - b);
    const long = rs.map((r) => r.longest).sort((a, b) => a - b);
    const med = (k: Kind) => Math.round(percentile(rs.map((r) => r.kinds[k]).sort((a, b) => a - b), 50));
    console.log(`${k.padEnd(44)} TBT ${Math.round(tbt[0]!)} / ${Math.round(percentile(tbt, 50))} (${rs.map((r) => Math.round(r.tbt)).join(" ")})   longest ${Math.round(long[0]!)} / ${Math.round(percentile(long, 50))}   median TBT in script/parse/render tasks ${med("script")}/${med("parse")}/${med("render")}`);
    const p = (f: (x: FirstPaint) => number) => Math.round(percentile(rs.map((r) => f(r.paint)).sort((a, b) => a - b), 50));
    console.log(`${"".padEnd(44)} first paint ${p((x) => x.fcp)} ms, largest element ${p((x) => x.lcp)} ms (medians, from the first parse), in the first paint in ${rs.filter((r) => r.paint.lcpInFirst).length}/${rs.length} loads; parse+style+layout before it ${p((x) => x.beforeMs)} ms`);
    if (detail) {
      const median = [...rs].sort((a, b) => a.tbt - b.tbt)[Math.floor((rs.length - 1) / 2)]!;
      describe(median);
    }
  }
  console.log(`load average ${load0} -> ${load1}`);
}
void main();
