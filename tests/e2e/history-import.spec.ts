import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { expect, test } from "./fixtures";
import { dealsCsv, runImport, scratchDir, setupDatabase, startApp, stop } from "./serving-helpers";

/**
 * An analyst's import, seen in /changes: db:import runs against a fresh copy of the
 * database (never the shared e2e one, which other tests read at the same time), and a
 * server of our own on that copy shows it as a revision with its file name, hash and
 * counts, its changes listed and downloadable.
 */

const PORT = Number(process.env.E2E_PORT ?? 3200) + 8;
const MARKER = "histimport";

let app: ChildProcess | undefined;
let dir: string;
let added: string;
let updated: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = scratchDir("portfolio-history-import-");
  const db = path.join(dir, "portfolio.db");
  await setupDatabase(db);
  // A new company with three deals, then the same file with one deal's amount changed.
  added = dealsCsv(dir, MARKER, 3);
  await runImport(added, db);
  updated = path.join(dir, `${MARKER}-update.csv`);
  writeFileSync(updated, readFileSync(added, "utf8").replace(/,1000001,/, ",2000001,"));
  await runImport(updated, db);
  app = await startApp(PORT, db);
});

test.afterAll(async () => {
  await stop(app);
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

test("each import is a revision on /changes with its file, hash, rows added and updated, and its changes listed and downloadable", async ({ page, request }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  await page.goto(`${origin}/changes`);
  const rows = page.getByTestId("revision-row");
  // Newest first: the update, the first import, the seed.
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toHaveAttribute("data-kind", "seed");

  const first = rows.nth(1);
  await expect(first).toHaveAttribute("data-kind", "import");
  const cells = first.locator("td");
  await expect(cells.nth(2)).toHaveText(path.basename(added));
  await expect(cells.nth(3).locator("code")).toHaveAttribute("title", sha256(added));
  await expect(cells.nth(4)).toHaveText("4");
  await expect(cells.nth(5)).toHaveText("0");

  const second = rows.nth(0);
  await expect(second.locator("td").nth(2)).toHaveText(path.basename(updated));
  await expect(second.locator("td").nth(3).locator("code")).toHaveAttribute("title", sha256(updated));
  await expect(second.locator("td").nth(4)).toHaveText("0");
  await expect(second.locator("td").nth(5)).toHaveText("1");

  // The first import's changes, listed on the page.
  await first.getByRole("link", { name: "list" }).click();
  await expect(page).toHaveURL(/\/changes\?revision=\d+$/);
  const changes = page.getByTestId("revision-changes").getByTestId("revision-change");
  await expect(changes).toHaveText([
    `added organization ${MARKER}`,
    `added deal ${MARKER}-0`,
    `added deal ${MARKER}-1`,
    `added deal ${MARKER}-2`,
  ]);

  // The update names the field it changed.
  await page.goto(`${origin}/changes`);
  await page.getByTestId("revision-row").nth(0).getByRole("link", { name: "list" }).click();
  await expect(page.getByTestId("revision-changes").getByTestId("revision-change")).toHaveText([/^updated deal histimport-1: .*amount/]);

  // The download links give the same changes, as CSV (with the file and hash) and JSON.
  await page.goto(`${origin}/changes`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("revision-row").nth(1).getByRole("link", { name: "CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv).toContain(sha256(added));
  expect(csv).toContain(path.basename(added));
  for (const slug of [MARKER, `${MARKER}-0`, `${MARKER}-1`, `${MARKER}-2`]) expect(csv).toMatch(new RegExp(`^[a-z]+,${slug},added,`, "m"));
  const id = await page.getByTestId("revision-row").nth(1).getAttribute("data-revision");
  const json = await (await request.get(`${origin}/changes/revisions/${id}?format=json`)).json();
  expect(json.revision).toMatchObject({ kind: "import", fileName: path.basename(added), fileHash: sha256(added), rowsAdded: 4, rowsUpdated: 0 });
  expect(json.changes).toHaveLength(4);

  // The imported company is on the site too.
  await page.goto(`${origin}/deals?q=${MARKER}`);
  await expect(page.getByTestId("deal-count")).toHaveAttribute("data-count", "3");
});

test("each import is an entry of the Atom feed at its time, linking to what it changed: a correction reaches feed readers too", async ({ request }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link" }).parse(await (await request.get(`${origin}/feed.xml`)).text());
  // A title is text, or an element with its type attribute (the parser keeps attributes).
  const titleOf = (t: string | { "#text": string }) => (typeof t === "string" ? t : t["#text"]);
  const entries = (doc.feed.entry as { title: string | { "#text": string }; updated: string; link: { "@_href": string }[] }[]).map((e) => ({ ...e, title: titleOf(e.title) }));
  const imports = entries.filter((e) => e.title.startsWith("Import of "));
  // Newest first: the update (one record corrected, nothing added), then the first import; the seed is not news.
  expect(imports.map((e) => e.title)).toEqual([
    `Import of ${path.basename(updated)}: 0 records added, 1 record updated`,
    `Import of ${path.basename(added)}: 4 records added, 0 records updated`,
  ]);
  expect(Date.parse(imports[0]!.updated)).toBeGreaterThanOrEqual(Date.parse(imports[1]!.updated));
  // The whole feed is newest first, and the imports (today) lead it.
  expect(entries[0]!.title).toBe(imports[0]!.title);
  const page = await request.get(imports[0]!.link[0]!["@_href"]);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain(`${MARKER}-0`);
});
