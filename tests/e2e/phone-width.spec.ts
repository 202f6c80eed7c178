import { expect, test } from "./fixtures";
import { PAGE_ROUTES } from "./routes";

/**
 * No page is wider than a phone: a wide table or a long unbroken word that pushes the page
 * sideways makes every line scroll, not only the wide element. Wide tables scroll inside
 * their own box instead.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const path of [...PAGE_ROUTES, "/portfolio?view=table", "/deals?view=table", "/search?q=ipo"]) {
  test(`${path} fits a 390 px phone`, async ({ page }) => {
    await page.goto(path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, `${path} is ${scroll - client} px wider than the screen`).toBeLessThanOrEqual(client);
  });
}
