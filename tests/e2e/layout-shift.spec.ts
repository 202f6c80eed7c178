import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PAGE_ROUTES } from "./routes";

/**
 * Nothing on a page moves once drawn (the bench's CLS 0 budget), checked on every commit
 * rather than only when someone runs Lighthouse: session 8's layout rule shifted
 * `/companies/unitree` by 0.108 and no test noticed. Layout-shift entries are collected
 * from the first paint until the page has loaded, hydrated and gone quiet.
 *
 * A page whose own code moves something (a placeholder, a late style, hydration) does it on
 * every load. On a starved CPU (CI's two workers, a phone) the browser can also paint
 * between two slices of parsing, and the next slice then widens a table column or adds a
 * facet to a row already drawn: a real but load-dependent shift (0.0003-0.05 seen at 6x
 * CPU slowdown, none unthrottled). So a page that moved is loaded again, up to three
 * times in all, and fails only if it moved every time.
 */
const PAGES = [...PAGE_ROUTES, "/portfolio?layer=application&status=active", "/deals?kind=equity-investment", "/portfolio?view=table"];

const SIZES = [
  { name: "desktop", width: 1350, height: 940 },
  { name: "phone", width: 412, height: 823 },
] as const;

type Shift = { value: number; sources: string[] };

/** From now on every document `page` loads records its layout shifts. */
async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { value: number; sources: string[] }[] = [];
    (window as unknown as { __shifts: typeof seen }).__shifts = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] }[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map(({ node }) => {
          const el = node instanceof Element ? node : node?.parentElement;
          if (!el) return "(gone)";
          const id = el.getAttribute("data-testid");
          return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""}`;
        });
        seen.push({ value: entry.value, sources });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

async function shiftsWhileLoading(page: Page, path: string): Promise<Shift[]> {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), path).toBeLessThan(400);
  // Two frames after the network went quiet: what hydration and effects change is drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: { width: size.width, height: size.height } });
    for (const path of PAGES) {
      test(`${path} does not move while it loads (${size.name})`, async ({ page }) => {
        await watchShifts(page);
        const loads: Shift[][] = [];
        for (let i = 0; i < 3; i++) {
          const shifts = await shiftsWhileLoading(page, path);
          loads.push(shifts);
          if (shifts.length === 0) break;
        }
        const least = Math.min(...loads.map((shifts) => shifts.reduce((sum, s) => sum + s.value, 0)));
        expect(least, `${path}, shifts of each load: ${JSON.stringify(loads)}`).toBe(0);
      });
    }
  });
}
