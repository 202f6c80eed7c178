import { gotoExpectingStatus } from "../pages/company-page";
import { PortfolioPage } from "../pages/portfolio-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

const LAYERS = queryAll<{ slug: string }>("SELECT slug FROM layers ORDER BY sort_order").map((r) => r.slug);

function slugsWhere(where = "1 = 1", ...params: unknown[]): string[] {
  return queryAll<{ slug: string }>(
    `SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE ${where} ORDER BY o.slug`,
    ...params,
  ).map((r) => r.slug);
}

function countsBy(column: "layer" | "relationship" | "status" | "segment", where = "1 = 1", ...params: unknown[]): Record<string, number> {
  const rows = queryAll<{ value: string; n: number }>(
    `SELECT p.${column} AS value, count(*) AS n FROM positions p WHERE ${where} GROUP BY p.${column}`,
    ...params,
  );
  return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

/** The counts a filter shows, minus the zero options, which the database has no row for. */
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

test("the map shows every position in the database, in layer bands", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  const response = await portfolio.goto();
  expect(response?.status()).toBe(200);
  const n = queryAll<{ n: number }>("SELECT count(*) AS n FROM positions")[0]!.n;
  await expect(portfolio.tiles).toHaveCount(n);
  expect(await portfolio.resultCount()).toBe(n);
  expect(await portfolio.tileSlugs()).toEqual(slugsWhere());
  // Bands come in the layers' order, each holding only its own companies.
  const bandOrder = await page.locator('[data-testid^="band-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(bandOrder).toEqual(LAYERS.map((l) => `band-${l}`));
  for (const layer of LAYERS) await expect(portfolio.band(layer).getByTestId("company-tile")).toHaveCount(slugsWhere("p.layer = ?", layer).length);
  // A tile names its relationship and status in words, and its aliases.
  const moonshot = portfolio.tile("moonshot-ai");
  await expect(moonshot.getByTestId("tile-aliases")).toContainText("Yuezhi Anmian");
  await expect(moonshot.locator(".badge")).toHaveCount(2);
  await screenshot(page, "portfolio-map");
});

test("filtering by each layer shows exactly that layer's companies", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  for (const layer of LAYERS) {
    await portfolio.goto();
    await portfolio.chooseFacet("layer", layer);
    const expected = slugsWhere("p.layer = ?", layer);
    await expect(portfolio.tiles).toHaveCount(expected.length);
    expect(await portfolio.resultCount()).toBe(expected.length);
    expect(await portfolio.tileSlugs()).toEqual(expected);
    await expect(page.locator('[data-testid^="band-"]')).toHaveCount(1);
    await expect(portfolio.facetLink("layer", layer)).toHaveAttribute("aria-current", "true");
  }
});

test("facet counts equal the database's counts, with and without another filter", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto();
  for (const column of ["layer", "relationship", "status", "segment"] as const) {
    expect(nonZero(await portfolio.facetCounts(column)), column).toEqual(countsBy(column));
  }
  // Under a layer filter the other facets count only that layer; the layer facet ignores
  // its own choice so the other layers stay reachable.
  await portfolio.goto("?layer=application");
  expect(nonZero(await portfolio.facetCounts("layer"))).toEqual(countsBy("layer"));
  for (const column of ["relationship", "status", "segment"] as const) {
    expect(nonZero(await portfolio.facetCounts(column)), column).toEqual(countsBy(column, "p.layer = ?", "application"));
  }
  // Each option's count is the number of companies that choosing it leaves.
  const statuses = await portfolio.facetCounts("status");
  const [status, n] = Object.entries(statuses).find(([, c]) => c > 0)!;
  await portfolio.chooseFacet("status", status);
  expect(await portfolio.resultCount()).toBe(n);
  await expect(portfolio.tiles).toHaveCount(n);
});

test("the name search finds companies by alias, including pinyin names", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  for (const alias of ["Yuezhi Anmian", "Qwen"]) {
    const owner = queryAll<{ slug: string }>(
      "SELECT o.slug FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id WHERE a.alias = ?",
      alias,
    )[0]!.slug;
    await portfolio.goto();
    await portfolio.search(alias);
    await expect(portfolio.tile(owner)).toBeVisible();
    expect(await portfolio.tileSlugs()).toContain(owner);
  }
  // Nothing matches: the empty state offers a way back.
  await portfolio.goto("?q=zzzz-no-such-company");
  await expect(portfolio.emptyState).toBeVisible();
  expect(await portfolio.resultCount()).toBe(0);
  await portfolio.emptyState.getByRole("link").click();
  await page.waitForURL((url) => url.search === "");
  await expect(portfolio.tiles).toHaveCount(slugsWhere().length);
});

test("a filtered URL, reloaded, shows the same selection, and the search keeps the filters", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto("?layer=application&relationship=partnership");
  const expected = slugsWhere("p.layer = ? AND p.relationship = ?", "application", "partnership");
  expect(await portfolio.tileSlugs()).toEqual(expected);
  await page.reload();
  expect(await portfolio.tileSlugs()).toEqual(expected);
  expect(await portfolio.resultCount()).toBe(expected.length);
  await portfolio.search("SAIC");
  const url = new URL(page.url());
  expect(url.searchParams.get("layer")).toBe("application");
  expect(url.searchParams.get("relationship")).toBe("partnership");
});

test("the table view lists the same selection as the map", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto("?layer=technology");
  const onMap = await portfolio.tileSlugs();
  await portfolio.showTable();
  expect(await portfolio.rowSlugs()).toEqual(onMap);
  expect(new URL(page.url()).searchParams.get("layer")).toBe("technology");
  // Every row has its sources beside it, and the deals column agrees with the database.
  const deals = queryAll<{ slug: string; n: number }>(
    "SELECT o.slug, (SELECT count(*) FROM deals d WHERE d.organization_id = o.id) AS n FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.layer = 'technology'",
  );
  for (const d of deals) {
    const row = page.locator(`[data-testid="company-row"][data-slug="${d.slug}"]`);
    await expect(row.locator("td.num")).toHaveText(String(d.n));
    await expect(row.getByTestId("refs")).toHaveCount(1);
  }
  await screenshot(page, "portfolio-table-technology");
  // The unfiltered table holds everything too.
  await portfolio.goto("?view=table");
  expect(await portfolio.rowSlugs()).toEqual(slugsWhere());
});

test("an unreadable filter gets a 400 and an explanation; an unknown segment a 404", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  const bad = await gotoExpectingStatus(page, "/portfolio?layer=nonsense", 400);
  expect(bad?.status()).toBe(400);
  await expect(portfolio.paramProblems).toBeVisible();
  await expect(portfolio.paramProblems).toContainText("layer");
  await expect(portfolio.paramProblems).toContainText("not one of the allowed values");
  await expect(portfolio.tiles).toHaveCount(0);

  const missing = await gotoExpectingStatus(page, "/portfolio?segment=no-such-segment", 404);
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();

  // A table page past the last one is missing too, not an empty table.
  await gotoExpectingStatus(page, "/portfolio?view=table&page=999", 404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form and the filter links still work", async ({ page }) => {
    const portfolio = new PortfolioPage(page);
    await portfolio.goto("?layer=technology");
    await page.getByRole("main").getByRole("searchbox").fill("Yuezhi Anmian");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "Yuezhi Anmian");
    // The hidden field carried the layer through the form.
    expect(new URL(page.url()).searchParams.get("layer")).toBe("technology");
    expect(await portfolio.tileSlugs()).toEqual(["moonshot-ai"]);
    await page.getByTestId("view-toggle").getByRole("link", { name: "Table" }).click();
    await page.waitForURL((url) => url.searchParams.get("view") === "table");
    expect(await portfolio.rowSlugs()).toEqual(["moonshot-ai"]);
    await portfolio.chooseFacet("status", "active");
    await page.getByTestId("clear-search").click();
    await page.waitForURL((url) => !url.searchParams.has("q"));
    const url = new URL(page.url());
    expect([url.searchParams.get("layer"), url.searchParams.get("status"), url.searchParams.get("view")]).toEqual(["technology", "active", "table"]);
    expect(await portfolio.rowSlugs()).toEqual(slugsWhere("p.layer = ? AND p.status = ?", "technology", "active"));
  });
});

test("at 390 px wide the map fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const portfolio = new PortfolioPage(page);
  await portfolio.goto();
  await expect(portfolio.tiles).toHaveCount(slugsWhere().length);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const tile = await portfolio.tiles.first().boundingBox();
  expect(tile!.width).toBeGreaterThan(250);
  await screenshot(page, "portfolio-map-390");
});
