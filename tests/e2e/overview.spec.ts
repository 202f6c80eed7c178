import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

test("the overview lists every company of every layer from the database", async ({ page }) => {
  await page.goto("/");
  const n = queryAll<{ n: number }>("SELECT count(*) AS n FROM positions")[0]!.n;
  await expect(page.getByTestId("company-tile")).toHaveCount(n);
  await screenshot(page, "overview");
});
