import { annualiseQualified, buildFxTable, convertQualified, formatQualifiedMoneyWords, qualified, qualifierLabel, type FxRate } from "../../lib/domain/money";
import type { Currency, Qualifier } from "../../lib/domain/vocabulary";
import { CapexPage } from "../pages/capex-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

interface Row {
  slug: string;
  org: string;
  name: string;
  kind: string;
  period_start: string;
  period_end: string;
  amount: number | null;
  currency: Currency | null;
  qualifier: Qualifier;
  description: string;
}

const spending = () =>
  queryAll<Row>(
    `SELECT s.slug, o.slug AS org, o.name, s.kind, s.period_start, s.period_end, s.amount, s.currency, s.qualifier, s.description
     FROM spending s JOIN organizations o ON o.id = s.organization_id`,
  );

const fxTable = () =>
  buildFxTable(
    queryAll<{ currency: Currency; per_usd: number; as_of: string; basis: FxRate["basis"]; is_default: number; note: string }>(
      "SELECT currency, per_usd, as_of, basis, is_default, note FROM fx_rates ORDER BY currency, id",
    ).map((r) => ({ currency: r.currency, perUsd: r.per_usd, asOf: r.as_of, basis: r.basis, isDefault: r.is_default === 1, note: r.note, sources: [] })),
  );

test("/capex opens on Alibaba's pledge per year beside one closest figure per competitor, each saying how it differs", async ({ page }) => {
  const capex = new CapexPage(page);
  const response = await capex.gotoComparable();
  expect(response?.status()).toBe(200);
  const rows = spending();
  const pledge = rows.filter((r) => r.org === "alibaba" && r.kind === "pledge" && r.amount !== null).sort((a, b) => b.amount! - a.amount!)[0]!;
  const competitors = new Set(rows.filter((r) => r.org !== "alibaba" && r.amount !== null).map((r) => r.org));

  await expect(capex.comparableBars).toHaveCount(1 + competitors.size);
  const anchor = capex.comparableBars.first();
  await expect(anchor).toHaveAttribute("data-slug", pledge.slug);
  await expect(anchor).toHaveAttribute("data-anchor", "true");

  // The pledge's qualifier travels to its per-year dollar value.
  const perYear = annualiseQualified(convertQualified(qualified(pledge.amount!, pledge.qualifier), pledge.currency!, "USD", fxTable()), pledge.period_start, pledge.period_end);
  await expect(anchor.getByTestId("comparable-value")).toHaveText(`${formatQualifiedMoneyWords(perYear, "USD")} / yr`);
  if (pledge.qualifier !== "exact") await expect(anchor.getByTestId("comparable-value")).toContainText(qualifierLabel(pledge.qualifier));

  // Every competitor once, each bar saying what it covers and how it differs from the pledge.
  const orgs = await capex.comparableBars.evaluateAll((els) => els.map((e) => e.getAttribute("data-org")));
  expect(new Set(orgs.slice(1))).toEqual(competitors);
  for (const org of competitors) {
    const bar = capex.comparableBar(org);
    await expect(bar.getByTestId("comparable-covers")).not.toBeEmpty();
    await expect(bar.getByTestId("comparable-difference")).toContainText(" vs ");
    await expect(bar.getByTestId("ref").first()).toBeVisible();
    // A company with more than one figure names the ones left out, and why.
    const theirs = rows.filter((r) => r.org === org && r.amount !== null);
    if (theirs.length > 1) await expect(bar.getByTestId("comparable-left-out")).toContainText(`has ${theirs.length} figures`);
  }
  // A figure named beside a bar is converted and cited like a bar: the caption gives the
  // rate of every currency the page converts (the UK plan is in pounds), and each named
  // figure carries its own sources.
  const converted = new Set(rows.filter((r) => r.amount !== null && r.currency !== "USD").map((r) => r.currency!));
  expect(converted.has("GBP")).toBe(true);
  for (const c of converted) await expect(page.locator("#capex-comparable-caption")).toContainText(new RegExp(`1 USD = [\\d.,]+ ${c}\\b`));
  for (const leftOut of await page.getByTestId("comparable-left-out").all()) {
    const named = await leftOut.locator(":scope > span").count();
    expect(await leftOut.getByTestId("refs").count()).toBe(named);
  }
  // Every bar is drawn: its fill has the colour (and, for a pledge or plan, the pattern) of its kind.
  const fills = await capex.comparableBars.evaluateAll((bars) =>
    bars.map((b) => {
      const fill = b.querySelector("[aria-hidden] > span");
      const css = fill ? getComputedStyle(fill) : null;
      return { kind: fill?.getAttribute("data-value"), painted: !!css && (css.backgroundImage !== "none" || css.backgroundColor !== "rgba(0, 0, 0, 0)"), width: fill?.getBoundingClientRect().width ?? 0 };
    }),
  );
  for (const f of fills) expect(f).toMatchObject({ kind: expect.stringMatching(/^(pledge|plan|actual)$/), painted: true });
  for (const f of fills) expect(f.width).toBeGreaterThan(1);
  // Statements without a figure are named, not drawn.
  for (const r of rows.filter((x) => x.amount === null && x.org !== "alibaba" && !competitors.has(x.org))) {
    await expect(page.getByTestId("comparable-without-figure")).toContainText(r.name);
  }

  // The strict grouping is one link away and keeps every figure.
  await page.getByTestId("comparable-strict-link").click();
  await expect(page).toHaveURL(/group=scope/);
  await expect(capex.rows).toHaveCount(rows.length);
  await screenshot(page, "capex-strict-from-default");
});

test("in the strict grouping a company drawn twice says why, and the UK plan says it is for Britain", async ({ page }) => {
  const capex = new CapexPage(page);
  await capex.goto("?mode=annual");
  const rows = spending().filter((r) => r.amount !== null);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.org, (counts.get(r.org) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([org]) => org);
  const notes = page.getByTestId("capex-repeated").locator("li");
  await expect(notes).toHaveCount(repeated.length);
  for (const org of repeated) {
    const note = page.locator(`[data-testid="capex-repeated"] li[data-org="${org}"]`);
    // Each of its statements is described by the record's own first sentence.
    for (const r of rows.filter((x) => x.org === org)) await expect(note).toContainText(r.description.split(/(?<=[.!?])\s/)[0]!);
  }
  const uk = rows.find((r) => r.currency === "GBP");
  if (uk) await expect(page.locator(`[data-testid="capex-repeated"] li[data-org="${uk.org}"]`)).toContainText(/Britain|UK/);
});

test("the comparison reads on a phone and in yuan", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const capex = new CapexPage(page);
  await capex.gotoComparable("?currency=CNY");
  await expect(capex.toggle("currency", "CNY")).toHaveAttribute("aria-current", "true");
  await expect(capex.toggle("group", "comparable")).toHaveAttribute("aria-current", "true");
  await expect(capex.comparableBars.first().getByTestId("comparable-value")).toContainText("yuan");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "capex-comparable-390");
});

test("desktop screenshot of the default /capex view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const capex = new CapexPage(page);
  await capex.gotoComparable();
  await expect(capex.comparableBars.first()).toBeVisible();
  await screenshot(page, "capex-comparable");
});
