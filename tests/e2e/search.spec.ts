import { queryAll } from "./db";
import { expect, test } from "./fixtures";
import { SearchPage } from "../pages/search-page";

test("the nav search finds a company by its pinyin alias", async ({ page }) => {
  await page.goto("/");
  const search = new SearchPage(page);
  await search.searchFromNav("Yuezhi Anmian");
  const [org] = queryAll<{ slug: string }>(
    "SELECT o.slug FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id WHERE a.alias = 'Yuezhi Anmian'",
  );
  await expect(search.hits("organizations").first()).toHaveAttribute("data-ref", org!.slug);
});

test("a misspelling still finds the company, and the page says what it searched for", async ({ page }) => {
  await page.goto("/search?q=Untiree");
  const search = new SearchPage(page);
  await expect(search.hits("organizations").first()).toHaveAttribute("data-ref", "unitree");
  await expect(search.corrected()).toHaveText("unitree");
  // Results are grouped by kind: the company's deals come under Deals.
  const deals = queryAll<{ slug: string }>(
    "SELECT d.slug FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'unitree'",
  );
  for (const d of deals) await expect(search.hits("deals").and(page.locator(`[data-ref="${d.slug}"]`))).toHaveCount(1);
});

test("search is case-insensitive and a hit links to the company page", async ({ page }) => {
  await page.goto("/search?q=ZHIPU");
  const search = new SearchPage(page);
  await search.hits("organizations").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/companies\/zhipu-ai$/);
});

test("an over-long query gets a 200 page with a clear message, not an error", async ({ page }) => {
  const res = await page.goto(`/search?q=${"x".repeat(200)}`);
  expect(res!.status()).toBeLessThan(500);
  await expect(page.getByTestId("param-problems")).toContainText("at most 80 characters");
});
