import { type Locator, expect } from "@playwright/test";

/**
 * Points at a chart until its interactive plot shows. A chart asks for the plot on the
 * first pointer move over it (components/charts/use-box-size.ts), and a move made before
 * the page has hydrated is not heard: move again, a few pixels further each time.
 */
export async function pointAtUntil(target: Locator, shown: Locator): Promise<void> {
  let step = 0;
  await expect(async () => {
    step += 1;
    await target.hover({ position: { x: 10 + step * 3, y: 10 + step * 2 } });
    await expect(shown.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
