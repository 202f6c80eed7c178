import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * A page's blocks (sections, charts, deal cards) are laid out and painted only when they near
 * the viewport (`content-visibility: auto` in app/globals.css): on a phone most of a page is
 * below the first screen, and laying it all out at load cost the main thread more than
 * anything of ours. What a reader gets must not change: a block is there once scrolled to,
 * found by the page's own links, and printed.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Whether the page's first and last deal cards are drawn (a skipped `content-visibility: auto` block is not). */
function dealCardsDrawn(page: Page) {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll('li[data-testid="deal"]')];
    const drawn = (el: Element | undefined) => el?.checkVisibility({ contentVisibilityAuto: true }) ?? null;
    return { cards: cards.length, first: drawn(cards[0]), last: drawn(cards.at(-1)) };
  });
}

test("on a phone, a deal card far down /deals is skipped at load and drawn once scrolled to", async ({ page }) => {
  await page.goto("/deals");
  const atLoad = await dealCardsDrawn(page);
  expect(atLoad.cards).toBeGreaterThan(10);
  expect(atLoad.last).toBe(false);
  const last = page.getByTestId("deal").last();
  await last.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await dealCardsDrawn(page)).last).toBe(true);
  await expect(last.getByTestId("deal-amount")).toBeVisible();
});

test("a link to a block far down lands on it, drawn", async ({ page }) => {
  await page.goto("/sources#fx-rates");
  const section = page.getByTestId("fx-rates");
  await expect(section).toBeInViewport();
  await expect.poll(() => section.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);
});

test("printing lays out every block", async ({ page }) => {
  await page.goto("/deals");
  await page.emulateMedia({ media: "print" });
  expect(await dealCardsDrawn(page)).toMatchObject({ first: true, last: true });
});
