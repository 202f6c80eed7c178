import { expect, test } from "./fixtures";
import { queryAll } from "./db";

test("a sources panel groups its citations by article, lists each paragraph once, and closes with Escape", async ({ page }) => {
  await page.goto("/");
  const badge = page.getByTestId("stat-pledge").getByTestId("sources").first();
  await badge.locator(":scope > summary").click();
  await expect(badge).toHaveAttribute("open", "");

  const cited = queryAll<{ slug: string; locator: string; date: string | null; note: string | null }>(
    `SELECT DISTINCT so.slug, c.locator, so.published_date AS date, so.date_note AS note
     FROM citations c JOIN sources so ON so.id = c.source_id JOIN spending s ON s.id = c.spending_id JOIN organizations o ON o.id = s.organization_id
     WHERE o.slug = 'alibaba' AND s.kind = 'pledge' ORDER BY s.amount DESC`,
  );
  const articles = [...new Set(cited.map((c) => c.slug))];
  await expect(badge.getByTestId("sources-article")).toHaveCount(articles.length);
  for (const slug of articles) {
    const article = badge.locator(`[data-testid="sources-article"][data-source="${slug}"]`);
    const locators = new Set(cited.filter((c) => c.slug === slug).map((c) => c.locator));
    await expect(article.getByTestId("sources-paragraph")).toHaveCount(locators.size);
    // An estimated date reads "c. ..." and says it was not printed.
    const c = cited.find((x) => x.slug === slug)!;
    if (c.date && c.note && /estimat/i.test(c.note)) await expect(article.getByTestId("sources-article-date")).toContainText(/c\. \d{1,2} \w{3} \d{4}/);
  }

  await page.keyboard.press("Escape");
  await expect(badge).not.toHaveAttribute("open", "");
  await expect(badge.locator(":scope > summary")).toBeFocused();
});
