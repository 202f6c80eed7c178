import type { Locator } from "@playwright/test";
import { CapexPage } from "../pages/capex-page";
import { CompanyPage, gotoExpectingStatus } from "../pages/company-page";
import { DealsPage } from "../pages/deals-page";
import { OverviewPage } from "../pages/overview-page";
import { PortfolioPage } from "../pages/portfolio-page";
import { SourcesPage } from "../pages/sources-page";
import { queryAll } from "./db";
import { expect, test } from "./fixtures";
import ExcelJS from "exceljs";

/**
 * Every page read with scripts off, as a reader with JavaScript blocked (or a crawler, or a
 * phone on a bad connection before its scripts arrive) sees it: the numbers, tables and
 * chart drawings must be in the HTML and visible, not behind a streamed chunk that only a
 * script reveals.
 */
test.use({ javaScriptEnabled: false });

/** A chart's "show the numbers" disclosure is native <details>: it opens without JavaScript. */
async function openTable(details: Locator): Promise<Locator> {
  await details.locator(":scope > summary").click();
  const table = details.locator("table").first();
  await expect(table).toBeVisible();
  return table;
}

test("overview: headline figures, every chart's drawing and table, and recent deals", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(overview.pledge).toBeVisible();
  await expect(overview.pledge).toContainText("380 bn yuan");
  await expect(overview.reported).toBeVisible();
  await expect(overview.listings).toBeVisible();

  const layers = queryAll<{ slug: string; n: number }>(
    "SELECT layer AS slug, COUNT(DISTINCT organization_id) AS n FROM positions WHERE kind = 'investment' GROUP BY layer",
  );
  for (const { slug, n } of layers) {
    await expect(overview.layers.and(page.locator(`[data-layer="${slug}"]`))).toHaveAttribute("data-count", String(n));
  }

  // The competitor comparison is HTML bars (each with the difference in scope written on it),
  // so it needs no drawing; it must still be there, with its table, without JavaScript.
  const competitors = page.getByTestId("chart-competitors");
  expect(await competitors.getByTestId("comparable-bar").count()).toBeGreaterThan(0);
  await expect(competitors.getByTestId("comparable-value").first()).toBeVisible();
  const competitorTable = await openTable(page.getByTestId("chart-competitors-table"));
  expect(await competitorTable.locator("tbody tr").count()).toBeGreaterThan(0);

  for (const id of ["pledge", "portfolio"] as const) {
    const drawing = overview.staticChart(id);
    await expect(drawing).toBeVisible();
    expect(await drawing.locator("rect").count()).toBeGreaterThan(0);
    // Recharts never ran: the drawing is the server's.
    await expect(overview.chartSvg(id)).toHaveCount(0);
    const table = await openTable(page.getByTestId(`chart-${id}-table`));
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
  }
  // The portfolio chart draws one row of bars per layer in its table.
  await expect(overview.staticChart("portfolio").locator("g[data-row]")).toHaveCount(layers.length);

  await expect(page.getByTestId("recent-deals")).toBeVisible();
  expect(await overview.recentDeals.count()).toBeGreaterThan(0);
  await expect(overview.recentDeals.first()).toBeVisible();
});

test("capex: toggles, a drawn bar per plotted row, the table and the conflicts", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto();
  await expect(capex.toggles.first()).toBeVisible();
  expect(await capex.toggles.count()).toBeGreaterThan(4);
  await expect(capex.table).toBeVisible();
  const plotted = await capex.plottedRows.count();
  expect(plotted).toBeGreaterThan(0);
  await expect(capex.staticChart).toBeVisible();
  await expect(capex.staticChart.locator("g[data-row]")).toHaveCount(plotted);
  await expect(capex.caption).toBeVisible();
  await expect(capex.conflicts.first()).toBeVisible();

  // The toggles are links: switching currency works without a script, and the table follows.
  await capex.toggle("currency", "CNY").click();
  await expect(page).toHaveURL(/currency=CNY/);
  await expect(capex.chart).toHaveAttribute("data-selection", /\|CNY\|/);
  await expect(capex.table).toBeVisible();
  await expect(capex.staticChart.locator("g[data-row]")).toHaveCount(await capex.plottedRows.count());
});

test("deals: count, chart drawing and table, and the timeline", async ({ page }) => {
  const deals = new DealsPage(page);
  await deals.goto();
  const n = queryAll<{ n: number }>("SELECT COUNT(*) AS n FROM deals")[0]?.n;
  await expect(deals.count).toBeVisible();
  expect(await deals.statedCount()).toBe(n);
  await expect(deals.chart.getByTestId("static-chart")).toBeVisible();
  const table = await openTable(page.getByTestId("chart-deals-per-year-table"));
  const years = await table.locator("tbody tr").count();
  expect(years).toBeGreaterThan(0);
  await expect(deals.chart.getByTestId("static-chart").locator("g[data-column]")).toHaveCount(years);
  await expect(deals.deals.first()).toBeVisible();
});

test("company: name, description, deals, and each financial chart's drawing and table", async ({ page }) => {
  // The company with the most financial figures, so the page has charts to check.
  const slug = queryAll<{ slug: string }>(
    "SELECT o.slug FROM financials f JOIN organizations o ON o.id = f.organization_id GROUP BY o.id ORDER BY COUNT(*) DESC LIMIT 1",
  )[0]?.slug;
  expect(slug).toBeTruthy();
  const company = new CompanyPage(page);
  await company.goto(slug!);
  await expect(company.name).toBeVisible();
  await expect(company.description).toBeVisible();
  // Each metric with two or more figures is either drawn or, when its periods cannot share an
  // axis (one day's readings, a cumulative figure beside a quarter), said not to be.
  const groups = queryAll<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM financials f JOIN organizations o ON o.id = f.organization_id
     WHERE o.slug = ? GROUP BY f.metric, f.unit HAVING count(*) >= 2)`,
    slug!,
  )[0]!.n;
  await expect(page.getByTestId("financial-row").first()).toBeVisible();
  const charts = await company.financialCharts.count();
  const notCharted = await page.getByTestId("financials-not-charted").locator("li").count();
  expect(charts + notCharted).toBe(groups);
  expect(groups).toBeGreaterThan(0);
  await expect(company.staticCharts).toHaveCount(charts);
  for (let i = 0; i < charts; i++) {
    const chart = company.financialCharts.nth(i);
    await expect(chart.getByTestId("static-chart")).toBeVisible();
    const id = await chart.getAttribute("data-testid");
    const table = await openTable(page.getByTestId(`${id}-table`));
    await expect(chart.getByTestId("static-chart").locator("g[data-row]")).toHaveCount(await table.locator("tbody tr").count());
  }
});

test("portfolio and sources: tables and lists are in the HTML", async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto();
  await expect(portfolio.tiles.first()).toBeVisible();
  // The map/table switch is a link too.
  await portfolio.goto("?view=table");
  await expect(portfolio.rows.first()).toBeVisible();

  const sources = new SourcesPage(page);
  await sources.goto();
  await expect(sources.sources.first()).toBeVisible();
  const n = queryAll<{ n: number }>("SELECT COUNT(*) AS n FROM sources")[0]?.n ?? 0;
  await expect(sources.sources).toHaveCount(n);
  await expect(sources.conflicts.first()).toBeVisible();
  await expect(sources.fxRates.first()).toBeVisible();
});

test("an unknown company is still 404 and a bad filter still 400", async ({ page }) => {
  await gotoExpectingStatus(page, "/companies/no-such-company", 404);
  await gotoExpectingStatus(page, "/capex?currency=XYZ", 400);
  await gotoExpectingStatus(page, "/deals?kind=nonsense", 400);
});

/** Every sheet of a workbook by name, with its cells' values row by row. */
async function sheetValues(bytes: Buffer): Promise<Record<string, unknown[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(book.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues()]));
}

test("every page's downloads are links that save their file with scripts off", async ({ page, request }) => {
  const asof = "2025-06-30";
  for (const [path, toolbar] of [
    [`/?asof=${asof}`, "recent-deals-downloads"],
    ["/capex?group=scope&currency=CNY", "capex-table-downloads"],
    [`/sources?asof=${asof}`, "fx-rates-toolbar"],
    ["/companies/alibaba", "spending-toolbar"],
  ] as const) {
    await page.goto(path);
    for (const format of ["csv", "xlsx"] as const) {
      const link = page.getByTestId(toolbar).getByTestId(`download-${format}`);
      const href = (await link.getAttribute("href"))!;
      // The link carries the page's own parameters, a past view's day included.
      if (path.includes("asof")) expect(href, path).toContain(`asof=${asof}`);
      const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(file.suggestedFilename(), path).toMatch(new RegExp(`\\.${format}$`));
      const saved = await file.createReadStream().then(async (s) => Buffer.concat(await s.toArray()));
      const served = await request.get(href);
      expect(served.status(), href).toBe(200);
      // An Excel file is a zip whose entries carry the time they were written (2-second steps),
      // so two answers a moment apart can differ in those bytes alone: compare what it holds.
      if (format === "csv") expect(saved.equals(await served.body()), `${href}: the saved file is the route's`).toBe(true);
      else expect(await sheetValues(saved), `${href}: the saved workbook is the route's`).toEqual(await sheetValues(await served.body()));
    }
  }
});
