import { NAV_ITEMS, Navigation } from "../pages/navigation";
import { queryAll } from "./db";
import { expect, test } from "./fixtures";

test("each header link opens its page, marks itself current and the footer dates the data", async ({ page }) => {
  const newest = queryAll<{ d: string | null }>("SELECT max(published_date) AS d FROM sources")[0]!.d;
  const nav = new Navigation(page);
  await page.goto("/");
  for (const item of NAV_ITEMS) {
    await nav.link(item.label).click();
    await expect(page).toHaveURL((url) => url.pathname === item.path);
    await expect(nav.current()).toHaveCount(1);
    await expect(nav.current()).toHaveText(item.label);
    await expect(nav.link(item.label)).toHaveAttribute("aria-current", "page");
    // Every page names itself in one top-level heading.
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
    if (item.path === "/deals") await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deals");
    if (item.path === "/sources") await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sources");
    if (newest) await expect(nav.dataAsOf.locator("time")).toHaveAttribute("datetime", newest);
    else await expect(nav.dataAsOf).toContainText("unknown");
  }
});

test("a deep link keeps its section's nav item current", async ({ page }) => {
  const nav = new Navigation(page);
  await page.goto("/deals?status=denied");
  await expect(nav.current()).toHaveText("Deals");
  await page.goto("/sources#conflicts");
  await expect(nav.current()).toHaveText("Sources");
});

test("the header navigation fits a phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const nav = new Navigation(page);
  await page.goto("/");
  for (const item of NAV_ITEMS) {
    await expect(nav.link(item.label)).toBeVisible();
    const box = (await nav.link(item.label).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
});

/** Requests the App Router makes for a page's RSC payload (navigations and prefetches). */
function isRscRequest(url: string, headers: Record<string, string>): boolean {
  return new URL(url).searchParams.has("_rsc") || headers["rsc"] === "1";
}

test("a page view fetches no other page in advance; a header link fetches its page once, on the click", async ({ page }) => {
  const rsc: string[] = [];
  page.on("request", (r) => {
    if (isRscRequest(r.url(), r.headers())) rsc.push(new URL(r.url()).pathname);
  });
  const nav = new Navigation(page);
  for (const path of ["/", "/portfolio", "/deals", "/companies/unitree", "/sources"]) {
    await page.goto(path, { waitUntil: "load" });
    // The router prefetched links in view right after hydration; give it time to.
    await page.waitForTimeout(1500);
  }
  expect(rsc, "prefetches of links in view (components/app-link.tsx)").toEqual([]);

  await nav.link("Capex").hover();
  await page.waitForTimeout(300);
  expect(rsc, "prefetch on hover").toEqual([]);
  await nav.link("Capex").click();
  await expect(page).toHaveURL((url) => url.pathname === "/capex");
  await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
  expect(rsc).toEqual(["/capex"]);
});
