import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { CompanyPage } from "../pages/company-page";
import { queryAll } from "./db";
import { expect, test } from "./fixtures";

/**
 * Past views (asof), the status history, /changes and the Atom feeds, against the seeded
 * database: the DeepSeek stake was reported in early February 2025 and denied later; no
 * capex figure was published before the February 2025 articles.
 */

const FEB_FIGURES = ["alibaba-380bn-pledge", "microsoft-80bn-fy2025", "meta-65bn-2025"];

test.describe("as of a past day", () => {
  test("the portfolio shows the DeepSeek stake as reported on 10 Feb 2025 and denied today", async ({ page }) => {
    await page.goto("/portfolio?asof=2025-02-10");
    await expect(page.getByTestId("past-view-banner")).toContainText("Past view");
    const tile = page.locator('[data-testid="company-tile"][data-slug="deepseek"]');
    await expect(tile.getByTestId("status-badge")).toHaveAttribute("data-status", "reported");
    await expect(tile.getByTestId("status-badge")).toHaveText("Reported");
    // Links inside a past view keep the day.
    await expect(tile.getByRole("link")).toHaveAttribute("href", "/companies/deepseek?asof=2025-02-10");
    await expect(page.getByTestId("nav-deals")).toHaveAttribute("href", "/deals?asof=2025-02-10");

    await page.goto("/portfolio");
    await expect(page.getByTestId("past-view-banner")).toHaveCount(0);
    const now = page.locator('[data-testid="company-tile"][data-slug="deepseek"]');
    await expect(now.getByTestId("status-badge")).toHaveAttribute("data-status", "denied");
  });

  test("a past view's downloads keep the day: the file has the stake as reported then", async ({ page, request }) => {
    // (/capex has no figure yet on that day, so no download.)
    const pages = ["/portfolio", "/portfolio?view=table", "/deals", "/", "/sources", "/companies/deepseek"];
    for (const path of pages.map((p) => `${p}${p.includes("?") ? "&" : "?"}asof=2025-02-10`)) {
      await page.goto(path);
      // Every table download on the page is a link to its page's route, and every one keeps the day.
      const links = page.locator('[data-testid="download-csv"], [data-testid="download-xlsx"]');
      expect(await links.count(), path).toBeGreaterThan(0);
      for (const link of await links.all()) await expect(link, path).toHaveAttribute("href", /[?&]asof=2025-02-10(&|$)/);
    }
    // The screener's company links keep the day too.
    await page.goto("/deals?view=table&asof=2025-02-10");
    await expect(page.locator('[data-testid="deal-row"] [data-col="company"] a').first()).toHaveAttribute("href", /\?asof=2025-02-10$/);
    await page.goto("/portfolio?asof=2025-02-10");
    const href = await page.locator('a[data-testid="download-csv"]').first().getAttribute("href");
    const csv = await (await request.get(href!)).text();
    const row = csv.split("\n").find((line) => line.includes(",deepseek,"));
    expect(row, "DeepSeek's row in the past view's CSV").toContain("Reported");
    expect(row).not.toContain("Denied");
  });

  test("the API gives the same answers", async ({ request }) => {
    const past = await (await request.get("/api/v1/positions?asof=2025-02-10&q=DeepSeek")).json();
    expect(past.data.map((p: { slug: string; status: string }) => [p.slug, p.status])).toEqual([["deepseek", "reported"]]);
    const now = await (await request.get("/api/v1/positions?q=DeepSeek")).json();
    expect(now.data[0].status).toBe("denied");
    const deal = await (await request.get("/api/v1/deals?asof=2025-02-10&organization=deepseek")).json();
    expect(deal.data[0].status).toBe("reported");

    const jan = await (await request.get("/api/v1/spending?asof=2025-01-31")).json();
    expect(jan.meta.total).toBe(0);
    const mar = await (await request.get("/api/v1/spending?asof=2025-03-01&limit=500")).json();
    const slugs = mar.data.map((s: { slug: string }) => s.slug);
    for (const f of FEB_FIGURES) expect(slugs).toContain(f);
  });

  test("capex on 1 Mar 2025 cites only the February articles and is dated by them, in the page and its download", async ({ page, request }) => {
    await page.goto("/capex?asof=2025-03-01");
    const cited = await page.getByTestId("section-source").evaluateAll((els) => els.map((e) => e.getAttribute("data-source")));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited).not.toContain("dingjiao-one-2025-10");
    expect(cited).not.toContain("bold-38bn-bet-2025-07");
    expect(cited).not.toContain("alibaba-ai-explainer");
    await expect(page.getByTestId("data-as-of").locator("time")).toHaveAttribute("datetime", "2025-02-24");
    // The footer counts the articles the view is built from: those published by the day.
    const published = queryAll<{ n: number }>("SELECT count(*) AS n FROM sources WHERE published_date <= '2025-03-01'")[0]!.n;
    const all = queryAll<{ n: number }>("SELECT count(*) AS n FROM sources")[0]!.n;
    expect(published).toBeLessThan(all);
    await expect(page.getByTestId("built-from")).toContainText(`Built from ${published} news articles;`);
    const file = await request.get("/capex/download?group=comparable&mode=stated&currency=USD&scope=all&asof=2025-03-01");
    expect(file.headers()["content-disposition"]).toMatch(/filename="[^"]*-2025-02-24-as-of-2025-03-01\.csv"/);
    const rows = parse(await file.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.data_as_of).toBe("2025-02-24");
    await page.goto("/capex");
    await expect(page.getByTestId("built-from")).toContainText(`Built from ${all} news articles;`);
  });

  test("capex on 31 Jan 2025 holds none of the February 2025 figures", async ({ page }) => {
    await page.goto("/capex?asof=2025-03-01");
    for (const f of FEB_FIGURES) await expect(page.locator(`[data-row-id="${f}"]`).first()).toBeAttached();
    await page.goto("/capex?asof=2025-01-31");
    await expect(page.getByTestId("past-view-banner")).toBeVisible();
    for (const f of FEB_FIGURES) await expect(page.locator(`[data-row-id="${f}"]`)).toHaveCount(0);
    await expect(page.getByTestId("capex-empty")).toBeVisible();
  });

  test("the header's date control sets the day from the keyboard and keeps the filters", async ({ page }) => {
    await page.goto("/portfolio?view=table");
    const input = page.getByTestId("asof-input");
    await input.focus();
    await input.fill("2025-02-10");
    await input.press("Enter");
    await expect(page).toHaveURL(/\/portfolio\?view=table&asof=2025-02-10$/);
    await expect(page.getByTestId("past-view-banner")).toHaveAttribute("data-asof", "2025-02-10");
    await expect(page.getByTestId("asof-input")).toHaveValue("2025-02-10");
    // Back to today from the banner.
    await page.getByTestId("past-view-banner").getByRole("link", { name: "Back to today" }).click();
    await expect(page).toHaveURL(/\/portfolio\?view=table$/);
  });

  test("the day field is text until used, then the native date field, keeping focus", async ({ page }) => {
    await page.goto("/capex");
    const input = page.getByTestId("asof-input");
    // As parsed: a text field, the same size as the date field it becomes (no shift in the header).
    await expect(input).toHaveAttribute("type", "text");
    // Once live, the hint no longer names an order the date field it turns into does not take.
    await expect(input).toHaveAttribute("placeholder", "pick a day");
    const before = await input.boundingBox();
    // From the keyboard: tabbing onto it turns it, and the digits then fill the date field.
    await page.getByTestId("nav-sources").focus();
    await page.keyboard.press("Tab");
    await expect(input).toHaveAttribute("type", "date");
    await expect(input).toBeFocused();
    expect(await input.boundingBox()).toEqual(before);
    await page.keyboard.type("02102025");
    await expect(input).toHaveValue("2025-02-10");
    // With a mouse: pointing at it turns it before the click.
    await page.goto("/deals");
    await expect(page.getByTestId("asof-input")).toHaveAttribute("type", "text");
    await page.getByTestId("asof-input").hover();
    await expect(page.getByTestId("asof-input")).toHaveAttribute("type", "date");
  });

  test("without JavaScript a day in another shape is refused before the form is sent", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/deals");
    const input = page.getByTestId("asof-input");
    await expect(input).toHaveAttribute("placeholder", "yyyy-mm-dd");
    await input.fill("10/02/2025");
    await page.getByTestId("asof-submit").click();
    expect(await input.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
    await expect(page).toHaveURL(/\/deals$/);
    await context.close();
  });

  test("the date control works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/deals");
    await page.getByTestId("asof-input").fill("2025-02-10");
    await page.getByTestId("asof-submit").click();
    await expect(page).toHaveURL(/\/deals\?asof=2025-02-10$/);
    await expect(page.getByTestId("past-view-banner")).toBeVisible();
    await context.close();
  });

  test("the banner says which facts rest on an estimated source date", async ({ page }) => {
    await page.goto("/capex?asof=2025-03-01");
    const estimated = page.getByTestId("estimated-dates");
    await estimated.locator("summary").click();
    await expect(estimated.getByTestId("estimated-fact").filter({ hasText: "alibaba-380bn-pledge" })).toContainText("estimated");
  });

  for (const bad of ["yesterday", "2025-02-30", "1999-12-31", "2999-01-01"]) {
    test(`asof=${bad} gets the 400 page on every kind of page`, async ({ page, request }) => {
      for (const path of ["/", "/portfolio", "/capex", "/sources", "/companies/deepseek", "/changes"]) {
        const res = await page.goto(`${path}?asof=${bad}`);
        expect(res?.status(), path).toBe(400);
        await expect(page.getByTestId("param-problems")).toContainText("asof");
      }
      const api = await request.get(`/api/v1/deals?asof=${bad}`);
      expect(api.status()).toBe(400);
      expect((await api.json()).problems[0].param).toBe("asof");
    });
  }
});

test.describe("history, changes and feeds", () => {
  test("the company page shows the sequence of states", async ({ page }) => {
    await page.goto("/companies/deepseek");
    const steps = page.getByTestId("history-step").filter({ has: page.locator("code", { hasText: "deepseek-rumour-2025-02" }) });
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toHaveAttribute("data-state", "reported");
    await expect(steps.nth(1)).toHaveAttribute("data-state", "denied");
    await expect(page.getByTestId("summary-position").getByTestId("status-badge")).toHaveAttribute("data-status", "denied");
    await page.goto("/companies/deepseek?asof=2025-02-10");
    await expect(page.getByTestId("history-step").filter({ hasText: "Denied" })).toHaveCount(0);
    // The summary's position is the day's too: reported, not yet denied.
    await expect(page.getByTestId("summary-position").getByTestId("status-badge")).toHaveAttribute("data-status", "reported");
  });

  test("a company's past view lists, counts and downloads only the deals it joined that a source had published by the day", async ({ page, request }) => {
    const company = new CompanyPage(page);
    const joinedSlugs = () => company.section("deals-joined").getByTestId("deal").evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));
    await company.goto("alibaba");
    const today = await joinedSlugs();
    // On 1 Mar 2025 only the February 2025 articles were out: they cite three of Alibaba's deals;
    // two more count from the dates their status histories give (Zebra's 2015 launch, the
    // DeepSeek report of February 2025), as on every other past view.
    await page.goto("/companies/alibaba?asof=2025-03-01");
    const past = await joinedSlugs();
    expect(past.sort()).toEqual(["apple-partnership-2025-02", "deepseek-rumour-2025-02", "moonshot-ai-2024", "zebra-network-jv-2015", "zhipu-ai-2023"]);
    expect(today.length).toBeGreaterThan(past.length);
    const href = await company.downloadCsv("deals-joined").getAttribute("href");
    expect(href).toMatch(/[?&]asof=2025-03-01(&|$)/);
    const rows = parse(await (await request.get(href!)).text(), { columns: true, bom: true }) as { deal: string }[];
    expect(rows.map((r) => r.deal).sort()).toEqual(past);
  });

  test("/changes lists added, changed and resolved facts between two days, and the revisions", async ({ page }) => {
    await page.goto("/changes?from=2025-01-31&to=2025-02-28");
    await expect(page.getByTestId("changes-added").getByTestId("change-entry").filter({ hasText: "alibaba-380bn-pledge" })).toHaveCount(1);
    const rumour = page.getByTestId("changes-changed").getByTestId("change-entry").filter({ hasText: "deepseek" }).first();
    await expect(rumour).toBeVisible();
    // Dated "about February 2025" by its source: shown so, not as the 1 February it counts from.
    await expect(rumour.locator("strong")).toHaveText("c. Feb 2025");
    await expect(rumour.getByTestId("change-source").getByRole("link")).toHaveAttribute("href", "/sources#dingjiao-one-2025-10");
    // Resolved in October, by the only source that reports the denial.
    await expect(page.getByTestId("changes-resolved").getByTestId("change-entry")).toHaveCount(0);
    await page.goto("/changes?from=2025-10-01&to=2025-10-31");
    await expect(page.getByTestId("changes-resolved").getByTestId("change-entry").filter({ hasText: "deepseek" }).first()).toBeVisible();
    await expect(page.getByTestId("revision-row").filter({ hasText: "seed" })).toHaveCount(1);
    const res = await page.goto("/changes?from=2025-03-01&to=2025-02-01");
    expect(res?.status()).toBe(400);
  });

  for (const path of ["/feed.xml", "/companies/deepseek/feed.xml"]) {
    test(`${path} is Atom whose entries link to the fact's page and name the source`, async ({ request }) => {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toContain("application/atom+xml");
      const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link" }).parse(await res.text());
      expect(doc.feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
      expect(doc.feed.id).toBeTruthy();
      expect(doc.feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const entries = doc.feed.entry as { id: string; title: string; updated: string; link: { "@_href": string }[]; summary: string | { "#text": string } }[];
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        expect(e.id).toBeTruthy();
        expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(e.link[0]!["@_href"]).toMatch(/\/companies\/[a-z0-9-]+#/);
        const summary = typeof e.summary === "string" ? e.summary : e.summary["#text"];
        expect(summary).toMatch(/Source: .+, ¶\d+/);
      }
      if (path.includes("deepseek")) expect(entries.every((e) => e.link[0]!["@_href"].includes("/companies/deepseek#"))).toBe(true);
      // The page each entry links to exists.
      const first = new URL(entries[0]!.link[0]!["@_href"]);
      expect((await request.get(first.pathname)).status()).toBe(200);
    });
  }
});

test.describe("past views of the overview, sources, search and organizations", () => {
  test("the overview's figures, counts and recent deals are the day's", async ({ page, request }) => {
    await page.goto("/?asof=2025-01-31");
    await expect(page.getByTestId("past-view-banner")).toBeVisible();
    // No capex figure was published before the February 2025 articles.
    await expect(page.getByTestId("stat-pledge")).toHaveCount(0);
    const pastDeals = (await (await request.get("/api/v1/deals?asof=2025-01-31&limit=500")).json()).data.map((d: { slug: string }) => d.slug);
    for (const slug of await page.getByTestId("recent-deal").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-slug")))) {
      expect(pastDeals).toContain(slug);
    }
    const past = Number(await page.getByTestId("stat-layers-total").getAttribute("data-count"));
    const layersPast = await page.getByTestId("stat-layer").evaluateAll((li) => li.map((l) => Number(l.getAttribute("data-count"))));

    await page.goto("/?asof=2025-03-01");
    await expect(page.getByTestId("stat-pledge")).toHaveAttribute("data-amount", /\d/);
    await page.goto("/");
    const today = Number(await page.getByTestId("stat-layers-total").getAttribute("data-count"));
    const layersToday = await page.getByTestId("stat-layer").evaluateAll((li) => li.map((l) => Number(l.getAttribute("data-count"))));
    expect(past).toBeLessThan(today);
    layersPast.forEach((n, i) => expect(n).toBeLessThanOrEqual(layersToday[i]!));
    // The portfolio map's layer counts agree with the overview's day.
    await page.goto("/?asof=2025-02-10");
    await expect(page.getByTestId("stat-layer").first().getByRole("link")).toHaveAttribute("href", /asof=2025-02-10/);
  });

  test("a past view gives statuses and disagreements as they stood that day: Zhipu AI active before its listing guidance, only the share-fall conflict on 1 March 2025", async ({ page, request }) => {
    await page.goto("/?asof=2025-03-01");
    await expect(page.getByTestId("stat-listings")).toHaveAttribute("data-count", "0");
    await page.goto("/companies/zhipu-ai?asof=2025-03-01");
    await expect(page.getByTestId("summary-position").getByTestId("status-badge")).toContainText("Active");
    await page.goto("/companies/zhipu-ai?asof=2025-04-01");
    await expect(page.getByTestId("summary-position").getByTestId("status-badge")).toContainText("Listing in progress");
    await page.goto("/sources?asof=2025-03-01");
    await expect(page.getByTestId("conflict")).toHaveCount(1);
    await expect(page.getByTestId("conflict")).toHaveAttribute("data-slug", "alibaba-share-drop-on-announcement");
    const api = await (await request.get("/api/v1/conflicts?asof=2025-03-01")).json();
    expect(api.data.map((c: { slug: string }) => c.slug)).toEqual(["alibaba-share-drop-on-announcement"]);
    await page.goto("/sources");
    await expect(page.getByTestId("conflict")).toHaveCount(5);
  });

  test("/sources lists only the articles published by the day", async ({ page }) => {
    await page.goto("/sources?asof=2025-03-01");
    const slugs = await page.getByTestId("source").evaluateAll((li) => li.map((l) => l.getAttribute("data-slug")));
    expect(slugs.sort()).toEqual(["three-year-plan-53bn-2025-02", "world-today-news-2025-02"]);
    await page.goto("/sources");
    expect(await page.getByTestId("source").count()).toBeGreaterThan(slugs.length);
  });

  test("/search finds only what the sources had named by the day, and keeps the day in its form and links", async ({ page }) => {
    await page.goto("/search?q=deepseek");
    await expect(page.getByTestId("search-organizations").getByTestId("search-hit")).not.toHaveCount(0);
    await page.goto("/search?q=deepseek&asof=2024-12-31");
    await expect(page.getByTestId("search-summary")).toContainText("0 results");
    await page.goto("/search?q=deepseek&asof=2025-02-10");
    const hit = page.getByTestId("search-organizations").getByTestId("search-hit").first();
    await expect(hit.getByRole("link")).toHaveAttribute("href", "/companies/deepseek?asof=2025-02-10");
    await page.locator("#search-q").fill("unitree");
    await page.locator("#search-q").press("Enter");
    await expect(page).toHaveURL(/asof=2025-02-10/);
  });

  test("the organizations API lists only organisations named by the day, with the status of the day", async ({ request }) => {
    const today = await (await request.get("/api/v1/organizations?limit=500")).json();
    const past = await (await request.get("/api/v1/organizations?limit=500&asof=2025-03-01")).json();
    expect(past.meta.total).toBeGreaterThan(0);
    expect(past.meta.total).toBeLessThan(today.meta.total);
    const deepseek = await (await request.get("/api/v1/organizations?q=DeepSeek&asof=2025-02-10")).json();
    expect(deepseek.data[0].status).toBe("reported");
    expect((await (await request.get("/api/v1/organizations?q=DeepSeek")).json()).data[0].status).toBe("denied");
  });
});

test.describe("the deals timeline's sequences and the feeds' anchors", () => {
  test("the timeline shows a deal's states in order, each with its date and source", async ({ page }) => {
    await page.goto("/deals?q=deepseek");
    const deal = page.locator('[data-testid="deal"][data-slug="deepseek-rumour-2025-02"]');
    const steps = deal.getByTestId("history-step");
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toHaveAttribute("data-state", "reported");
    await expect(steps.nth(0)).toContainText("Feb 2025");
    await expect(steps.nth(1)).toHaveAttribute("data-state", "denied");
    await expect(steps.nth(0).getByTestId("history-source")).toHaveAttribute("href", "/sources#dingjiao-one-2025-10");
    await expect(deal.getByTestId("deal-history")).toContainText("→");
    // On 10 Feb 2025 the denial was still to come; the source link keeps the day.
    await page.goto("/deals?q=deepseek&asof=2025-02-10");
    const past = page.locator('[data-testid="deal"][data-slug="deepseek-rumour-2025-02"]').getByTestId("history-step");
    await expect(past).toHaveCount(1);
    await expect(past.first().getByTestId("history-source")).toHaveAttribute("href", "/sources?asof=2025-02-10#dingjiao-one-2025-10");
  });

  test("every feed entry's fragment is an element of the page it links to", async ({ request }) => {
    const atom = await (await request.get("/feed.xml")).text();
    const links = [...atom.matchAll(/<link href="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&"))).filter((u) => u.hash);
    expect(links.length).toBeGreaterThan(5);
    const pages = new Map<string, string>();
    for (const u of links) {
      if (!pages.has(u.pathname)) pages.set(u.pathname, await (await request.get(u.pathname)).text());
      expect(pages.get(u.pathname), `${u.pathname}${u.hash}`).toContain(`id="${u.hash.slice(1)}"`);
    }
  });
});
