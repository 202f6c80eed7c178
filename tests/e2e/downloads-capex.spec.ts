import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS, LAYER_LABELS, SCOPE_LABELS, SPENDING_KIND_LABELS } from "../../lib/domain/words";
import { annualise, buildFxTable, convert, type FxRate, formatMoneyWords, rateLabel } from "../../lib/domain/money";
import type { Currency, Qualifier, SpendingKind, SpendingScope } from "../../lib/domain/vocabulary";
import { CapexPage } from "../pages/capex-page";
import { OverviewPage } from "../pages/overview-page";
import { queryAll } from "./db";
import { expect, SCREENSHOT_DIR, screenshot, test } from "./fixtures";

interface SpendingRow {
  slug: string;
  org: string;
  kind: SpendingKind;
  scope: SpendingScope;
  period_label: string;
  period_start: string;
  period_end: string;
  amount: number | null;
  currency: Currency | null;
  qualifier: Qualifier;
}

const spending = () =>
  queryAll<SpendingRow>(
    `SELECT s.slug, o.name AS org, s.kind, s.scope, s.period_label, s.period_start, s.period_end, s.amount, s.currency, s.qualifier
     FROM spending s JOIN organizations o ON o.id = s.organization_id`,
  );

const fxTable = () =>
  buildFxTable(
    queryAll<{ currency: Currency; per_usd: number; as_of: string; basis: FxRate["basis"]; is_default: number; note: string }>(
      "SELECT currency, per_usd, as_of, basis, is_default, note FROM fx_rates ORDER BY currency, id",
    ).map((r) => ({ currency: r.currency, perUsd: r.per_usd, asOf: r.as_of, basis: r.basis, isDefault: r.is_default === 1, note: r.note, sources: [] })),
  );

const dataAsOf = () => queryAll<{ value: string }>("SELECT value FROM meta WHERE key = 'data_as_of'")[0]!.value;

type CsvRecord = Record<string, string>;

/** Clicks a download button and returns the file's name, bytes and, for text, its parsed rows. */
async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const bytes = readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes, text: bytes.toString("utf8") };
}

async function downloadCsv(page: Page, button: Locator) {
  const file = await download(page, button);
  const records = parse(file.text, { columns: true, bom: true }) as CsvRecord[];
  return { ...file, records };
}

/** What every downloaded CSV carries: a date in its name, sources on every row, the data date. */
function expectProvenance(name: string, records: CsvRecord[]) {
  const asOf = dataAsOf();
  expect(name).toContain(asOf);
  expect(name).toMatch(/\.csv$/);
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) {
    expect(r.sources?.trim(), `sources of ${JSON.stringify(r)}`).toBeTruthy();
    expect(r.data_as_of).toBe(asOf);
  }
}

/** Keeps a downloaded image beside the screenshots, for a person to look at. */
function keep(name: string, bytes: Buffer) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(path.join(SCREENSHOT_DIR, name), bytes);
}

const close = (a: number, b: number) => expect(Math.abs(a - b) / Math.max(1, Math.abs(b))).toBeLessThan(1e-9);

test("/capex downloads exactly the selected rows, per year in yuan, with the rate used", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual&currency=CNY");
  const byslug = new Map(spending().map((s) => [s.slug, s]));
  const fx = fxTable();
  await capex.chartDrawn(spending().filter((s) => s.amount !== null).length);

  const { name, records } = await downloadCsv(page, capex.chart.getByTestId("download-csv"));
  expectProvenance(name, records);
  expect(name).toContain("capex-per-year-cny-all-scopes");
  expect(Object.keys(records[0]!)).toEqual([
    "organization",
    "kind",
    "scope",
    "period",
    "period_start",
    "period_end",
    "qualifier",
    "original_amount",
    "original_currency",
    "value",
    "currency",
    "mode",
    "per_year_basis",
    "rate_used",
    "units_per_original",
    "sources",
    "data_as_of",
  ]);

  // Same rows as the table on screen and as the database, in the table's order.
  const ids = await capex.rowIds();
  expect(records).toHaveLength(byslug.size);
  expect(ids).toHaveLength(records.length);
  for (const [i, rec] of records.entries()) {
    const db = byslug.get(ids[i]!)!;
    expect(rec.organization).toBe(db.org);
    expect(rec.kind).toBe(SPENDING_KIND_LABELS[db.kind]);
    expect(rec.scope).toBe(SCOPE_LABELS[db.scope]);
    expect(rec.period).toBe(db.period_label);
    expect([rec.period_start, rec.period_end]).toEqual([db.period_start, db.period_end]);
    expect(rec.qualifier).toBe(db.qualifier);
    expect(rec.currency).toBe("CNY");
    expect(rec.mode).toBe("per year");
    const row = capex.row(ids[i]!);
    if (db.amount === null || db.currency === null) {
      expect([rec.original_amount, rec.value]).toEqual(["", ""]);
      await expect(row.getByTestId("capex-row-value")).toHaveText("no figure given");
      continue;
    }
    expect(Number(rec.original_amount)).toBe(db.amount);
    expect(rec.original_currency).toBe(db.currency);
    const expected = annualise(convert(db.amount, db.currency, "CNY", fx).value, db.period_start, db.period_end);
    close(Number(rec.value), expected);
    // The table shows the same number, in words, and holds it unrounded.
    await expect(row.getByTestId("capex-row-value-text")).toContainText(formatMoneyWords(Number(rec.value), "CNY"));
    close(Number(await row.getByTestId("capex-row-value").getAttribute("data-value")), Number(rec.value));
    if (db.currency === "CNY") expect(rec.rate_used).toBe("none (stated in CNY)");
    else expect(rec.rate_used).toContain(rateLabel(fx.CNY!));
    await expect(row.getByTestId("capex-row-rate")).toHaveText(rec.rate_used!);
  }
});

test("a filtered /capex selection downloads only its rows", async ({ page }) => {
  const capex = new CapexPage(page);
  const scope: SpendingScope = "ai-data-centres";
  await capex.goto(`?scope=${scope}`);
  const expected = spending().filter((s) => s.scope === scope);
  await expect(capex.rows).toHaveCount(expected.length);
  const { name, records } = await downloadCsv(page, page.getByTestId("capex-table-downloads").getByTestId("download-csv"));
  expectProvenance(name, records);
  expect(name).toContain(`capex-as-stated-usd-${scope}`);
  expect(records.map((r) => r.scope)).toEqual(expected.map(() => SCOPE_LABELS[scope]));
  expect(records.map((r) => r.organization).sort()).toEqual(expected.map((s) => s.org).sort());
  expect(new Set(records.map((r) => r.currency))).toEqual(new Set(["USD"]));
  expect(new Set(records.map((r) => r.mode))).toEqual(new Set(["as stated"]));
});

test("/capex chart downloads as SVG and PNG that name the sources and the data date", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual");
  await capex.chartDrawn(spending().filter((s) => s.amount !== null).length);
  const title = (await page.locator("#capex-chart-title").innerText()).trim();

  const svg = await download(page, capex.chart.getByTestId("download-svg"));
  expect(svg.name).toMatch(new RegExp(`capex-per-year-usd-all-scopes-${dataAsOf()}\\.svg$`));
  expect(svg.text).toMatch(/^<svg/);
  expect(svg.text).toContain(title);
  expect(svg.text).toContain("Sources:");
  expect(svg.text).toContain(dataAsOf());

  const png = await download(page, capex.chart.getByTestId("download-png"));
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  keep("download-capex-chart.svg", svg.bytes);
  keep("download-capex-chart.png", png.bytes);
});

test("the /capex table sorts by value, ascending then descending, figures without a value last", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual");
  const header = capex.sortHeader("value");
  await expect(header).toHaveAttribute("aria-sort", "none");
  const before = await capex.rowIds();

  await capex.sortButton("value").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const up = await capex.rowValues();
  const upNumbers = up.filter((v): v is number => v !== null);
  expect(upNumbers).toEqual([...upNumbers].sort((a, b) => a - b));
  expect(up.slice(upNumbers.length).every((v) => v === null)).toBe(true);
  // Every row still names its scope once rows of different scopes are mixed.
  await expect(capex.table.getByTestId("capex-row-scope")).toHaveCount(before.length);

  await capex.sortButton("value").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const down = await capex.rowValues();
  const downNumbers = down.filter((v): v is number => v !== null);
  expect(downNumbers).toEqual([...upNumbers].reverse());
  expect(down.slice(downNumbers.length).every((v) => v === null)).toBe(true);

  // Sorting by scope brings back the grouping the table opened with.
  await capex.sortButton("scope").click();
  expect(await capex.rowIds()).toEqual(before);
  await screenshot(page, "capex-sorted-by-scope");
});

test("the /capex chart is reachable by keyboard and describes itself", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto();
  // The chart box comes right after the last toggle in the tab order.
  await capex.toggle("kind", "actual").focus();
  await page.keyboard.press("Tab");
  await expect(capex.chartBox).toBeFocused();
  await expect(capex.chartBox).toHaveAttribute("aria-describedby", "capex-chart-caption");
  await expect(capex.chartSvg).toHaveAttribute("aria-label", /Bar chart of \d+ spending figures/);
  await screenshot(page, "capex-chart-focused");
});

test("each overview chart downloads its rows with sources, and its table sorts", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const fx = fxTable();

  // Pledge chart: the rows of its table, as stated, in yuan.
  const pledgeTable = await overview.chartTable("pledge");
  const pledgeIds = await pledgeTable.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row-id")!));
  const pledge = await downloadCsv(page, overview.download("pledge", "csv"));
  expectProvenance(pledge.name, pledge.records);
  expect(pledge.records).toHaveLength(pledgeIds.length);
  const byslug = new Map(spending().map((s) => [s.slug, s]));
  for (const [i, rec] of pledge.records.entries()) {
    const db = byslug.get(pledgeIds[i]!)!;
    expect(rec.organization).toBe(db.org);
    expect(rec.mode).toBe("as stated");
    expect(rec.currency).toBe("CNY");
    close(Number(rec.value), convert(db.amount!, db.currency!, "CNY", fx).value);
    await expect(pledgeTable.locator(`tr[data-row-id="${db.slug}"]`).getByTestId("capex-row-value-text")).toContainText(
      formatMoneyWords(Number(rec.value), "CNY"),
    );
  }

  // Competitor comparison: one row per bar (the pledge and each company's closest figure),
  // per year, in US dollars, with what each covers and how it differs.
  const competitors = await downloadCsv(page, overview.download("competitors", "csv"));
  expectProvenance(competitors.name, competitors.records);
  expect(competitors.records).toHaveLength(await overview.chart("competitors").getByTestId("comparable-bar").count());
  for (const rec of competitors.records.slice(1)) expect(rec.difference_from_alibaba).toContain(" vs ");
  expect(new Set(competitors.records.map((r) => `${r.mode}|${r.currency}`))).toEqual(new Set(["per year|USD"]));

  // Portfolio chart: companies per layer and relationship, as in the database and the table.
  const portfolioTable = await overview.chartTable("portfolio");
  const portfolio = await downloadCsv(page, overview.download("portfolio", "csv"));
  expectProvenance(portfolio.name, portfolio.records);
  const counts = queryAll<{ layer: string; relationship: string; n: number }>(
    "SELECT layer, relationship, count(*) AS n FROM positions GROUP BY layer, relationship",
  );
  const layers = queryAll<{ slug: keyof typeof LAYER_LABELS }>("SELECT slug FROM layers ORDER BY sort_order");
  expect(portfolio.records.map((r) => r.layer)).toEqual(layers.map((l) => LAYER_LABELS[l.slug]));
  for (const [i, rec] of portfolio.records.entries()) {
    const layer = layers[i]!.slug;
    const mine = counts.filter((c) => c.layer === layer);
    for (const c of mine) expect(Number(rec[c.relationship])).toBe(c.n);
    expect(Number(rec.total)).toBe(mine.reduce((n, c) => n + c.n, 0));
    expect(rec.unit).toBe("companies");
    await expect(portfolioTable.locator(`tr[data-row-id="${layer}"]`).getByTestId("portfolio-total")).toHaveText(rec.total!);
  }

  // Its table sorts by the total, both ways.
  const totals = () => portfolioTable.getByTestId("portfolio-total").allInnerTexts().then((t) => t.map(Number));
  const header = portfolioTable.locator("th", { has: page.getByTestId("sort-total") });
  await portfolioTable.getByTestId("sort-total").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const up = await totals();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await portfolioTable.getByTestId("sort-total").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  expect(await totals()).toEqual([...up].reverse());
  await screenshot(page, "overview-tables-open");
});

test("an overview chart downloads as SVG and PNG with its title, sources and data date", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  // Recharts loads when a chart nears the screen; the charts sit under the headline figures and their sources.
  await expect(await overview.scrollToChart("portfolio")).toBeVisible();
  const svg = await download(page, overview.download("portfolio", "svg"));
  expect(svg.name).toBe(`alibaba-ai-portfolio-by-layer-and-relationship-${dataAsOf()}.svg`);
  expect(svg.text).toContain("Portfolio by layer and relationship");
  expect(svg.text).toContain("Sources:");
  expect(svg.text).toContain(dataAsOf());
  await expect(await overview.scrollToChart("pledge")).toBeVisible();
  const png = await download(page, overview.download("pledge", "png"));
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  keep("download-portfolio-chart.svg", svg.bytes);
  keep("download-pledge-chart.png", png.bytes);
});

test("recent deals download as the six rows shown, with amounts as numbers and sources", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const newest = queryAll<{
    slug: string;
    date: string | null;
    company: string;
    kind: keyof typeof DEAL_KIND_LABELS;
    status: keyof typeof DEAL_STATUS_LABELS;
    amount: number | null;
    currency: string | null;
    stake_percent: number | null;
  }>(
    `SELECT d.slug, d.date, o.name AS company, d.kind, d.status, d.amount, d.currency, d.stake_percent
     FROM deals d JOIN organizations o ON o.id = d.organization_id
     ORDER BY d.sort_date IS NULL, d.sort_date DESC, d.id DESC LIMIT 6`,
  );
  await expect(overview.recentDeals).toHaveCount(newest.length);
  const { name, records } = await downloadCsv(page, overview.recentDealsDownload);
  expectProvenance(name, records);
  expect(name).toContain("recent-deals");
  expect(records).toHaveLength(newest.length);
  for (const [i, rec] of records.entries()) {
    const db = newest[i]!;
    await expect(overview.recentDeals.nth(i)).toHaveAttribute("data-slug", db.slug);
    await expect(overview.recentDeals.nth(i)).toContainText(rec.company!);
    await expect(overview.recentDeals.nth(i)).toContainText(rec.date_shown!);
    expect(rec.company).toBe(db.company);
    expect(rec.date).toBe(db.date ?? "");
    expect(rec.kind).toBe(DEAL_KIND_LABELS[db.kind]);
    expect(rec.status).toBe(DEAL_STATUS_LABELS[db.status]);
    expect(rec.amount).toBe(db.amount === null ? "" : String(db.amount));
    expect(rec.currency).toBe(db.currency ?? "");
    expect(rec.stake_percent).toBe(db.stake_percent === null ? "" : String(db.stake_percent));
  }
});

test("on a phone the /capex downloads and the sortable table stay within the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual");
  await capex.chartDrawn(spending().filter((s) => s.amount !== null).length);
  for (const kind of ["csv", "svg", "png"]) await expect(capex.chart.getByTestId(`download-${kind}`)).toBeVisible();
  // The table scrolls inside its own box; the page itself never gets wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "capex-annual-390");
});
