import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { ALL_ROUTES, PARAM_NAMES } from "./routes";

/**
 * Thousands of generated and hostile requests against the production server: no 5xx, and
 * nothing we send comes back as live markup. Seeded, so a failure reproduces.
 */
const SEED = 20261121;
const MARK = "zq9x";
// Payloads that would become markup if a page echoed them unescaped.
const XSS = [
  `<script>${MARK}()</script>`,
  `"><img src=x onerror=${MARK}>`,
  `'><svg onload=${MARK}>`,
  `</title><b>${MARK}</b>`,
  `javascript:${MARK}()`,
];
const HOSTILE = [
  ...XSS,
  "' OR '1'='1",
  "1; DROP TABLE deals; --",
  "%",
  "_",
  "\\",
  "\u0000",
  "\u202e\u200b\ufeff",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 漢字 عربى",
  "x".repeat(5000),
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "NaN",
  "-1",
  "99999999999999999999",
  "1e308",
  "[]",
  "{}",
  "null",
  "application",
  "basic",
  "denied",
  "USD",
  "annual",
  "2024",
];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 3000 }).map(String) },
);
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 8 })), value), {
  minLength: 1,
  maxLength: 5,
});

function toQuery(pairs: [string, string][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
}

const HOSTILE_PATHS = [
  ...HOSTILE.map((h) => `/companies/${encodeURIComponent(h)}`),
  ...HOSTILE.map((h) => `/api/v1/${encodeURIComponent(h)}`),
  "/companies/",
  "/companies/UNITREE",
  "/companies/unitree/extra",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/portfolio/../deals",
  `/${"a".repeat(3000)}`,
  "/api/v1/deals/../../..",
  "/_next/static/../../../var/portfolio.db",
  "/var/portfolio.db",
  "/.env",
  "/package.json",
];

const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 200);

test.describe.configure({ mode: "parallel" });

for (const route of ALL_ROUTES) {
  test(`fuzz ${route} with ${PER_ROUTE} generated query strings`, async ({ request }) => {
    test.setTimeout(240_000);
    const samples = fc.sample(query, { numRuns: PER_ROUTE, seed: SEED + route.length });
    const failures: string[] = [];
    for (const pairs of samples) {
      const url = `${route}${route.includes("?") ? "&" : "?"}${toQuery(pairs)}`;
      const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
      const body = await res.text();
      if (res.status() >= 500) failures.push(`${res.status()} ${url}`);
      for (const x of XSS) if (body.includes(x)) failures.push(`reflected unescaped: ${url}`);
    }
    expect(failures).toEqual([]);
  });
}

test(`fuzz ${HOSTILE_PATHS.length} hostile paths`, async ({ request }) => {
  const failures: string[] = [];
  for (const path of HOSTILE_PATHS) {
    const res = await request.get(path, { maxRedirects: 0, failOnStatusCode: false });
    const body = await res.text();
    if (res.status() >= 500) failures.push(`${res.status()} ${path}`);
    for (const x of XSS) if (body.includes(x)) failures.push(`reflected unescaped: ${path}`);
    // The database and the source tree are never served.
    if (/^\/(var|\.env|package\.json|_next\/static\/\.\.)/.test(path)) expect(res.status(), path).toBeGreaterThanOrEqual(400);
    expect(body).not.toContain("SQLite format 3");
  }
  expect(failures).toEqual([]);
});
