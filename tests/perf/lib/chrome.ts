/** The browser every perf tool drives: Debian's Chromium (Playwright cannot download one here). */
export const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
/** Headless, no sandbox (root in a container), and none of the background traffic that would land in a trace. */
export const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
