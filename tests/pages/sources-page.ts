import type { Locator, Page } from "@playwright/test";

/** The /sources page: articles, conflicts between them, exchange rates. */
export class SourcesPage {
  readonly heading: Locator;
  readonly sources: Locator;
  readonly conflicts: Locator;
  readonly fxRates: Locator;
  readonly fxDownload: Locator;
  readonly conflictsDownload: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.sources = page.getByTestId("source");
    this.conflicts = page.getByTestId("conflict");
    this.fxRates = page.getByTestId("fx-rate");
    this.fxDownload = page.getByTestId("fx-rates-toolbar").getByTestId("download-csv");
    this.conflictsDownload = page.getByTestId("conflicts-toolbar").getByTestId("download-csv");
  }

  async goto(hash = ""): Promise<void> {
    await this.page.goto(`/sources${hash}`);
  }

  source(slug: string): Locator {
    return this.page.locator(`[data-testid="source"][data-slug="${slug}"]`);
  }

  conflict(slug: string): Locator {
    return this.page.locator(`[data-testid="conflict"][data-slug="${slug}"]`);
  }
}
