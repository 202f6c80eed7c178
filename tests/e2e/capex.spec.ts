import { buildFxTable, convert, formatMoney, formatMoneyWords, periodYears, qualifierLabel, rateLabel, type FxRate } from "../../lib/domain/money";
import type { Currency, Qualifier } from "../../lib/domain/vocabulary";
import { CapexPage } from "../pages/capex-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";
import { pointAtUntil } from "../pages/point-at";

interface SpendingRow {
  slug: string;
  org: string;
  kind: string;
  scope: string;
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

const q = (qualifier: Qualifier, text: string) => `${qualifierLabel(qualifier)} ${text}`.trim();

// The pledge is the largest pledge in the table, found by kind rather than by name.
const thePledge = () => spending().filter((s) => s.kind === "pledge" && s.amount !== null).sort((a, b) => b.amount! - a.amount!)[0]!;

test("the default selection shows every spending statement from the database", async ({ page }) => {
  const capex = new CapexPage(page);
  const response = await capex.goto();
  expect(response?.status()).toBe(200);
  const all = spending();
  const withAmount = all.filter((s) => s.amount !== null);
  await expect(capex.rows).toHaveCount(all.length);
  await expect(capex.plottedRows).toHaveCount(withAmount.length);
  await capex.chartDrawn(withAmount.length);
  // One heading per scope present, in the chart and in the table.
  const scopes = new Set(withAmount.map((s) => s.scope));
  await expect(capex.chartHeadings).toHaveCount(scopes.size);
  // The table names every row's scope and opens grouped by it: each scope's rows are contiguous.
  const rowScopes = await capex.table.getByTestId("capex-row-scope").evaluateAll((els) => els.map((e) => e.getAttribute("data-scope")));
  expect(new Set(rowScopes)).toEqual(new Set(all.map((s) => s.scope)));
  expect(rowScopes.filter((sc, i) => i === 0 || sc !== rowScopes[i - 1]).length).toBe(new Set(rowScopes).size);
  // Statements without a figure are listed but not drawn.
  for (const s of all.filter((x) => x.amount === null)) {
    await expect(capex.row(s.slug).getByTestId("capex-row-value")).toHaveText("no figure given");
    await expect(capex.chartValue(s.slug)).toHaveCount(0);
  }
  // The chart's bars are exactly the table's rows with a figure.
  expect(Object.keys(await capex.chartLabels()).sort()).toEqual(Object.keys(await capex.tableValues()).sort());
  await expect(capex.chartSvg).toHaveAttribute("role", "img");
  await expect(capex.chartSvg).toHaveAttribute("aria-label", /grouped by scope/);
  await screenshot(page, "capex-default");
});

test("each row shows its period, scope, qualifier, kind, value, rate and sources", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto();
  const fx = fxTable();
  for (const s of spending()) {
    const row = capex.row(s.slug);
    await expect(row.getByTestId("capex-row-period")).toContainText(s.period_label);
    await expect(row.getByTestId("capex-row-scope")).not.toBeEmpty();
    await expect(row.getByTestId("capex-row-kind")).toHaveText(/Pledge|Plan|Reported spending/);
    await expect(row.getByTestId("capex-row-kind")).toHaveAttribute("data-kind", s.kind);
    await expect(row.getByTestId("ref").first()).toBeVisible();
    if (s.amount !== null && s.currency) {
      await expect(row.getByTestId("capex-row-stated")).toHaveText(q(s.qualifier, formatMoneyWords(s.amount, s.currency)));
      await expect(row.getByTestId("capex-row-stated")).toHaveAttribute("data-qualifier", s.qualifier);
      const usd = convert(s.amount, s.currency, "USD", fx);
      await expect(row.getByTestId("capex-row-value")).toContainText(q(s.qualifier, formatMoneyWords(usd.value, "USD")));
      await expect(row.getByTestId("capex-row-rate")).toHaveText(
        s.currency === "USD" ? "none (stated in USD)" : rateLabel(usd.rate.from),
      );
    }
  }
});

test("the rates used are listed in the caption, including the yuan rate implied by the articles", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto();
  const cny = fxTable().CNY!;
  await expect(capex.rates.locator('[data-currency="CNY"]')).toContainText(rateLabel(cny));
  await expect(capex.rates.locator('[data-currency="CNY"]')).toContainText("implied by the articles");
  await expect(capex.caption).toContainText("Grouped by scope");
});

test("switching currency changes the chart and the table together", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?currency=CNY");
  const pledge = thePledge();
  const n = spending().filter((s) => s.amount !== null).length;
  await capex.chartDrawn(n);
  const tableCny = await capex.tableValues();
  const chartCny = await capex.chartLabels();
  expect(tableCny[pledge.slug]).toBe(q(pledge.qualifier, formatMoneyWords(pledge.amount!, "CNY")));
  expect(chartCny[pledge.slug]).toBe(q(pledge.qualifier, formatMoney(pledge.amount!, "CNY")));

  await capex.toggle("currency", "USD").click();
  await expect(page).toHaveURL(/currency=USD/);
  await expect(capex.toggle("currency", "USD")).toHaveAttribute("aria-current", "true");
  const usd = convert(pledge.amount!, "CNY", "USD", fxTable()).value;
  await expect(capex.row(pledge.slug).getByTestId("capex-row-value")).toContainText(q(pledge.qualifier, formatMoneyWords(usd, "USD")));
  await expect(capex.chartValue(pledge.slug)).toHaveText(q(pledge.qualifier, formatMoney(usd, "USD")));
  await capex.chartDrawn(n);
  const tableUsd = await capex.tableValues();
  const chartUsd = await capex.chartLabels();
  // Same set of figures, every converted one changed in both places.
  expect(Object.keys(chartUsd).sort()).toEqual(Object.keys(tableUsd).sort());
  for (const s of spending().filter((x) => x.amount !== null && x.currency !== "USD" && x.currency !== null)) {
    expect(tableUsd[s.slug]).not.toBe(tableCny[s.slug]);
    expect(chartUsd[s.slug]).not.toBe(chartCny[s.slug]);
  }
});

test("switching scope shows the same organizations in the chart and the table", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto();
  await capex.toggle("scope", "ai-data-centres").click();
  await expect(page).toHaveURL(/scope=ai-data-centres/);
  const expected = spending().filter((s) => s.scope === "ai-data-centres");
  await expect(capex.rows).toHaveCount(expected.length);
  await capex.chartDrawn(expected.filter((s) => s.amount !== null).length);
  // A single scope needs no group headings in the chart.
  await expect(capex.chartHeadings).toHaveCount(0);
  expect(Object.keys(await capex.chartLabels()).sort()).toEqual(expected.filter((s) => s.amount !== null).map((s) => s.slug).sort());
  const orgs = await capex.rows.getByTestId("capex-row-org").allInnerTexts();
  expect(orgs.sort()).toEqual(expected.map((s) => s.org).sort());
  await expect(capex.caption).toContainText("Only figures whose scope is AI data centres");
  // Microsoft's 80 bn has conflicting readings of scope and period; they sit beside the figures.
  await expect(capex.conflicts.filter({ hasText: "Microsoft" }).first()).toBeVisible();
});

test("as stated -> per year divides the three-year pledge by three", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?currency=CNY");
  const pledge = thePledge();
  const years = periodYears(pledge.period_start, pledge.period_end);
  await expect(capex.row(pledge.slug).getByTestId("capex-row-value")).toContainText(formatMoneyWords(pledge.amount!, "CNY"));
  await capex.toggle("mode", "annual").click();
  await expect(page).toHaveURL(/mode=annual/);
  const perYear = pledge.amount! / years;
  expect(perYear / 1e9).toBeCloseTo(126.67, 1);
  // The pledge's qualifier ("more than") travels into its per-year value, in the table and on the bar.
  await expect(capex.row(pledge.slug).getByTestId("capex-row-value")).toContainText(q(pledge.qualifier, `${formatMoneyWords(perYear, "CNY")} / yr`));
  await pointAtUntil(capex.chartBox, capex.chartBox.locator("svg.recharts-surface"));
  await expect(capex.chartValue(pledge.slug)).toHaveText(q(pledge.qualifier, `${formatMoney(perYear, "CNY")} / yr`));
  await expect(capex.chart).toHaveAttribute("data-selection", "annual|CNY|all|");
  // A quarter is scaled to a year and says so.
  const quarter = spending().find((s) => s.amount !== null && periodYears(s.period_start, s.period_end) < 0.5);
  if (quarter) await expect(capex.row(quarter.slug).getByTestId("capex-row-value")).toContainText("run-rate");
  await screenshot(page, "capex-cny-per-year");
});

test("the toggles are plain links that keep the other choices", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual&currency=CNY&scope=total-capex");
  await expect(capex.toggle("currency", "USD")).toHaveAttribute("href", "/capex?group=scope&mode=annual&currency=USD&scope=total-capex");
  await expect(capex.toggle("kind", "pledge")).toHaveAttribute("href", /kind=pledge/);
  await expect(capex.toggle("scope", "total-capex")).toHaveAttribute("aria-current", "true");
  await screenshot(page, "capex-total-capex-cny-per-year");
});

test("a selection without any statement says so", async ({ page }) => {
  const capex = new CapexPage(page);
  const kinds = spending();
  // Find a scope/kind pair with no statement, from the data.
  const pairs = ["pledge", "plan", "actual"].flatMap((k) => ["rnd", "ai-data-centres", "total-capex"].map((s) => [k, s] as const));
  const empty = pairs.find(([k, s]) => !kinds.some((x) => x.kind === k && x.scope === s));
  test.skip(!empty, "every pair has a statement");
  await capex.goto(`?kind=${empty![0]}&scope=${empty![1]}`);
  await expect(page.getByTestId("capex-empty")).toBeVisible();
});

test("an unreadable toggle value answers 400 with an explanation", async ({ request }) => {
  // Fetched rather than opened in the browser: Chromium logs every 4xx document as a
  // console error, which the fixture (rightly) treats as a failure on a normal page.
  const response = await request.get("/capex?currency=EUR");
  expect(response.status()).toBe(400);
  // React separates adjacent text with <!-- --> markers; drop them to read the text.
  const html = (await response.text()).replaceAll("<!-- -->", "");
  expect(html).toContain('data-testid="param-problems"');
  expect(html).toContain("This link has a filter we cannot read");
  expect(html).toMatch(/<code>currency<\/code>/);
  expect(html).toContain("<code>USD </code>");
  expect(html).not.toContain('data-testid="capex-chart"');
});
