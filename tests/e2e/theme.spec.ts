import { expect, test } from "./fixtures";
import { PALETTE } from "@/lib/domain/palette";

test("dark mode follows the system setting", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe("rgb(11, 15, 23)");
  await context.close();
});

test("the toggle switches themes and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAttribute("data-theme-choice", "system");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe("rgb(247, 248, 250)");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe("rgb(11, 15, 23)");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "dark");
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

// WCAG 1.4.11 (non-text contrast): a button's fill must differ from the surface it sits on
// by 3:1, or it reads as text, not as a control. In dark mode the primary buttons were a
// near-black fill on a near-black panel (about 1.1:1).
for (const scheme of ["light", "dark"] as const) {
  test(`primary buttons stand out from their surface in ${scheme} mode`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const [path, name] of [["/deals", "Apply"], ["/changes", "Show changes"], ["/portfolio", "Search"]] as const) {
      await page.goto(path);
      const button = page.getByRole("main").getByRole("button", { name, exact: true });
      const ratio = await button.evaluate((el) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const opaque = (e: Element | null): number[] => {
          for (; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c[3] ?? 0) > 0.99) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
        };
        const [a, b] = [lum(opaque(el)), lum(opaque(el.parentElement))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      expect(ratio, `${path} "${name}" against its surface`).toBeGreaterThanOrEqual(3);
    }
    await context.close();
  });
}

// The category colours reach pages through the build's stylesheet (app/palette.css), not as
// a <style> the layout wrote into every page's HTML and RSC payload (10 KB a page).
test("category colours come from the stylesheet in both themes, not from each page's HTML", async ({ browser, request }) => {
  const html = await (await request.get("/search")).text();
  expect(html).not.toContain("--c-layer-basic:");
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto("/search");
    const value = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--c-layer-basic").trim());
    expect(value, scheme).toBe(PALETTE.layer.basic.tone[scheme]);
    await context.close();
  }
});
