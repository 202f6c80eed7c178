import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createResponseCache, fileVersion, type ResponseCache } from "@/scripts/response-cache.mjs";

/**
 * A stand-in for Next's handler: renders from a "database" (a variable), counts renders,
 * streams its body in chunks through writeHead/write/end the way Next does, and gzips
 * when asked, so the cache sees what it sees in production.
 */
let data = "v1";
let version = "1";
let renders = 0;
let onRender: (() => void) | null = null;

function app(req: IncomingMessage, res: ServerResponse) {
  renders += 1;
  onRender?.();
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/missing") {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("not here");
    return;
  }
  if (url.pathname === "/cookie") res.setHeader("set-cookie", "a=1");
  const body = `<p>${url.pathname}${url.search} ${data} rsc=${req.headers.rsc ?? ""} render=${renders}</p>`.padEnd(url.pathname === "/big" ? 5000 : 0, ".");
  res.setHeader("cache-control", "private, no-store");
  const gzip = /gzip/.test(String(req.headers["accept-encoding"] ?? ""));
  const bytes = gzip ? gzipSync(body) : Buffer.from(body);
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...(gzip ? { "content-encoding": "gzip" } : {}) });
  // Two writes and an end, like a streamed render.
  const half = Math.floor(bytes.length / 2);
  res.write(bytes.subarray(0, half));
  res.write(bytes.subarray(half));
  res.end();
}

let cache: ResponseCache;
let server: http.Server;
let base: string;

function makeCache(maxBytes?: number) {
  return createResponseCache({ version: () => version, cacheable: (p) => p !== "/never", maxBytes, maxEntryBytes: 4000 });
}

beforeAll(async () => {
  cache = makeCache();
  server = http.createServer((req, res) => cache.handle(req, res, app));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  cache.clear();
  data = "v1";
  version = "1";
  renders = 0;
  onRender = null;
});

/** Plain node:http, so no accept-encoding is added unless a test asks (fetch always adds gzip). */
function request(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; state: string | null; raw: Buffer; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => {
        const raw = Buffer.concat(chunks);
        const state = r.headers["x-response-cache"];
        resolve({ status: r.statusCode ?? 0, state: typeof state === "string" ? state : null, raw, body: raw.toString(), headers: r.headers });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const get = (pathname: string, headers: Record<string, string> = {}) => request(base + pathname, headers);

describe("response cache", () => {
  it("renders once and then answers from memory with the same status, headers and body", async () => {
    const first = await get("/portfolio?layer=basic");
    const second = await get("/portfolio?layer=basic");
    expect(first.state).toBe("miss");
    expect(second.state).toBe("hit");
    expect(second.body).toBe(first.body);
    expect(second.status).toBe(200);
    expect(second.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(second.headers["cache-control"]).toBe("private, no-store");
    expect(second.headers["content-length"]).toBe(String(Buffer.byteLength(first.body)));
    expect(renders).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it("keys on the query string and on the headers Next varies on", async () => {
    await get("/portfolio?layer=basic");
    const other = await get("/portfolio?layer=technology");
    const rsc = await get("/portfolio?layer=basic", { rsc: "1" });
    expect(other.state).toBe("miss");
    expect(rsc.state).toBe("miss");
    expect(rsc.body).toContain("rsc=1");
    expect((await get("/portfolio?layer=basic", { rsc: "1" })).body).toContain("rsc=1");
    expect(renders).toBe(3);
  });

  it("keeps gzip and identity bodies apart", async () => {
    const plain = await get("/deals");
    const zipped = await get("/deals", { "accept-encoding": "gzip, deflate, br" });
    const again = await get("/deals", { "accept-encoding": "gzip" });
    expect(zipped.state).toBe("miss");
    expect(again.state).toBe("hit");
    expect(again.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(again.raw).toString()).toBe(plain.body.replace("render=1", "render=2"));
    expect((await get("/deals")).body).toBe(plain.body);
    expect(renders).toBe(2);
  });

  it("forgets everything when the data version changes", async () => {
    await get("/deals");
    data = "v2";
    expect((await get("/deals")).body).toContain("v1");
    version = "2";
    const fresh = await get("/deals");
    expect(fresh.state).toBe("miss");
    expect(fresh.body).toContain("v2");
    expect(cache.stats().invalidations).toBe(1);
  });

  it("does not keep a response rendered while the data changed", async () => {
    onRender = () => {
      version = "2";
    };
    await get("/deals");
    onRender = null;
    expect((await get("/deals")).state).toBe("miss");
    expect((await get("/deals")).state).toBe("hit");
  });

  it("passes through errors, cookies, oversized bodies, other methods and uncacheable paths", async () => {
    for (const p of ["/missing", "/cookie", "/big", "/never"]) {
      await get(p);
      expect((await get(p)).state, p).not.toBe("hit");
    }
    await request(`${base}/deals`, {}, "POST");
    expect(cache.stats().entries).toBe(0);
    expect(renders).toBe(9);
  });

  it("drops the least recently used responses beyond its size", async () => {
    const small = makeCache(300);
    const one = http.createServer((req, res) => small.handle(req, res, app));
    await new Promise<void>((r) => one.listen(0, "127.0.0.1", r));
    const url = (p: string) => `http://127.0.0.1:${(one.address() as AddressInfo).port}${p}`;
    try {
      // Each body is about 40 bytes: /a is used again after /b and /c, then enough new
      // pages arrive to push the oldest out.
      for (const p of ["/a", "/b", "/c", "/a"]) await request(url(p));
      for (let i = 0; i < 10; i++) await request(url(`/fill${i}`));
      const s = small.stats();
      expect(s.bytes).toBeLessThanOrEqual(300);
      expect(s.evicted).toBeGreaterThan(0);
      expect((await request(url("/b"))).state).toBe("miss");
      expect((await request(url("/fill9"))).state).toBe("hit");
    } finally {
      await new Promise<void>((r) => one.close(() => r()));
    }
  });
});

describe("fileVersion", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("changes when the file is written, replaced, or gains a WAL", () => {
    const file = path.join(dir, "x.db");
    const missing = fileVersion(file);
    writeFileSync(file, "one");
    const one = fileVersion(file);
    expect(one).not.toBe(missing);
    expect(fileVersion(file)).toBe(one);
    writeFileSync(file, "one!");
    const two = fileVersion(file);
    expect(two).not.toBe(one);
    writeFileSync(`${file}-wal`, "w");
    expect(fileVersion(file)).not.toBe(two);
  });
});
