import { expect, test } from "@playwright/test";
import { ALL_ROUTES } from "./routes";

/**
 * A short load test on loopback: bounded in count and time, a fixed concurrency, every
 * route; it asserts zero errors, not speed (speed is `npm run bench`).
 */
const TOTAL = Number(process.env.LOAD_REQUESTS ?? 1500);
const CONCURRENCY = 16;
const DEADLINE_MS = 90_000;

test("load: every route under concurrent requests returns no errors", async ({ baseURL }) => {
  test.setTimeout(DEADLINE_MS + 30_000);
  const started = Date.now();
  let next = 0;
  let done = 0;
  const errors: string[] = [];
  const latencies: number[] = [];

  async function worker() {
    while (next < TOTAL && Date.now() - started < DEADLINE_MS) {
      const route = ALL_ROUTES[next++ % ALL_ROUTES.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(new URL(route, baseURL), { signal: AbortSignal.timeout(15_000) });
        await res.arrayBuffer();
        if (res.status !== 200) errors.push(`${res.status} ${route}`);
      } catch (err) {
        errors.push(`${(err as Error).message} ${route}`);
      }
      latencies.push(performance.now() - t0);
      done++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(`load: ${done} requests in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} req/s), ${errors.length} errors, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
  expect(done).toBe(TOTAL);
  expect(errors).toEqual([]);
});
