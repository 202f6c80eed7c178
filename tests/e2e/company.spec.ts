import { CompanyPage, gotoExpectingStatus } from "../pages/company-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

/** Titles of the sources that cite one organization's profile, straight from the database. */
function profileSourceTitles(slug: string): string[] {
  return queryAll<{ title: string }>(
    `SELECT DISTINCT s.title FROM citations c JOIN sources s ON s.id = c.source_id
     JOIN organizations o ON o.id = c.organization_id WHERE o.slug = ? ORDER BY s.title`,
    slug,
  ).map((r) => r.title);
}

/** Every source cited by any fact about an organization: what the page's Sources section must list. */
function allSourceSlugs(slug: string): string[] {
  return queryAll<{ slug: string }>(
    `WITH org AS (SELECT id FROM organizations WHERE slug = ?),
     deal_ids AS (
       SELECT id FROM deals WHERE organization_id = (SELECT id FROM org) OR investor_id = (SELECT id FROM org)
       UNION SELECT deal_id FROM deal_co_investors WHERE organization_id = (SELECT id FROM org))
     SELECT DISTINCT s.slug FROM sources s WHERE s.id IN (
       SELECT source_id FROM citations WHERE organization_id = (SELECT id FROM org)
         OR position_id IN (SELECT id FROM positions WHERE organization_id = (SELECT id FROM org))
         OR deal_id IN (SELECT id FROM deal_ids)
         OR financial_id IN (SELECT id FROM financials WHERE organization_id = (SELECT id FROM org))
         OR spending_id IN (SELECT id FROM spending WHERE organization_id = (SELECT id FROM org))
       UNION SELECT cl.source_id FROM claims cl JOIN conflicts cf ON cf.id = cl.conflict_id WHERE cf.organization_id = (SELECT id FROM org))
     ORDER BY s.slug`,
    slug,
  ).map((r) => r.slug);
}

test("a company page shows its sources, as the database cites them", async ({ page }) => {
  const company = new CompanyPage(page);
  const response = await company.goto("unitree");
  expect(response?.status()).toBe(200);
  const { name, description } = queryAll<{ name: string; description: string }>(
    "SELECT name, description FROM organizations WHERE slug = 'unitree'",
  )[0]!;
  await expect(company.name).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp(`^${name}`));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", description);

  const titles = await company.citedTitles(company.description);
  expect([...new Set(titles)].sort()).toEqual(profileSourceTitles("unitree"));

  expect(await company.pageSourceSlugs()).toEqual(allSourceSlugs("unitree"));
  // Every figure in the financial table carries its own sources.
  const figures = queryAll<{ n: number }>("SELECT count(*) AS n FROM financials f JOIN organizations o ON o.id = f.organization_id WHERE o.slug = 'unitree'")[0]!.n;
  await expect(page.getByTestId("financial-row")).toHaveCount(figures);
  for (const row of await page.getByTestId("financial-row").all()) expect(await company.refs(row).count()).toBeGreaterThan(0);
  await screenshot(page, "company-unitree");
});

test("deals list their co-investors, linked to their own pages (Zebra Network: SAIC)", async ({ page }) => {
  const company = new CompanyPage(page);
  await company.goto("zebra-network");
  const deals = queryAll<{ slug: string }>(
    "SELECT d.slug FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'zebra-network'",
  );
  await expect(company.deals).toHaveCount(deals.length);
  for (const { slug } of deals) {
    const co = queryAll<{ slug: string; name: string }>(
      `SELECT o.slug, o.name FROM deal_co_investors c JOIN deals d ON d.id = c.deal_id
       JOIN organizations o ON o.id = c.organization_id WHERE d.slug = ? ORDER BY o.name`,
      slug,
    );
    const links = company.deal(slug).getByTestId("deal-co-investors").getByRole("link");
    await expect(links).toHaveText(co.map((c) => c.name));
    for (const c of co) await expect(company.deal(slug).getByRole("link", { name: c.name })).toHaveAttribute("href", `/companies/${c.slug}`);
  }
  expect(deals.length).toBeGreaterThan(0);
  await expect(company.deal(deals[0]!.slug).getByTestId("deal-co-investors")).toContainText("SAIC");

  // From the co-investor's side, the same deal shows up as one it took part in.
  await company.deal(deals[0]!.slug).getByRole("link", { name: "SAIC" }).click();
  await page.waitForURL("**/companies/saic");
  await expect(company.section("deals-joined").locator(`[data-slug="${deals[0]!.slug}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="partner"][data-slug="zebra-network"]')).toHaveCount(1);
  await screenshot(page, "company-saic-partner");
});

test("a company named only beside a deal's investor is not made its co-investor (Unitree 2025: Tencent, Geely)", async ({ page }) => {
  // 001 ¶35 lists Tencent and Geely with Alibaba among Unitree's industrial investors, with no
  // round: the deal's description says so, and neither company shows the deal as one it joined.
  const company = new CompanyPage(page);
  await company.goto("unitree");
  await expect(company.deal("unitree-2025")).toContainText("Tencent and Geely");
  await expect(company.deal("unitree-2025").getByTestId("deal-co-investors")).toHaveCount(0);
  await company.goto("tencent");
  await expect(company.section("deals-joined").locator('[data-slug="unitree-2025"]')).toHaveCount(0);
});

test("a conflict shows every claim side by side with its source", async ({ page }) => {
  const conflict = queryAll<{ slug: string; org: string; resolution: string | null }>(
    `SELECT c.slug, o.slug AS org, c.resolution FROM conflicts c JOIN organizations o ON o.id = c.organization_id
     WHERE (SELECT count(*) FROM claims WHERE conflict_id = c.id) >= 2 ORDER BY c.id LIMIT 1`,
  )[0]!;
  const claims = queryAll<{ value: string; title: string; locator: string; preferred: number }>(
    `SELECT cl.value_text AS value, s.title, cl.locator, cl.is_preferred AS preferred FROM claims cl
     JOIN sources s ON s.id = cl.source_id JOIN conflicts c ON c.id = cl.conflict_id WHERE c.slug = ? ORDER BY cl.id`,
    conflict.slug,
  );
  const company = new CompanyPage(page);
  await company.goto(conflict.org);
  const card = company.conflict(conflict.slug);
  await expect(card.getByTestId("claim")).toHaveCount(claims.length);
  await expect(card.getByTestId("claim-value")).toHaveText(claims.map((c) => c.value));
  await expect(card.getByTestId("claim-source")).toHaveText(claims.map((c) => c.title));
  await expect(card.getByTestId("preferred-claim")).toHaveCount(claims.filter((c) => c.preferred).length);
  if (conflict.resolution) await expect(card.getByTestId("conflict-resolution")).toContainText(conflict.resolution);
  // Side by side: on a laptop the first two claims share a row.
  const [a, b] = [await card.getByTestId("claim").nth(0).boundingBox(), await card.getByTestId("claim").nth(1).boundingBox()];
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  expect(b!.x).toBeGreaterThan(a!.x);
});

test("every organization in the database has a page", async ({ page }) => {
  const orgs = queryAll<{ slug: string; name: string }>("SELECT slug, name FROM organizations ORDER BY slug");
  expect(orgs.length).toBeGreaterThan(0);
  for (const { slug, name } of orgs) {
    const res = await page.request.get(`/companies/${slug}`);
    expect(res.status(), slug).toBe(200);
    const html = await res.text();
    expect(html, slug).toContain(`data-testid="company-name">${name.replace(/&/g, "&amp;")}</h1>`);
  }
});

test("an unknown company is a friendly 404", async ({ page }) => {
  for (const slug of ["no-such-company", "Not_A_Slug"]) {
    const res = await gotoExpectingStatus(page, `/companies/${slug}`, 404);
    expect(res?.status(), slug).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("not-found").getByRole("link", { name: /portfolio/i })).toBeVisible();
  }
  // It names the address asked for, when it looks like one of ours, and offers a search for it.
  await gotoExpectingStatus(page, "/companies/no-such-company", 404);
  await expect(page.getByTestId("not-found-company")).toContainText("no-such-company");
  await expect(page.getByTestId("not-found-company").getByRole("link")).toHaveAttribute("href", "/search?q=no+such+company");
  await gotoExpectingStatus(page, "/companies/Not_A_Slug", 404);
  await expect(page.getByTestId("not-found-company")).toHaveCount(0);
  await expect(page.getByTestId("not-found")).not.toContainText("Not_A_Slug");
});

test("the summary's latest deal carries its status of the day when it is not a deal that happened: the DeepSeek rumour, reported then denied", async ({ page }) => {
  const company = new CompanyPage(page);
  for (const [path, status] of [
    ["/companies/alibaba", "Denied"],
    ["/companies/deepseek", "Denied"],
    ["/companies/deepseek?asof=2025-03-01", "Reported"],
  ] as const) {
    await page.goto(path);
    const latest = company.summary.getByTestId("summary-latest-deal");
    await expect(latest, path).toContainText("Rumoured investment");
    // The deals table's own badge and words.
    await expect(latest.getByTestId("deal-status"), path).toHaveText(status === "Denied" ? "✕Denied" : status);
  }
  // A deal that happened needs no word: Unitree's latest is an investment round.
  await company.goto("unitree");
  await expect(company.summary.getByTestId("summary-latest-deal").getByTestId("deal-status")).toHaveCount(0);
});

test("a company page opens with a summary and a section index, and every figure's source is one click away", async ({ page }) => {
  const company = new CompanyPage(page);
  await company.goto("alibaba");
  const pledge = queryAll<{ amount: number }>(
    "SELECT s.amount FROM spending s JOIN organizations o ON o.id = s.organization_id WHERE o.slug = 'alibaba' AND s.kind = 'pledge' ORDER BY s.amount DESC LIMIT 1",
  )[0]!;
  await expect(company.summary.getByTestId("summary-key-figure")).toContainText(String(Math.round(pledge.amount / 1e9)));
  await expect(company.summary.getByTestId("summary-latest-deal").getByRole("link").first()).toHaveAttribute("href", /^#deal-/);
  const conflicts = queryAll<{ n: number }>("SELECT count(*) AS n FROM conflicts c JOIN organizations o ON o.id = c.organization_id WHERE o.slug = 'alibaba'")[0]!.n;
  if (conflicts) await expect(company.summary.getByTestId("summary-conflicts")).toContainText(String(conflicts));

  // Every link of the index and every numbered source link lands on something on the page.
  const targets = async (links: ReturnType<CompanyPage["refs"]>) => links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!.slice(1)));
  const sections = await targets(company.sectionIndex.getByRole("link"));
  expect(sections.length).toBeGreaterThan(3);
  expect(await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), sections)).toEqual([]);
  const refs = await targets(page.getByTestId("ref"));
  expect(refs.length).toBeGreaterThan(10);
  expect(await page.evaluate((ids) => ids.filter((id) => document.getElementById(id)?.getAttribute("data-testid") !== "section-source"), refs)).toEqual([]);
  // One click from a figure to its article, outlet, date and paragraph.
  const ref = company.refs(page.getByTestId("spending-row").first()).first();
  await ref.click();
  const entry = page.locator(`[id="${(await ref.getAttribute("href"))!.slice(1)}"]`);
  await expect(entry).toBeInViewport();
  await expect(entry.getByTestId("sources-paragraph").first()).toBeVisible();
  await expect(entry.getByRole("link").first()).toHaveAttribute("href", /^\/sources#/);
  // No "N sources" disclosure after each field, nor a list under each chart: the section's list serves them.
  expect(await page.getByTestId("sources").count()).toBe(0);

  // The Atom feeds link to facts of the page by anchor: each one exists.
  const feed = await (await page.request.get("/companies/alibaba/feed.xml")).text();
  const anchors = [...feed.matchAll(/\/companies\/alibaba#([^"&<]+)/g)].map((m) => m[1]!);
  expect(anchors.length).toBeGreaterThan(0);
  expect(await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), [...new Set(anchors)])).toEqual([]);
});

test("each deal has the anchor the feeds link to", async ({ page }) => {
  const company = new CompanyPage(page);
  await company.goto("unitree");
  const feed = await (await page.request.get("/companies/unitree/feed.xml")).text();
  const anchors = [...new Set([...feed.matchAll(/\/companies\/unitree#(deal-[^"&<]+)/g)].map((m) => m[1]!))];
  expect(anchors.length).toBeGreaterThan(0);
  for (const id of anchors) await expect(page.locator(`[id="${id}"]`)).toHaveAttribute("data-testid", "deal");
});
