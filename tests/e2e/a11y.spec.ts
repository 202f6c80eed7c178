import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { PAGE_ROUTES } from "./routes";

const PAGES = [...PAGE_ROUTES, "/search?q=unitree", "/portfolio?view=table", "/companies/tencent", "/companies/no-such-company"];

for (const theme of ["light", "dark"] as const) {
  for (const path of PAGES) {
    test(`axe (WCAG 2.1 AA) finds no violations on ${path} in ${theme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
      expect(summary).toEqual([]);
    });
  }
}
