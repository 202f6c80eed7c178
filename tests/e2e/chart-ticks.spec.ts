import type { Browser, Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { pointAtUntil } from "../pages/point-at";

/**
 * Every chart is drawn twice: plain SVG with the page, then the Recharts plot once scripts
 * run. Both take their value axis from one tick function (lib/domain/axis-ticks.ts, whose
 * round steps are unit-tested), so the axis a reader sees does not change when the plot
 * arrives, and it is the same with scripts off.
 */
// The pages that draw SVG charts (/capex draws its bars in HTML; the company pages chart a
// metric only when its periods are comparable, which no company's figures are today).
const PAGES = ["/", "/deals", "/deals?kind=equity-investment"];

async function staticTicks(browser: Browser, path: string): Promise<string[][]> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  const ticks = await page.locator(".chart-box").evaluateAll((boxes) =>
    boxes.map((box) => [...box.querySelectorAll(".static-chart-grid text")].map((t) => t.textContent ?? "")),
  );
  await context.close();
  return ticks;
}

/**
 * The tick labels of each Recharts axis in a chart box (one of them is the category axis),
 * grouped by the axis's side: Recharts 3 draws every label in its own layer, outside the axis.
 */
function axisTicks(box: Locator): Promise<string[][]> {
  return box.evaluate((el) => {
    const sides = new Map<string, string[]>();
    for (const t of el.querySelectorAll("svg.recharts-surface .recharts-cartesian-axis-tick-value")) {
      const side = t.getAttribute("orientation") ?? "";
      sides.set(side, [...(sides.get(side) ?? []), t.textContent ?? ""]);
    }
    return [...sides.values()];
  });
}

for (const path of PAGES) {
  test(`${path}: the plot's value axis keeps the first drawing's round ticks`, async ({ page, browser }) => {
    test.setTimeout(60_000);
    const first = await staticTicks(browser, path);
    expect(first.length, "charts on the page").toBeGreaterThan(0);
    await page.goto(path);
    const boxes = page.locator(".chart-box");
    await expect(boxes).toHaveCount(first.length);
    for (const [i, ticks] of first.entries()) {
      expect(ticks.length, `chart ${i}: at least three ticks`).toBeGreaterThanOrEqual(3);
      const box = boxes.nth(i);
      // On a wide screen the plot loads when the reader points at the chart.
      await pointAtUntil(box, box.locator("svg.recharts-surface"));
      // Recharts may skip every other tick where labels would touch (a narrow box), so the
      // plot's value axis shows the first drawing's ticks or an evenly thinned part of them,
      // always ending at the same round maximum.
      await expect
        .poll(
          async () =>
            (await axisTicks(box)).some(
              (axis) => axis.length >= 2 && axis.every((t) => ticks.includes(t)) && axis.at(-1) === ticks.at(-1),
            ),
          { message: `chart ${i}: one axis of the plot shows ticks from ${ticks.join(", ")}`, timeout: 15_000 },
        )
        .toBe(true);
    }
  });
}
