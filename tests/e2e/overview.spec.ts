import {
  annualiseQualified,
  buildFxTable,
  convertQualified,
  divideQualified,
  formatMoneyWords,
  formatNumber,
  formatQualifiedMoneyWords,
  formatQualifiedShare,
  qualified,
  qualifierLabel,
  rateLabel,
  type FxRate,
} from "../../lib/domain/money";
import type { Currency, Qualifier } from "../../lib/domain/vocabulary";
import { OverviewPage } from "../pages/overview-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

interface Spend {
  slug: string;
  kind: string;
  scope: string;
  period_label: string;
  period_start: string;
  period_end: string;
  amount: number;
  currency: Currency;
  qualifier: Qualifier;
}

const alibabaSpending = () =>
  queryAll<Spend>(
    `SELECT s.slug, s.kind, s.scope, s.period_label, s.period_start, s.period_end, s.amount, s.currency, s.qualifier
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
  // Its dollar value and yearly average carry the pledge's own qualifier ("more than 380 bn
  // yuan" is "more than 53 bn US dollars", "more than 17.67 bn ... a year").
  const usd = convertQualified(qualified(pledge.amount, pledge.qualifier), pledge.currency, "USD", fxTable());
  const perYear = annualiseQualified(usd, pledge.period_start, pledge.period_end);
  await expect(overview.pledge.getByTestId("stat-pledge-usd")).toHaveText(formatQualifiedMoneyWords(usd, "USD"));
  await expect(overview.pledge.getByTestId("stat-pledge-per-year")).toHaveText(formatQualifiedMoneyWords(perYear, "USD"));
  if (pledge.qualifier !== "exact") {
    for (const id of ["stat-pledge-value", "stat-pledge-usd", "stat-pledge-per-year"]) {
      await expect(overview.pledge.getByTestId(id)).toContainText(qualifierLabel(pledge.qualifier));
    }
  }
  await expect(overview.pledge.getByTestId("stat-pledge-rate")).toHaveText(rateLabel(usd.conversion.rate.from));
  const theirs = queryAll<{ v: number }>(
    `SELECT DISTINCT k.numeric_value AS v FROM claims k JOIN conflicts c ON c.id = k.conflict_id
     WHERE c.subject = ? AND k.unit = 'USD' AND k.numeric_value IS NOT NULL`,
    `spending:${pledge.slug}`,
  );
  if (theirs.length > 1) {
    const conflict = overview.pledge.getByTestId("stat-pledge-conflict");
    for (const { v } of theirs) await expect(conflict).toContainText(`${formatNumber(v / 1e9)} bn`);
    await expect(conflict.getByRole("link")).toHaveAttribute("href", "/sources#conflicts");
  }

  // Reported spending beside the pledge, each with its own scope and period; a share only
  // with both qualifiers carried and the reasons it is not progress, in one sentence.
  await expect(overview.reported.getByTestId("stat-reported-value")).toHaveText(words(reported));
  await expect(overview.reported.getByTestId("stat-reported-scope")).toContainText(reported.period_label);
  await expect(overview.reported.getByTestId("stat-reported-pledge-scope")).not.toBeEmpty();
  const share = divideQualified(
    convertQualified(qualified(reported.amount, reported.qualifier), reported.currency, pledge.currency, fxTable()),
    qualified(pledge.amount, pledge.qualifier),
  );
  const sentence = overview.reported.getByTestId("stat-reported-share");
  await expect(sentence).toContainText("Not a measure of progress against the pledge");
  await expect(sentence).toContainText(formatQualifiedShare(share));
  if (reported.scope !== pledge.scope) await expect(sentence).toContainText("not the pledge's");
  if (reported.period_start < pledge.period_start) await expect(sentence).toContainText(/\d+ of its \d+ months come before/);
  await expect(overview.reported.locator("strong", { hasText: "%" })).toHaveCount(0);

  // Companies invested in or owned, by layer, each organisation once: the positions whose
  // kind (data/positions.json, set by the data audit) is an investment.
  const holdings = queryAll<{ slug: string; n: number }>(
    `SELECT l.slug, (SELECT count(DISTINCT p.organization_id) FROM positions p WHERE p.layer = l.slug AND p.kind = 'investment') AS n
     FROM layers l ORDER BY l.sort_order`,
  );
  await expect(overview.layers).toHaveCount(holdings.length);
  for (const [i, l] of holdings.entries()) {
    await expect(overview.layers.nth(i)).toHaveAttribute("data-layer", l.slug);
    await expect(overview.layers.nth(i)).toHaveAttribute("data-count", String(l.n));
  }
  await expect(page.getByTestId("stat-layers-total")).toHaveText(String(holdings.reduce((n, l) => n + l.n, 0)));
  // The rest of the map is counted beside them, never added in: every position once.
  const kinds = await page.getByTestId("stat-kind").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
  const positions = queryAll<{ n: number }>("SELECT count(DISTINCT organization_id) AS n FROM positions")[0]!.n;
  expect(holdings.reduce((n, l) => n + l.n, 0) + kinds.reduce((a, b) => a + b, 0)).toBe(positions);
  const rumours = queryAll<{ n: number }>("SELECT count(*) AS n FROM positions WHERE relationship = 'rumoured' OR status = 'denied'")[0]!.n;
  if (rumours) await expect(page.locator('[data-testid="stat-kind"][data-kind="rumour"]')).toHaveAttribute("data-count", String(rumours));
  await expect(page.getByTestId("stat-kinds-counted")).toContainText("What is counted");

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
    await expect(card.getByTestId("refs").first()).toBeVisible();
  }
  for (const layer of await overview.layers.all()) await expect(layer.getByTestId("refs")).toBeVisible();
});

test("the three charts draw and carry tables with the same figures", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  for (const id of ["pledge", "portfolio"] as const) {
    await expect(await overview.scrollToChart(id)).toBeVisible();
    await expect(overview.chart(id).getByTestId("refs").first()).toBeVisible();
  }
  await expect(overview.chart("competitors").getByTestId("refs").first()).toBeVisible();

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

  // Competitors: Alibaba's pledge and one closest figure per company with a figure.
  const competitorTable = await overview.chartTable("competitors");
  const orgs = queryAll<{ n: number }>(
    "SELECT count(DISTINCT o.slug) AS n FROM spending s JOIN organizations o ON o.id = s.organization_id WHERE s.amount IS NOT NULL AND o.slug <> 'alibaba'",
  )[0]!.n;
  await expect(competitorTable.locator("tbody tr")).toHaveCount(1 + orgs);
  await expect(overview.chart("competitors").getByTestId("comparable-bar")).toHaveCount(1 + orgs);
  await expect(overview.chart("competitors").getByTestId("comparable-strict-link")).toHaveAttribute("href", /group=scope/);
});

test("recent deals are the six newest in the database, with sources", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  const newest = queryAll<{ slug: string }>("SELECT slug FROM deals ORDER BY sort_date IS NULL, sort_date DESC, id DESC LIMIT 6");
  await expect(overview.recentDeals).toHaveCount(newest.length);
  for (const [i, d] of newest.entries()) {
    await expect(overview.recentDeals.nth(i)).toHaveAttribute("data-slug", d.slug);
    await expect(overview.recentDeals.nth(i).getByTestId("refs")).toBeVisible();
  }
  await expect(page.getByRole("link", { name: /All deals/ })).toHaveAttribute("href", "/deals");
  await screenshot(page, "overview");
  await page.getByTestId("headline-figures").screenshot({ path: "tests/e2e/screenshots/overview-cards.png" });
});

test("the overview reads on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overview = new OverviewPage(page);
  await overview.goto();
  for (const id of ["pledge", "portfolio"] as const) await expect(await overview.scrollToChart(id)).toBeVisible();
  await expect(overview.chart("competitors").getByTestId("comparable-bar").first()).toBeVisible();
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "overview-390");
  await page.getByTestId("headline-figures").screenshot({ path: "tests/e2e/screenshots/overview-cards-390.png" });
});
