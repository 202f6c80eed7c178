import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PAGE_ROUTES } from "./routes";

/**
 * Visual regression: every page at desktop and phone width, in light and dark mode, compared
 * with the committed baselines in tests/e2e/__screenshots__/visual.spec.ts/. After an
 * intended change, regenerate them with `npm run test:visual:update` and look at each image
 * (git shows the old and new side by side) before committing.
 *
 * Deterministic by construction: fixed viewport and scale, animations and the caret off,
 * web fonts loaded, every chart drawn before the shot. The tolerance (a pixel may differ by
 * 0.2 in colour distance, 1% of pixels may differ) absorbs font anti-aliasing, not a moved
 * element or a changed colour.
 */

const PAGES = [...PAGE_ROUTES, "/search?q=ipo", "/portfolio?view=table", "/deals?view=table"];
const DEVICES = {
  desktop: { viewport: { width: 1440, height: 900 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;

/**
 * Parts of a page that change with the day or the machine, not with the code: /changes says
 * "up to <today>" and when this database was seeded. They are masked (drawn as a box of the
 * same size), so the layout around them is still compared.
 */
const VOLATILE: Record<string, string[]> = { "/changes": ["changes-range", "revision-at"] };

const nameOf = (path: string) => (path === "/" ? "overview" : path.slice(1).replace(/[/?=&]+/g, "-"));

async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  // A chart in a box too narrow for its first drawing (a phone) draws its plot when it nears
  // the viewport: scroll through the page once, then back up.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
  });
  // A chart whose interactive plot was asked for (a box too narrow for the first drawing,
  // use-box-size.ts) draws once measured: wait until each holds it. The others show the
  // first drawing, as a reader sees them until pointing at one.
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".chart-box")].every(
      (box) => box.querySelector("svg.recharts-surface") || box.querySelector('[data-plot="first"] svg.static-chart') || box.querySelector("p, .notice"),
    ),
  );
  await page.waitForLoadState("networkidle");
}

for (const [device, settings] of Object.entries(DEVICES)) {
  test.describe(`${device}`, () => {
    test.use({ viewport: settings.viewport, isMobile: settings.isMobile, hasTouch: settings.isMobile, deviceScaleFactor: 1 });
    for (const theme of ["light", "dark"] as const) {
      for (const path of PAGES) {
        test(`${path} looks as approved (${device}, ${theme})`, async ({ page }) => {
          test.setTimeout(90_000);
          await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
          await page.goto(path);
          await settle(page);
          await expect(page).toHaveScreenshot(`${nameOf(path)}-${device}-${theme}.png`, {
            fullPage: true,
            animations: "disabled",
            caret: "hide",
            scale: "css",
            maxDiffPixelRatio: 0.01,
            threshold: 0.2,
            timeout: 30_000,
            mask: (VOLATILE[path] ?? []).map((id) => page.getByTestId(id)),
          });
        });
      }
    }
  });
}
