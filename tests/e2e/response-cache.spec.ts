import { statSync, utimesSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The production server keeps finished pages in memory (scripts/response-cache.mjs). These
 * check it from outside: a repeat is served from memory with the same bytes, a link that
 * cannot be read is never kept, and any change to the database file makes the next request
 * render again.
 */
const DB = path.resolve(__dirname, "../../var/e2e.db");

test("a repeated page comes from the response cache with the same bytes", async ({ request }) => {
  const url = "/sources?cache-check=repeat";
  const first = await request.get(url);
  const second = await request.get(url);
  expect(first.status()).toBe(200);
  expect(first.headers()["x-response-cache"]).toBe("miss");
  expect(second.headers()["x-response-cache"]).toBe("hit");
  expect(await second.text()).toBe(await first.text());
  expect(second.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
});

test("a link the page cannot read answers 400 every time and is never kept", async ({ request }) => {
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/portfolio?layer=not-a-layer&cache-check=bad");
    expect(res.status()).toBe(400);
    expect(res.headers()["x-response-cache"]).toBe("miss");
  }
});

test("a change to the database file makes the next request render again", async ({ request }) => {
  const url = "/deals?cache-check=invalidate";
  await request.get(url);
  expect((await request.get(url)).headers()["x-response-cache"]).toBe("hit");
  // What an import or a checkpoint does to the file, without changing any row.
  const { atime, mtime } = statSync(DB);
  utimesSync(DB, atime, new Date(mtime.getTime() + 1000));
  const after = await request.get(url);
  expect(after.status()).toBe(200);
  expect(after.headers()["x-response-cache"]).toBe("miss");
});
