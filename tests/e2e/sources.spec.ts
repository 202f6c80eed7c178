import { SourcesPage } from "../pages/sources-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

interface SourceRow {
  slug: string;
  title: string;
  outlet: string | null;
  published_date: string | null;
}

test("every source is listed with its title, outlet and date from the database", async ({ page }) => {
  const sources = queryAll<SourceRow>("SELECT slug, title, outlet, published_date FROM sources");
  const p = new SourcesPage(page);
  await p.goto();
  await expect(p.heading).toHaveText("Sources");
  await expect(p.sources).toHaveCount(sources.length);
  for (const s of sources) {
    const card = p.source(s.slug);
    await expect(card).toHaveAttribute("id", s.slug);
    await expect(card.getByTestId("source-title")).toHaveText(s.title);
    await expect(card.getByTestId("source-outlet")).toHaveText(s.outlet ?? "unknown outlet");
    if (s.published_date) await expect(card.getByTestId("source-date").locator("time")).toHaveAttribute("datetime", s.published_date);
    else await expect(card.getByTestId("source-date")).toContainText("date not printed");
  }
  await screenshot(page, "sources");
});

test("each source says how many distinct facts and claims cite it", async ({ page }) => {
  const rows = queryAll<{ slug: string; organizations: number; positions: number; deals: number; financials: number; spending: number; claims: number }>(
    `SELECT s.slug,
       (SELECT count(DISTINCT organization_id) FROM citations c WHERE c.source_id = s.id) AS organizations,
       (SELECT count(DISTINCT position_id) FROM citations c WHERE c.source_id = s.id) AS positions,
       (SELECT count(DISTINCT deal_id) FROM citations c WHERE c.source_id = s.id) AS deals,
       (SELECT count(DISTINCT financial_id) FROM citations c WHERE c.source_id = s.id) AS financials,
       (SELECT count(DISTINCT spending_id) FROM citations c WHERE c.source_id = s.id) AS spending,
       (SELECT count(*) FROM claims k WHERE k.source_id = s.id) AS claims
     FROM sources s`,
  );
  const p = new SourcesPage(page);
  await p.goto();
  for (const r of rows) {
    const list = p.source(r.slug).getByTestId("source-contributions");
    for (const kind of ["organizations", "positions", "deals", "financials", "spending", "claims"] as const) {
      await expect(list.locator(`[data-kind="${kind}"]`), `${r.slug} ${kind}`).toHaveAttribute("data-count", String(r[kind]));
    }
  }
});

test("every conflict appears with all its claims, each with its source and locator", async ({ page }) => {
  const conflicts = queryAll<{ slug: string; topic: string; resolution: string | null; org: string | null; n: number; preferred: number }>(
    `SELECT c.slug, c.topic, c.resolution, o.slug AS org,
       (SELECT count(*) FROM claims k WHERE k.conflict_id = c.id) AS n,
       (SELECT count(*) FROM claims k WHERE k.conflict_id = c.id AND k.is_preferred = 1) AS preferred
     FROM conflicts c LEFT JOIN organizations o ON o.id = c.organization_id`,
  );
  const claims = queryAll<{ conflict: string; value: string; source: string; title: string; locator: string; preferred: number }>(
    `SELECT c.slug AS conflict, k.value_text AS value, s.slug AS source, s.title, k.locator, k.is_preferred AS preferred
     FROM claims k JOIN conflicts c ON c.id = k.conflict_id JOIN sources s ON s.id = k.source_id ORDER BY k.id`,
  );
  const p = new SourcesPage(page);
  await p.goto("#conflicts");
  await expect(page.locator("#conflicts")).toBeVisible();
  await expect(p.conflicts).toHaveCount(conflicts.length);

  for (const c of conflicts) {
    const card = p.conflict(c.slug);
    await expect(card.getByTestId("conflict-topic")).toHaveText(c.topic);
    await expect(card.getByTestId("claim")).toHaveCount(c.n);
    await expect(card.getByTestId("claim-preferred")).toHaveCount(c.preferred);
    if (c.preferred === 0) await expect(card.getByTestId("no-preferred")).toBeVisible();
    if (c.resolution) await expect(card.getByTestId("conflict-resolution")).toContainText(c.resolution);
    if (c.org) await expect(card.getByTestId("conflict-organization")).toHaveAttribute("href", `/companies/${c.org}`);

    const mine = claims.filter((k) => k.conflict === c.slug);
    const shown = card.getByTestId("claim");
    for (let i = 0; i < mine.length; i++) {
      const k = mine[i]!;
      const el = shown.nth(i);
      await expect(el.getByTestId("claim-value")).toHaveText(k.value);
      await expect(el.getByTestId("claim-source")).toHaveText(k.title);
      await expect(el.getByTestId("claim-source")).toHaveAttribute("href", `#${k.source}`);
      await expect(el.getByTestId("claim-locator")).toHaveText(k.locator);
      await expect(el).toHaveAttribute("data-preferred", k.preferred ? "true" : "false");
    }
  }
  await page.locator("#conflicts").screenshot({ path: "tests/e2e/screenshots/sources-conflicts.png" });
});

test("a claim's source link jumps to that article on the page", async ({ page }) => {
  const p = new SourcesPage(page);
  await p.goto();
  const link = p.conflicts.first().getByTestId("claim-source").first();
  const href = (await link.getAttribute("href"))!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator(href)).toBeInViewport();
});

test("the exchange-rate table lists every rate with its basis and default", async ({ page }) => {
  const rates = queryAll<{ currency: string; is_default: number }>("SELECT currency, is_default FROM fx_rates ORDER BY currency, id");
  const p = new SourcesPage(page);
  await p.goto("#fx-rates");
  await expect(p.fxRates).toHaveCount(rates.length);
  const shown = await p.fxRates.evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-currency"), r.getAttribute("data-default")]));
  expect(shown).toEqual(rates.map((r) => [r.currency, r.is_default ? "true" : "false"]));
});

test("the sources page reads on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const p = new SourcesPage(page);
  await p.goto();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "sources-mobile");
});
