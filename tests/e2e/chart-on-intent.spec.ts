import { expect, test } from "./fixtures";
import { pointAtUntil } from "../pages/point-at";

/**
 * Recharts is the largest script of a chart page and drawing it the heaviest render, so a
 * chart keeps its first drawing (plain SVG from the server) until the plot adds something
 * (components/charts/use-box-size.ts): on a wide screen when the reader points at or
 * focuses the chart (tooltips), at once where the box is too narrow for the first drawing
 * to be read.
 */
test.describe("a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("loads no plot script until the reader points at a chart, then plots only that chart", async ({ page }) => {
    const scripts: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.url());
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const pledge = page.getByTestId("pledge-chart-svg");
    const portfolio = page.getByTestId("portfolio-chart-svg");
    await expect(pledge.getByTestId("static-chart")).toBeVisible();
    await expect(portfolio.getByTestId("static-chart")).toBeVisible();
    // Time for a plot that was going to load anyway to have done so.
    await page.waitForTimeout(1000);
    await expect(page.locator("svg.recharts-surface")).toHaveCount(0);
    const before = scripts.length;

    await pointAtUntil(pledge, pledge.locator("svg.recharts-surface"));
    await expect(pledge.locator("svg.recharts-surface")).toBeVisible();
    await expect(pledge.getByTestId("static-chart")).toHaveCount(0);
    expect(scripts.length, "the plot's script arrives when asked for").toBeGreaterThan(before);
    await expect(portfolio.getByTestId("static-chart")).toBeVisible();
    await expect(portfolio.locator("svg.recharts-surface")).toHaveCount(0);
  });

  test("a keyboard reader who tabs to a chart gets its plot", async ({ page }) => {
    await page.goto("/deals");
    const box = page.getByTestId("chart-deals-per-year").locator(".chart-box");
    await expect(box.getByTestId("static-chart")).toBeVisible();
    await box.focus();
    await expect(box.locator("svg.recharts-surface")).toBeVisible();
  });
});

test.describe("a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("plots a chart as it nears the screen, without being asked: the first drawing would be too small to read", async ({ page }) => {
    await page.goto("/deals");
    const box = page.getByTestId("chart-deals-per-year").locator(".chart-box");
    await box.evaluate((el) => el.scrollIntoView());
    await expect(box.locator("svg.recharts-surface")).toBeVisible();
  });
});
