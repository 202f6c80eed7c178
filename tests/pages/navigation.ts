import type { Locator, Page } from "@playwright/test";

export const NAV_ITEMS = [
  { label: "Overview", path: "/" },
  { label: "Portfolio", path: "/portfolio" },
  { label: "Capex", path: "/capex" },
  { label: "Deals", path: "/deals" },
  { label: "Sources", path: "/sources" },
] as const;

/** The site header's main navigation and the footer's data-as-of line. */
export class Navigation {
  readonly nav: Locator;
  readonly dataAsOf: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.dataAsOf = page.getByTestId("data-as-of");
  }

  link(label: string): Locator {
    return this.page.getByTestId(`nav-${label.toLowerCase()}`);
  }

  current(): Locator {
    return this.nav.locator('a[aria-current="page"]');
  }

  async dataAsOfDate(): Promise<string | null> {
    return this.dataAsOf.locator("time").getAttribute("datetime");
  }
}
