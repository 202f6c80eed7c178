import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ALL_ROUTES, DOWNLOAD_ROUTES } from "./routes";
import {
  APP_PORTS,
  dealsCsv,
  NGINX_PORT,
  ODD_HEADERS,
  rawRequest,
  REPO,
  runImport,
  scratchDir,
  setupDatabase,
  startApp,
  startImport,
  startNginx,
  stop,
} from "./serving-helpers";

/**
 * How pages are served (issue 10): validators and 304s, no header that changes what the
 * next visitor gets, fresh data right after an import or a db:setup, whole snapshots across
 * a swap, reads that survive a killed import, and nginx in front of two app processes on
 * one database file. These tests write to their own database, so they start their own app
 * processes (and nginx) on it instead of using the shared server.
 */
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const ROUTES = [...ALL_ROUTES, "/download?table=pledge&format=sources", "/search?q=chip"];
const ODD_ROUTES = ["/", "/capex", "/deals", "/companies/unitree", "/api/v1/deals", ...DOWNLOAD_ROUTES, "/search?q=chip"];
let dir: string;
let db: string;
let apps: ChildProcess[] = [];
let nginx: { proc: ChildProcess; dir: string } | undefined;
const app = (i: 0 | 1 = 0) => `http://127.0.0.1:${APP_PORTS[i]}`;
const edge = () => `http://127.0.0.1:${NGINX_PORT}`;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = scratchDir("portfolio-serving-");
  db = path.join(dir, "portfolio.db");
  await setupDatabase(db);
  // The second process is bound to one address, as a host behind a proxy would run it; the
  // first keeps Next's default binding. Every test below runs against both.
  apps = await Promise.all([startApp(APP_PORTS[0], db), startApp(APP_PORTS[1], db, ["-H", "127.0.0.1"])]);
  nginx = await startNginx(NGINX_PORT, APP_PORTS);
});

test.afterAll(async () => {
  await stop(nginx?.proc);
  await Promise.all(apps.map(stop));
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const dealCount = (html: string) => Number(/data-testid="deal-count" data-count="(\d+)"/.exec(html)?.[1] ?? NaN);
const dealCards = (html: string) => html.split('data-testid="deal"').length - 1;

test("every page, API answer and download carries an ETag and answers a matching If-None-Match with 304", async () => {
  for (const route of ROUTES) {
    const first = await get(`${app()}${route}`);
    expect(first.status, route).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag, route).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control"), route).toBe("public, max-age=0, must-revalidate");
    expect(first.headers.get("vary") ?? "", route).toMatch(/Accept-Encoding/i);
    // The other process, on the same file, computes the same validator.
    const other = await fetch(`${app(1)}${route}`, { headers: { "if-none-match": etag! } });
    expect(other.status, route).toBe(304);
    expect(other.headers.get("etag"), route).toBe(etag);
    expect(other.headers.get("cache-control"), route).toBe("public, max-age=0, must-revalidate");
    const stale = await fetch(`${app()}${route}`, { headers: { "if-none-match": 'W/"not-it"' } });
    expect(stale.status, route).toBe(200);
    await stale.arrayBuffer();
  }
});

test("a page with a filter it cannot read answers 400 with its explanation, whatever address the server is bound to", async () => {
  // Bound to one address, Next once named the proxy's URL "localhost" and the request's
  // "127.0.0.1", so a rewrite of the page to itself looked external: a 500.
  for (const base of [app(), app(1), edge()]) {
    for (const route of ["/deals?kind=nope", "/portfolio?layer=nope", "/sources?asof=2020-13-45", "/companies/unitree?asof=tomorrow"]) {
      const res = await get(`${base}${route}`);
      expect(res.status, `${base}${route}`).toBe(400);
      expect(res.body, `${base}${route}`).toContain('data-testid="param-problems"');
      expect(res.headers.get("cache-control"), `${base}${route}`).toMatch(/no-store/);
      expect(res.headers.get("x-content-type-options"), `${base}${route}`).toBe("nosniff");
    }
  }
});

test("a download or API link it cannot read answers 400 with its explanation and the validator of a file, so a cache revalidates it", async () => {
  for (const [route, explanation] of [
    ["/deals/download?kind=nope", /kind: "nope" is not one of the allowed values/],
    ["/portfolio/download?layer=nope&format=xlsx", /layer: /],
    ["/api/v1/deals?kind=nope", /"param":"kind"/],
  ] as const) {
    const res = await get(`${app()}${route}`);
    expect(res.status, route).toBe(400);
    expect(res.body, route).toMatch(explanation);
    expect(res.headers.get("cache-control"), route).toBe("public, max-age=0, must-revalidate");
    const etag = res.headers.get("etag");
    expect(etag, route).toMatch(/^W\/".+"$/);
    const again = await fetch(`${app(1)}${route}`, { headers: { "if-none-match": etag! } });
    expect(again.status, route).toBe(304);
  }
});

test("no odd request header changes what the next plain request gets, from the app or through nginx", async () => {
  for (const base of [app(), edge()]) {
    for (const route of ODD_ROUTES) {
      const before = await get(`${base}${route}`);
      expect(before.status, route).toBe(200);
      for (const headers of ODD_HEADERS) {
        const odd = await fetch(`${base}${route}`, { headers, redirect: "manual" });
        await odd.arrayBuffer();
        expect(odd.status, `${route} ${JSON.stringify(headers)}`).toBeLessThan(500);
        const after = await get(`${base}${route}`);
        expect(after.status, `${route} after ${JSON.stringify(headers)}`).toBe(200);
        expect(after.headers.get("content-type"), `${route} after ${JSON.stringify(headers)}`).toBe(before.headers.get("content-type"));
        expect(after.body === before.body, `${base}${route} after ${JSON.stringify(headers)}`).toBe(true);
      }
    }
  }
});

test("nginx answers a repeat request from its cache", async () => {
  for (const route of ["/", "/capex", "/api/v1/deals?limit=5", "/deals/download", "/capex/download?format=xlsx"]) {
    await get(`${edge()}${route}`);
    const again = await get(`${edge()}${route}`);
    expect(again.status, route).toBe(200);
    expect(again.headers.get("x-cache-status"), route).toBe("HIT");
  }
});

test("an import shows on the very next request, from either process and through nginx; so does a db:setup", async () => {
  const url = "/deals?q=fresh-import";
  for (const base of [app(), app(1), edge()]) expect(dealCount((await get(`${base}${url}`)).body), base).toBe(0);
  // Cached by nginx and by a browser-like client holding an ETag.
  const held = (await get(`${edge()}${url}`)).headers.get("etag");
  await runImport(dealsCsv(dir, "fresh-import", 3), db);
  for (const base of [app(), app(1), edge()]) expect(dealCount((await get(`${base}${url}`)).body), base).toBe(3);
  const revalidated = await fetch(`${app()}${url}`, { headers: { "if-none-match": held ?? "" } });
  expect(revalidated.status).toBe(200);
  expect(dealCount(await revalidated.text())).toBe(3);

  await setupDatabase(db);
  for (const base of [app(), app(1), edge()]) expect(dealCount((await get(`${base}${url}`)).body), base).toBe(0);
});

test("/_data-version answers the build-and-data key, uncached, with the security headers, and a new key after an import", async () => {
  // instrumentation.ts answers the plain GET and HEAD (nginx's auth_request) before Next;
  // the forms it passes on must still get what proxy.ts and Next answer.
  const keyOf = async (base: string, method = "GET") => {
    const res = await fetch(`${base}/_data-version`, { method });
    expect(res.status, `${method} ${base}`).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("cache-control")).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("etag")).toBeNull();
    return res.headers.get("x-data-version");
  };
  const before = await keyOf(app());
  expect(before).toMatch(/^[A-Za-z0-9_-]{27}$/);
  expect(await keyOf(app(1))).toBe(before);
  expect(await keyOf(app(), "HEAD")).toBe(before);
  expect((await fetch(`${app()}/_data-version?x=1`)).headers.get("x-data-version")).toBe(before);
  expect((await fetch(`${app()}/_data-version`, { headers: { "x-middleware-prefetch": "1" } })).headers.get("x-data-version")).toBe("none");
  expect((await fetch(`${app()}/_data-version`, { method: "POST" })).status).toBe(405);
  expect((await fetch(`${app()}/_data-version`, { headers: { rsc: "1" } })).status).toBe(404);

  await runImport(dealsCsv(dir, "version-bump", 1), db);
  const after = await keyOf(app());
  expect(after).toMatch(/^[A-Za-z0-9_-]{27}$/);
  expect(after).not.toBe(before);
  expect(await keyOf(app(1))).toBe(after);
});

test("a page is one snapshot: no torn page while db:setup swaps the database under the readers", async () => {
  // Two databases that differ in a dozen deals; the page's count and its cards must agree.
  const withDeals = path.join(dir, "with-deals.db");
  await setupDatabase(withDeals);
  await runImport(dealsCsv(dir, "swap-check", 12), withDeals);
  const plainCopy = path.join(dir, "plain.db");
  await setupDatabase(plainCopy);

  let stop = false;
  const seen = new Set<number>();
  const torn: string[] = [];
  const reader = async (base: string) => {
    while (!stop) {
      const { status, body } = await get(`${base}/deals?q=swap-check`);
      expect(status).toBe(200);
      const count = dealCount(body);
      seen.add(count);
      if (count !== dealCards(body)) torn.push(`${count} vs ${dealCards(body)} cards`);
      const api = (await (await fetch(`${base}/api/v1/deals?q=swap-check&limit=100`)).json()) as { data: unknown[]; meta: { total: number } };
      if (api.meta.total !== api.data.length) torn.push(`api ${api.meta.total} vs ${api.data.length}`);
    }
  };
  const readers = [reader(app()), reader(app(1)), reader(app())];
  for (let i = 0; i < 6; i++) await setupDatabase(db, "--from", i % 2 ? plainCopy : withDeals);
  stop = true;
  await Promise.all(readers);
  expect(torn).toEqual([]);
  expect([...seen].sort()).toEqual([0, 12]);
  await setupDatabase(db, "--from", plainCopy);
});

test("kill -9 of an import in the middle of writing and committing: readers keep getting 200 with the old data, the next import works", async () => {
  const url = "/deals?q=killed-import";
  let reading = true;
  const failures: string[] = [];
  const reader = async () => {
    while (reading) {
      for (const route of ["/", url, "/api/v1/deals?limit=3"]) {
        const res = await fetch(`${app()}${route}`);
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${res.status} ${route}`);
      }
    }
  };
  const readers = [reader(), reader()];
  test.setTimeout(600_000);
  const csv = dealsCsv(dir, "killed-import", 10_000);
  // Killed at staggered moments: while planning, while writing rows, and at the end of the
  // write, when the commit is under way.
  for (const at of ["checked", "wrote", "wrote 10,000"]) {
    const child = startImport(csv, db);
    await new Promise<void>((resolve) => {
      let err = "";
      child.stderr!.on("data", (c: Buffer) => {
        err += c.toString();
        if (err.includes(at)) resolve();
      });
      child.on("exit", () => resolve());
    });
    child.kill("SIGKILL");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on("exit", r)));
    const count = dealCount((await get(`${app()}${url}`)).body);
    // All or nothing: a commit that had completed before the kill is whole, never partial.
    expect([0, 10_000]).toContain(count);
    if (count === 10_000) await setupDatabase(db);
  }
  reading = false;
  await Promise.all(readers);
  expect(failures).toEqual([]);
  await runImport(dealsCsv(dir, "after-kill", 2), db);
  expect(dealCount((await get(`${app()}/deals?q=after-kill`)).body)).toBe(2);
});

test("malformed paths, TRACE and GET * get a 4xx with the security headers; /_next/image writes nothing", async () => {
  for (const target of ["/companies/%zz", "/api/v1/%E0%A4%A", "/deals/%"]) {
    const res = await rawRequest(APP_PORTS[0], "GET", target);
    expect(res.status, target).toBeGreaterThanOrEqual(400);
    expect(res.status, target).toBeLessThan(500);
    expect(res.headers["x-content-type-options"], target).toBe("nosniff");
    expect(res.headers["content-security-policy"], target).toContain("default-src 'self'");
  }
  for (const [method, target] of [["TRACE", "/"], ["GET", "*"], ["OPTIONS", "*"], ["TRACE", "/deals"]] as const) {
    const res = await rawRequest(APP_PORTS[0], method, target);
    expect(res.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${method} ${target}`).toBeLessThan(500);
    expect(res.headers["x-frame-options"], `${method} ${target}`).toBe("DENY");
  }
  const image = await fetch(`${app()}/_next/image?url=%2Ficon.svg&w=64&q=75`);
  await image.arrayBuffer();
  expect(image.status).toBeLessThan(500);
  expect(existsSync(path.join(REPO, ".next", "cache", "images"))).toBe(false);
});
