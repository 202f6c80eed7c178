import { expect, test } from "./fixtures";
import { queryAll } from "./db";

test("a figure's numbered sources lead to its section's list: each article once, with its paragraphs, one click away", async ({ page }) => {
  await page.goto("/");
  const refs = page.getByTestId("stat-pledge").getByTestId("refs").first().getByTestId("ref");

  const cited = queryAll<{ slug: string; locator: string; date: string | null; note: string | null }>(
    `SELECT DISTINCT so.slug, c.locator, so.published_date AS date, so.date_note AS note
     FROM citations c JOIN sources so ON so.id = c.source_id JOIN spending s ON s.id = c.spending_id JOIN organizations o ON o.id = s.organization_id
     WHERE o.slug = 'alibaba' AND s.kind = 'pledge' ORDER BY s.amount DESC`,
  );
  const articles = [...new Set(cited.map((c) => c.slug))];
  await expect(refs).toHaveCount(articles.length);
  expect((await refs.evaluateAll((as) => as.map((a) => a.getAttribute("data-source")))).sort()).toEqual([...articles].sort());

  const list = page.getByTestId("section-sources-headline");
  for (const slug of articles) {
    const entry = list.locator(`[data-testid="section-source"][data-source="${slug}"]`);
    await expect(entry).toHaveCount(1);
    // The pledge's paragraphs are among the ones the entry names.
    const named = await entry.getByTestId("sources-paragraph").allInnerTexts();
    for (const c of cited.filter((x) => x.slug === slug)) expect(named).toContain(c.locator);
    // An estimated date reads "c. ..." and says it was not printed.
    const c = cited.find((x) => x.slug === slug)!;
    if (c.date && c.note && /estimat/i.test(c.note)) await expect(entry).toContainText(/c\. \d{1,2} \w{3} \d{4}/);
    await expect(entry.getByRole("link")).toHaveAttribute("href", `/sources#${slug}`);
  }

  // One click on a number lands on the article's line in the list.
  const first = refs.first();
  const slug = await first.getAttribute("data-source");
  await first.click();
  const target = list.locator(`[data-testid="section-source"][data-source="${slug}"]`);
  await expect(target).toBeInViewport();
  expect(await target.evaluate((el) => el.matches(":target"))).toBe(true);
});

test("Escape closes an open disclosure panel and puts focus back on its summary", async ({ page }) => {
  await page.goto("/");
  const panel = page.getByTestId("stat-kinds-counted");
  await panel.locator(":scope > summary").click();
  await expect(panel).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(panel).not.toHaveAttribute("open", "");
  await expect(panel.locator(":scope > summary")).toBeFocused();
});
