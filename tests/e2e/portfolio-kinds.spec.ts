import { queryAll } from "./db";
import { expect, test } from "./fixtures";

test("the map says what it holds, each organisation once, with the overview's count of holdings", async ({ page }) => {
  await page.goto("/");
  const holdings = await page.getByTestId("stat-layers-total").getAttribute("data-count");
  await page.goto("/portfolio");
  const line = page.getByTestId("map-kinds");
  const organisations = queryAll<{ n: number }>("SELECT count(DISTINCT organization_id) AS n FROM positions")[0]!.n;
  await expect(line).toHaveAttribute("data-total", String(organisations));
  await expect(line).toHaveAttribute("data-holdings", holdings!);
  await expect(line).toContainText(`${holdings} compan`);
});
