import { test as base, expect } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

export const SCREENSHOT_DIR = path.join(__dirname, "screenshots");

/**
 * Every test fails on a console error or an uncaught page error: a page that logs an
 * error is broken even when it looks right.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        // A page that is meant to answer 400 or 404 (a bad filter, an unknown company) makes
        // the browser log its own document's status; that is the test's subject, not a fault.
        const isOwnDocument = msg.location().url === page.url();
        if (isOwnDocument && /status of 40[04]/.test(msg.text())) return;
        errors.push(`${msg.text()} (${msg.location().url})`);
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

/** Full-page screenshot into the git-ignored screenshots folder, for a person to look at. */
export async function screenshot(page: import("@playwright/test").Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export { expect };
