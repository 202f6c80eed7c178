import type { Page } from "@playwright/test";

export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Searches from the box in the navigation bar, as a visitor would. */
  async searchFromNav(q: string) {
    await this.page.getByTestId("nav-search").getByRole("searchbox").fill(q);
    await this.page.getByTestId("nav-search").getByRole("button", { name: "Search" }).click();
    await this.page.waitForURL(/\/search\?q=/);
  }

  hits(group: "organizations" | "deals" | "sources") {
    return this.page.getByTestId(`search-${group}`).getByTestId("search-hit");
  }

  corrected() {
    return this.page.getByTestId("search-corrected");
  }
}
