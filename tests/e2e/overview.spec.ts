import { buildFxTable, convert, formatMoneyWords, formatNumber, qualifierLabel, rateLabel, type FxRate } from "../../lib/domain/money";
import type { Currency, Qualifier } from "../../lib/validation/dataset";
import { OverviewPage } from "../pages/overview-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

interface Spend {
  slug: string;
  kind: string;
  scope: string;
  period_start: string;
  period_end: string;
  amount: number;
  currency: Currency;
  qualifier: Qualifier;
}

const alibabaSpending = () =>
  queryAll<Spend>(
    `SELECT s.slug, s.kind, s.scope, s.period_start, s.period_end, s.amount, s.currency, s.qualifier
     FROM spending s JOIN organizations o ON o.id = s.organization_id
     WHERE o.slug = 'alibaba' AND s.amount IS NOT NULL`,
  );

const fxTable = () =>
  buildFxTable(
    queryAll<{ currency: Currency; per_usd: number; as_of: string; basis: FxRate["basis"]; is_default: number; note: string }>(
      "SELECT currency, per_usd, as_of, basis, is_default, note FROM fx_rates ORDER BY currency, id",
    ).map((r) => ({ currency: r.currency, perUsd: r.per_usd, asOf: r.as_of, basis: r.basis, isDefault: r.is_default === 1, note: r.note, sources: [] })),
  );

const words = (s: Spend) => `${qualifierLabel(s.qualifier)} ${formatMoneyWords(s.amount, s.currency)}`.trim();

// The same picks as the page makes, from the database: the largest pledge, the latest
// spending reported into its period, and the longest earlier total-capex figure.
function pledgeRows() {
  const rows = alibabaSpending();
  const pledge = rows.filter((r) => r.kind === "pledge").sort((a, b) => b.amount - a.amount)[0]!;
  const reported = rows
    .filter((r) => r.kind === "actual" && r.period_end >= pledge.period_start)
    .sort((a, b) => b.period_end.localeCompare(a.period_end))[0]!;
  const baseline = rows.filter((r) => r.kind === "actual" && r.scope === "total-capex" && r.period_end < pledge.period_start);
  return { pledge, reported, baseline };
}

test("the headline figures come from the database, each with its sources", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const { pledge, reported } = pledgeRows();

  // The pledge, its dollar value at the default rate, and the articles' own conversions.
  await expect(overview.pledge.getByTestId("stat-pledge-value")).toHaveText(words(pledge));
  const usd = convert(pledge.amount, pledge.currency, "USD", fxTable());
  await expect(overview.pledge.getByTestId("stat-pledge-usd")).toHaveText(formatMoneyWords(usd.value, "USD"));
  await expect(overview.pledge.getByTestId("stat-pledge-rate")).toHaveText(rateLabel(usd.rate.from));
  const theirs = queryAll<{ v: number }>(
    `SELECT DISTINCT k.numeric_value AS v FROM claims k JOIN conflicts c ON c.id = k.conflict_id
     WHERE c.subject = ? AND k.unit = 'USD' AND k.numeric_value IS NOT NULL`,
    `spending:${pledge.slug}`,
  );
  expect(theirs.length).toBeGreaterThan(1);
  const conflict = overview.pledge.getByTestId("stat-pledge-conflict");
  for (const { v } of theirs) await expect(conflict).toContainText(`${formatNumber(v / 1e9)} bn`);
  await expect(conflict.getByRole("link")).toHaveAttribute("href", "/sources#conflicts");

  // Reported so far, with its share of the pledge and the caveat about scope.
  await expect(overview.reported.getByTestId("stat-reported-value")).toHaveText(words(reported));
  const share = (100 * convert(reported.amount, reported.currency, pledge.currency, fxTable()).value) / pledge.amount;
  await expect(overview.reported.getByTestId("stat-reported-share")).toHaveText(`${formatNumber(share, { maximumFractionDigits: 0 })}%`);
  await expect(overview.reported).toContainText("the scope differs");

  // Companies per layer.
  const layers = queryAll<{ slug: string; n: number }>(
    "SELECT l.slug, (SELECT count(*) FROM positions p WHERE p.layer = l.slug) AS n FROM layers l ORDER BY l.sort_order",
  );
  await expect(overview.layers).toHaveCount(layers.length);
  for (const [i, l] of layers.entries()) {
    await expect(overview.layers.nth(i)).toHaveAttribute("data-layer", l.slug);
    await expect(overview.layers.nth(i)).toHaveAttribute("data-count", String(l.n));
  }
  await expect(page.getByTestId("stat-layers-total")).toHaveText(String(layers.reduce((n, l) => n + l.n, 0)));

  // Listings in progress, each named and linked.
  const listings = queryAll<{ slug: string; name: string }>(
    `SELECT o.slug, o.name FROM positions p JOIN organizations o ON o.id = p.organization_id
     WHERE p.status = 'listing-in-progress' ORDER BY o.name`,
  );
  await expect(overview.listings.getByTestId("stat-listings-value")).toHaveText(String(listings.length));
  const links = overview.listings.getByTestId("stat-listing");
  await expect(links).toHaveCount(listings.length);
  expect((await links.allInnerTexts()).sort()).toEqual(listings.map((l) => l.name).sort());

  // Every figure has its sources beside it.
  for (const card of [overview.pledge, overview.reported, overview.listings]) {
    await expect(card.getByTestId("sources").first()).toBeVisible();
  }
  for (const layer of await overview.layers.all()) await expect(layer.getByTestId("sources")).toBeVisible();
});

test("the three charts draw and carry tables with the same figures", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  for (const id of ["pledge", "portfolio", "competitors"] as const) {
    await expect(await overview.scrollToChart(id)).toBeVisible();
    await expect(overview.chart(id).getByTestId("sources").first()).toBeVisible();
  }

  const { baseline } = pledgeRows();
  const pledgeTable = await overview.chartTable("pledge");
  await expect(pledgeTable.locator("tbody tr")).toHaveCount(2 + Math.min(1, baseline.length));
  await expect(page.getByTestId("pledge-chart-svg").getByTestId("capex-chart-value")).toHaveCount(2 + Math.min(1, baseline.length));

  const portfolioTable = await overview.chartTable("portfolio");
  const perLayer = queryAll<{ layer: string; n: number }>("SELECT layer, count(*) AS n FROM positions GROUP BY layer");
  for (const { layer, n } of perLayer) await expect(portfolioTable.locator(`tr[data-row-id="${layer}"]`).getByTestId("portfolio-total")).toHaveText(String(n));
  // One stacked segment per non-empty layer/relationship pair.
  const pairs = queryAll<{ n: number }>("SELECT count(*) AS n FROM (SELECT DISTINCT layer, relationship FROM positions)")[0]!.n;
  await expect(overview.chartSvg("portfolio").locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect")).toHaveCount(pairs);

  const competitorTable = await overview.chartTable("competitors");
  const all = queryAll<{ n: number; withAmount: number }>("SELECT count(*) AS n, count(amount) AS withAmount FROM spending")[0]!;
  await expect(competitorTable.locator("tbody tr")).toHaveCount(all.n);
  await expect(page.getByTestId("competitors-chart-svg").getByTestId("capex-chart-value")).toHaveCount(all.withAmount);
  await expect(overview.chart("competitors")).toContainText("Grouped by scope");
});

test("recent deals are the six newest in the database, with sources", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const newest = queryAll<{ slug: string }>("SELECT slug FROM deals ORDER BY sort_date IS NULL, sort_date DESC, id DESC LIMIT 6");
  await expect(overview.recentDeals).toHaveCount(newest.length);
  for (const [i, d] of newest.entries()) {
    await expect(overview.recentDeals.nth(i)).toHaveAttribute("data-slug", d.slug);
    await expect(overview.recentDeals.nth(i).getByTestId("sources")).toBeVisible();
  }
  await expect(page.getByRole("link", { name: /All deals/ })).toHaveAttribute("href", "/deals");
  await screenshot(page, "overview");
});

test("the overview reads on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overview = new OverviewPage(page);
  await overview.goto();
  for (const id of ["pledge", "portfolio", "competitors"] as const) await expect(await overview.scrollToChart(id)).toBeVisible();
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "overview-390");
});
