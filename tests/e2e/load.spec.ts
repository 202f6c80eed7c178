import { expect, test } from "@playwright/test";
import { ALL_ROUTES } from "./routes";
import { listeningPid, treeRssMb } from "./server-memory";

/**
 * A short load test on loopback: bounded in count and time, a fixed concurrency, every
 * route and, every other request, a URL never requested before (a name filter, a search,
 * a page offset, an unknown company), so no cache of any kind can answer it. It asserts
 * zero errors and that the server's resident memory stays under a ceiling, not speed
 * (speed is `npm run bench`).
 */
const TOTAL = Number(process.env.LOAD_REQUESTS ?? 1500);
/** Generous for a Next server on the small e2e database (it idles near 200-300 MB); a leak per unique URL crosses it. */
const RSS_CEILING_MB = Number(process.env.LOAD_RSS_CEILING_MB ?? 1024);

/** The i-th never-seen URL. */
function uniqueUrl(i: number): string {
  const word = `u${i.toString(36)}`;
  switch (i % 6) {
    case 0:
      return `/deals?q=${word}`;
    case 1:
      return `/portfolio?q=${word}`;
    case 2:
      return `/search?q=${word}+robotcs`;
    case 3:
      return `/api/v1/deals?limit=5&offset=${i}`;
    case 4:
      return `/companies/no-such-${word}`;
    default:
      return `/api/v1/organizations?format=csv&q=${word}`;
  }
}
const CONCURRENCY = 16;
const DEADLINE_MS = 90_000;

test("load: every route under concurrent requests returns no errors", async ({ baseURL }) => {
  test.setTimeout(DEADLINE_MS + 30_000);
  const started = Date.now();
  let next = 0;
  let done = 0;
  const errors: string[] = [];
  const latencies: number[] = [];
  const port = Number(new URL(baseURL!).port);
  const pid = listeningPid(port);
  expect(pid, `no process listening on port ${port}`).not.toBeNull();
  const rss: number[] = [treeRssMb(pid!)];
  const sampler = setInterval(() => rss.push(treeRssMb(pid!)), 500);

  async function worker() {
    while (next < TOTAL && Date.now() - started < DEADLINE_MS) {
      const i = next++;
      const route = i % 2 ? uniqueUrl(i) : ALL_ROUTES[(i / 2) % ALL_ROUTES.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(new URL(route, baseURL), { signal: AbortSignal.timeout(15_000) });
        await res.arrayBuffer();
        // Unknown companies are 404s by design; anything else must be a 200.
        const expected = route.startsWith("/companies/no-such-") ? 404 : 200;
        if (res.status !== expected) errors.push(`${res.status} ${route}`);
      } catch (err) {
        errors.push(`${(err as Error).message} ${route}`);
      }
      latencies.push(performance.now() - t0);
      done++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(sampler);
  rss.push(treeRssMb(pid!));
  const peak = Math.max(...rss);
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(`load: ${done} requests in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} req/s), ${errors.length} errors, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms; server RSS ${rss[0]!.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB (ceiling ${RSS_CEILING_MB})`);
  // Speed is the bench's business: on a shared 2-core machine the deadline may stop the run
  // short of TOTAL, but it must still have been a real load.
  expect(done).toBeGreaterThanOrEqual(Math.min(TOTAL, 500));
  expect(errors).toEqual([]);
  expect(peak, "server resident memory (MB) during the load").toBeLessThan(RSS_CEILING_MB);
});
