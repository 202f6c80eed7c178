// Where a server's CPU time goes, from a V8 CPU profile (`node --cpu-prof`) of `next start`:
// each sample is given to the innermost frame on its stack that belongs to a known part
// (our code, React's RSC render, React's HTML render, Next's proxy and router, ...), with
// the bundles mapped back to their sources through their source maps.
//
//   cd APP && PORTFOLIO_DB=var/synth.db node --cpu-prof --cpu-prof-dir /tmp/prof \
//     node_modules/next/dist/bin/next start -p 3601     # load it, then Ctrl-C (SIGINT)
//   npx tsx tests/perf/cpu-split.ts /tmp/prof/CPU.*.0.001.cpuprofile --last 15 --requests 518
//
// --last S keeps the profile's last S seconds (the load, not the start-up); --requests N
// also prints ms per request. Used for search6's split in tests/perf/README.md.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Parts, most specific first; a frame belongs to the first whose test matches its source. */
const PARTS: { name: string; test: (src: string) => boolean }[] = [
  { name: "ours: proxy.ts and validators (ETag)", test: (s) => /^(proxy\.ts|lib\/http\/validators\.ts)$/.test(s) },
  { name: "ours: database reads (lib/db)", test: (s) => /^lib\/db\//.test(s) || s.includes("better-sqlite3") },
  { name: "ours: app, components, lib", test: (s) => /^(app|components|lib)\//.test(s) },
  { name: "React: RSC render (Flight server)", test: (s) => s.includes("react-server-dom-turbopack-server") || s.includes("react-server-dom-webpack-server") },
  { name: "React: RSC payload decoded for HTML (Flight client)", test: (s) => s.includes("react-server-dom-turbopack-client") || s.includes("react-server-dom-webpack-client") },
  { name: "React: HTML render (Fizz)", test: (s) => s.includes("react-dom-server") },
  { name: "React: elements, hooks (react)", test: (s) => /compiled\/react\/|node_modules\/react\//.test(s) },
  { name: "Next: proxy adapter (middleware)", test: (s) => /server\/web\/|middleware|adapter/.test(s) },
  { name: "Next: app render (app-render, streams)", test: (s) => /server\/app-render\/|stream-utils|server\/render-result|send-payload|pipe-readable/.test(s) },
  { name: "Next: router, request handling", test: (s) => /next\/(dist|src)\/|^src\/(server|shared|client|lib|build|export)\//.test(s) },
  { name: "Node: http, streams, zlib", test: (s) => /^node:(_http|http|net|stream|internal\/streams|internal\/webstreams|zlib|internal\/http|internal\/deps\/undici)/.test(s) },
  { name: "Node: async hooks (AsyncLocalStorage)", test: (s) => /^node:(async_hooks|internal\/async_hooks)/.test(s) },
  { name: "Node: other", test: (s) => s.startsWith("node:") && !/^node:internal\/process\/task_queues|^node:internal\/timers/.test(s) },
  { name: "Node: microtasks, ticks, timers (callers unknown)", test: (s) => /^node:(internal\/process\/task_queues|internal\/timers|timers)/.test(s) || s === "runMicrotasks" },
];

const sourceMaps = new Map<string, SourceMap | null>();
function mapFor(url: string): SourceMap | null {
  if (!sourceMaps.has(url)) {
    let map: SourceMap | null = null;
    if (url.startsWith("file://")) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8")));
      } catch {
        map = null;
      }
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url)!;
}

/** The original source of a frame: the source map's file, or the script's own path. */
const sourceCache = new Map<number, string>();
function sourceOf(node: ProfileNode): string {
  const cached = sourceCache.get(node.id);
  if (cached !== undefined) return cached;
  const { url, lineNumber, columnNumber, functionName } = node.callFrame;
  let src: string;
  if (!url) src = functionName; // (idle), (program), (garbage collector), native
  else {
    const entry = mapFor(url)?.findEntry(lineNumber, columnNumber) as { originalSource?: string } | undefined;
    src = entry?.originalSource ?? url;
  }
  // Bundles name their sources relative to the map (`../../../../lib/db/x.ts` is ours,
  // `../../../src/server/...` is Next's own): drop the leading `../`s.
  src = src.replace(/^file:\/\//, "").replace(/^webpack:\/\/next\/\.\//, "next/").replace(/^(\.\.\/)+/, "");
  sourceCache.set(node.id, src);
  return src;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { last: { type: "string" }, requests: { type: "string" }, top: { type: "string", default: "25" }, detail: { type: "string" } },
  });
  const file = positionals[0];
  if (!file) throw new Error("usage: cpu-split.ts PROFILE.cpuprofile [--last SECONDS] [--requests N]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample times; keep the last S seconds.
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const from = values.last ? profile.endTime - Number(values.last) * 1e6 : profile.startTime;

  const parts = new Map<string, number>();
  const self = new Map<string, number>();
  // --detail WORD: within the parts whose name has WORD, time by the part's frame (function, source, line).
  const detail = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (times[i]! < from) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]!)!;
    const leafSrc = sourceOf(leaf);
    if (leafSrc === "(idle)") {
      idle += dt;
      continue;
    }
    total += dt;
    self.set(leafSrc, (self.get(leafSrc) ?? 0) + dt);
    let part = leafSrc === "(garbage collector)" ? "V8: garbage collector" : leafSrc === "(program)" ? "V8: (program), native" : "";
    for (let id: number | undefined = leaf.id; !part && id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const src = sourceOf(node);
      part = PARTS.find((p) => p.test(src))?.name ?? "";
      if (part && values.detail && part.includes(values.detail)) {
        const key = `${node.callFrame.functionName || "(anonymous)"} ${src.slice(-40)}:${node.callFrame.lineNumber}`;
        detail.set(key, (detail.get(key) ?? 0) + dt);
      }
    }
    part ||= "other";
    parts.set(part, (parts.get(part) ?? 0) + dt);
  }

  const n = values.requests ? Number(values.requests) : 0;
  const row = (name: string, ms: number) =>
    `  ${name.padEnd(56)} ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%${n ? `  ${(ms / n).toFixed(2).padStart(7)} ms/req` : ""}`;
  console.log(`${path.basename(file)}: ${total.toFixed(0)} ms busy, ${idle.toFixed(0)} ms idle${n ? `, ${n} requests: ${(total / n).toFixed(2)} ms busy per request` : ""}`);
  console.log("By part (innermost known frame):");
  for (const [name, ms] of [...parts].sort((a, b) => b[1] - a[1])) console.log(row(name, ms));
  if (values.detail) {
    console.log(`Parts matching "${values.detail}", by their innermost frame (top ${values.top}):`);
    for (const [name, ms] of [...detail].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(row(name.slice(-56), ms));
  }
  console.log(`Self time by source (top ${values.top}):`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(row(name.slice(-56), ms));
}

main();
