import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { ALL_ROUTES, DOWNLOAD_ROUTES, PARAM_NAMES } from "./routes";

/**
 * Requests a browser or fetch() would never send, written byte for byte with node:http
 * (fetch and Playwright's request re-encode a URL, so malformed percent-encoding never
 * reaches the server through them): broken escapes in paths and query strings, every
 * method, odd and oversized headers. Against the server Playwright started. The server
 * may refuse (4xx) or answer; it must never fail (5xx), hang, or echo markup.
 */
const SEED = 20261130;
const MARK = "zq9x";
const BASE = new URL(process.env.E2E_BASE_URL ?? `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3200)}`);

interface Raw {
  status: number;
  body: string;
}

/** One request exactly as given: `path` goes on the request line unchanged. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: BASE.hostname, port: BASE.port, method, path, headers: { connection: "close", ...headers }, agent: false, insecureHTTPParser: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer in 30 s: ${method} ${path}`)));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Broken or surprising percent-escapes: cut short, not hex, overlong UTF-8, lone surrogates, NUL. */
const BAD_ESCAPES = ["%", "%%", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF%FE", "%00", "%u0041", "%2", "%%32%65", "%C3", "%F4%90%80%80", `%3Cscript%3E${MARK}%3C/script%3E`];

const badEscape = fc.constantFrom(...BAD_ESCAPES);
const plain = fc.stringMatching(/^[a-z0-9-]{0,8}$/);
/** A query string of 1-4 pairs whose keys and values mix plain text with broken escapes, unencoded. */
const rawQuery = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...PARAM_NAMES), badEscape),
      fc.array(fc.oneof(plain, badEscape), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

const PER_ROUTE = Number(process.env.FUZZ_RAW_PER_ROUTE ?? 40);

function check(failures: string[], what: string, r: Raw) {
  if (r.status >= 500) failures.push(`${r.status} ${what}`);
  if (r.body.includes(`<script>${MARK}`)) failures.push(`reflected unescaped: ${what}`);
}

test.describe.configure({ mode: "parallel" });

test("raw malformed percent-encoding in every route's query string", async () => {
  test.setTimeout(300_000);
  const failures: string[] = [];
  for (const route of ALL_ROUTES) {
    for (const q of fc.sample(rawQuery, { numRuns: PER_ROUTE, seed: SEED + route.length })) {
      const path = `${route}${route.includes("?") ? "&" : "?"}${q}`;
      check(failures, `GET ${path}`, await raw("GET", path));
    }
  }
  expect(failures).toEqual([]);
});

test("raw malformed percent-encoding in paths", async () => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  const prefixes = ["/", "/companies/", "/companies/unitree/download/", "/api/v1/", "/search/", "/deals/", "/portfolio/download/", "/_next/static/", "/_next/image?url="];
  for (const prefix of prefixes) {
    for (const e of BAD_ESCAPES) {
      const path = `${prefix}${e}x${e}`;
      check(failures, `GET ${path}`, await raw("GET", path));
    }
  }
  expect(failures).toEqual([]);
});

test("every method on every route, with and without a body", async () => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "PURGE"];
  for (const route of [...ALL_ROUTES, "/companies/no-such-company", "/api/v1/nothing"]) {
    for (const method of methods) {
      check(failures, `${method} ${route}`, await raw(method, route));
      if (method !== "GET" && method !== "HEAD" && method !== "TRACE") {
        const r = await raw(method, `${route}?q=%E0%A4%A`, { "content-type": "application/x-www-form-urlencoded" }, "q=%zz&layer=%");
        check(failures, `${method} ${route} with a body`, r);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("odd headers on pages, downloads, the API and search", async () => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  const ODD: Record<string, string>[] = [
    { accept: "*/*;q=NaN, text/html;q=-1" },
    { "accept-encoding": "gzip;q=2, br;q=x, zstd, *;q=-1, identity;q=0" },
    { "accept-language": "zz-ZZ-x-" + "a".repeat(200) },
    { "if-none-match": '"unterminated' },
    { "if-none-match": "*" },
    { "if-modified-since": "not a date" },
    { "if-modified-since": "Thu, 01 Jan 2099 00:00:00 GMT" },
    { range: "bytes=999999999-" },
    { range: "bytes=-0, 5-1" },
    { rsc: "1" },
    { rsc: "1", "next-router-state-tree": "%7B%22broken" },
    { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
    { "next-url": "/%E0%A4%A" },
    { "x-forwarded-host": "evil.invalid", "x-forwarded-proto": "gopher" },
    { "content-type": "multipart/form-data; boundary=" },
    { cookie: "a=%; b=%E0%A4%A; " + "c=".repeat(300) },
    { "user-agent": "x".repeat(6000) },
    { "x-big": "y".repeat(12_000) },
  ];
  const targets = ["/", "/deals?q=robot", "/search?q=unitre", `/companies/unitree`, ...DOWNLOAD_ROUTES, "/api/v1/deals?format=csv&limit=5"];
  for (const path of targets) {
    for (const headers of ODD) check(failures, `GET ${path} ${JSON.stringify(headers).slice(0, 80)}`, await raw("GET", path, headers));
  }
  // Header lines past Node's limit get 431 from the parser, not a crash.
  const huge = await raw("GET", "/", { "x-huge": "z".repeat(70_000) }).catch((err: Error) => ({ status: 0, body: err.message }));
  expect(huge.status === 431 || huge.status === 0, `a 70 KB header: ${huge.status}`).toBe(true);
  // The server is still up and answering normally afterwards.
  expect((await raw("GET", "/")).status).toBe(200);
  expect(failures).toEqual([]);
});
