import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { queryAll } from "./db";
import { expect, test } from "./fixtures";

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

const rowSlugs = (page: Page) => page.getByTestId("deal-row").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.slug!));

test("the deals table sorts by each column, both ways, from links that work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/deals?view=table");
  const table = page.getByTestId("deals-table");
  await expect(table).toBeVisible();

  // USD, largest first: two clicks on the header.
  await table.locator('a[data-sort="usd"]').click();
  await expect(page).toHaveURL(/sort=usd/);
  await table.locator('a[data-sort="usd"]').click();
  await expect(page).toHaveURL(/sort=-usd/);
  const usd = await page.locator('[data-testid="deal-row"] td[data-col="usd"]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.value));
  const amounts = usd.filter((v) => v !== "").map(Number);
  const withAmount = queryAll<{ n: number }>("SELECT count(*) AS n FROM deals WHERE amount IS NOT NULL")[0]!.n;
  expect(amounts.length).toBe(Math.min(withAmount, usd.length));
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  // Deals without an amount come last.
  expect(usd.slice(amounts.length).every((v) => v === "")).toBe(true);

  // Company, A to Z, matches the database's names sorted the same way.
  await table.locator('a[data-sort="company"]').click();
  await expect(page).toHaveURL(/sort=company/);
  const names = await page.locator('[data-testid="deal-row"] td[data-col="company"] a').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  await context.close();
});

test("filters take several values and exclusions; the table shows exactly the matching deals", async ({ page }) => {
  await page.goto("/deals?view=table");
  const kinds = page.getByTestId("filter-kind");
  await kinds.locator('a[data-value="acquisition"]').click();
  await expect(page).toHaveURL(/kind=acquisition/);
  await kinds.locator('a[data-value="equity-investment"]').click();
  await expect(page).toHaveURL(/kind=acquisition%2Cequity-investment|kind=acquisition,equity-investment/);
  await page.getByTestId("filter-status").locator('a[data-exclude="rumoured"]').click();
  await expect(page).toHaveURL(/status=-rumoured/);
  const expected = queryAll<{ slug: string }>(
    "SELECT slug FROM deals WHERE kind IN ('acquisition','equity-investment') AND status <> 'rumoured' ORDER BY slug",
  ).map((r) => r.slug);
  expect(expected.length).toBeGreaterThan(0);
  expect((await rowSlugs(page)).sort()).toEqual(expected);
  await expect(page.getByTestId("deal-count")).toHaveAttribute("data-count", String(expected.length));
});

test("the CSV and Excel downloads are the filtered, sorted view, row for row", async ({ page }) => {
  await page.goto("/deals?view=table&status=-denied&sort=-usd");
  const shown = await rowSlugs(page);
  expect(shown.length).toBeGreaterThan(3);

  const downloads = page.getByTestId("deal-summary");
  const csv = await download(page, downloads.getByTestId("download-csv"));
  const records = parse(csv.bytes.toString("utf8"), { columns: true, bom: true }) as Record<string, string>[];
  expect(records.map((r) => r.deal)).toEqual(shown);
  for (const column of ["date", "company", "layer", "kind", "status", "amount", "currency", "amount_usd", "usd_rate", "description", "sources"]) {
    expect(Object.keys(records[0]!)).toContain(column);
  }
  expect(records.every((r) => r.description && r.sources)).toBe(true);

  const xlsx = await download(page, downloads.getByTestId("download-xlsx"));
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const data = book.getWorksheet("Data")!;
  const header = (data.getRow(1).values as unknown[]).slice(1).map(String);
  const dealCol = header.indexOf("deal") + 1;
  const slugs: string[] = [];
  data.eachRow((row, n) => {
    if (n > 1) slugs.push(String(row.getCell(dealCol).value));
  });
  expect(slugs).toEqual(shown);
  const sources = book.getWorksheet("Sources")!;
  expect(sources.rowCount).toBeGreaterThan(2);
});

test("the portfolio map takes 'everything but subsidiaries', without JavaScript too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/portfolio");
  await page.getByTestId("filter-relationship").locator('a[data-exclude="subsidiary"]').click();
  await expect(page).toHaveURL(/relationship=-subsidiary/);
  const expected = queryAll<{ n: number }>("SELECT count(*) AS n FROM positions WHERE relationship <> 'subsidiary'")[0]!.n;
  await expect(page.getByTestId("result-count")).toHaveAttribute("data-count", String(expected));
  await expect(page.getByTestId("filter-relationship").locator('a[data-value="subsidiary"]')).toHaveAttribute("data-state", "excluded");
  await context.close();
});

test("a bad multi-value filter is a 400 that names it", async ({ request }) => {
  for (const url of ["/deals?kind=acquisition,nonsense", "/deals?status=rumoured,-rumoured", "/portfolio?relationship=-", "/deals/download?format=pdf"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(400);
  }
});

test("every example on /api answers with records, per resource and per parameter", async ({ page, request }) => {
  await page.goto("/api");
  const links = await page.locator('[data-testid^="api-"] a[href^="/api/v1/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(links.length).toBeGreaterThan(10);
  for (const href of new Set(links)) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    if (href.includes("format=csv")) {
      expect((await res.text()).trim().split("\n").length, href).toBeGreaterThan(1);
    } else {
      const body = (await res.json()) as { data: unknown[] };
      expect(body.data.length, href).toBeGreaterThan(0);
    }
  }
});

test('search knows statuses and synonyms: "IPO" finds every company whose listing is in progress', async ({ page }) => {
  const listing = queryAll<{ name: string }>(
    "SELECT o.name FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.status = 'listing-in-progress'",
  ).map((r) => r.name);
  expect(listing.length).toBeGreaterThanOrEqual(5);
  for (const q of ["IPO", "listing"]) {
    await page.goto(`/search?q=${q}`);
    const text = await page.locator("main").textContent();
    for (const name of listing) expect(text, `${q} → ${name}`).toContain(name);
  }
  const rumoured = queryAll<{ name: string }>(
    "SELECT DISTINCT o.name FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE d.status IN ('rumoured','denied')",
  ).map((r) => r.name);
  await page.goto("/search?q=rumour");
  const text = await page.locator("main").textContent();
  for (const name of rumoured) expect(text).toContain(name);
});

test("on a phone (390 px) the deals table scrolls inside its box and the page never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/deals?view=table", "/deals", "/companies/alibaba"]) {
    await page.goto(url);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, url).toBeLessThanOrEqual(client);
  }
  // The table itself is wider than the phone: it scrolls in its own box.
  await page.goto("/deals?view=table");
  const box = page.getByTestId("deals-table").locator("xpath=..");
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test("the table is dense: a description shows its first line and opens in place without JavaScript; each rate is named once under the table", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/deals?view=table");
  const slugs = await rowSlugs(page);
  const [longest] = queryAll<{ slug: string; description: string }>(
    `SELECT slug, description FROM deals WHERE slug IN (${slugs.map(() => "?").join(",")}) ORDER BY length(description) DESC LIMIT 1`,
    ...slugs,
  );
  const row = page.locator(`[data-testid="deal-row"][data-slug="${longest!.slug}"]`);
  const description = row.getByTestId("deal-description");
  const summary = description.locator(":scope > summary");
  // The whole text is in the page (and in the CSV); closed, it takes one line.
  await expect(summary).toHaveText(longest!.description);
  const closed = (await summary.boundingBox())!.height;
  expect(closed).toBeLessThanOrEqual(30);
  await summary.click();
  await expect(description).toHaveAttribute("open", "");
  expect((await summary.boundingBox())!.height).toBeGreaterThan(closed);

  // A converted amount names its rate in short; the note under the table gives each rate's basis and date once.
  const [cny] = queryAll<{ n: number }>(`SELECT count(*) AS n FROM deals WHERE currency = 'CNY' AND amount IS NOT NULL AND slug IN (${slugs.map(() => "?").join(",")})`, ...slugs);
  if (cny!.n > 0) {
    await expect(page.getByTestId("deal-rate").filter({ hasText: "CNY" }).first()).toHaveText(/^1 USD = [\d.]+ CNY$/);
    await expect(page.getByTestId("deals-rates")).toContainText(/1 USD = [\d.]+ CNY \(.+, as of \d{4}-\d{2}-\d{2}\)/);
  }
  await context.close();
});
