import type { ConsoleMessage, Locator, Page } from "@playwright/test";

/** /companies/[slug]: the profile, deals, figures, partners, conflicts and sources. */
export class CompanyPage {
  constructor(readonly page: Page) {}

  goto(slug: string) {
    return this.page.goto(`/companies/${slug}`);
  }

  get name(): Locator {
    return this.page.getByTestId("company-name");
  }

  get description(): Locator {
    return this.page.getByTestId("company-description");
  }

  get deals(): Locator {
    return this.page.getByTestId("deal");
  }

  deal(slug: string): Locator {
    return this.page.locator(`[data-testid="deal"][data-slug="${slug}"]`);
  }

  section(id: string): Locator {
    return this.page.getByTestId(`section-${id}`);
  }

  conflict(slug: string): Locator {
    return this.page.locator(`[data-testid="conflict"][data-slug="${slug}"]`);
  }

  get pageSources(): Locator {
    return this.page.getByTestId("page-source");
  }

  /** Opens a SourcesBadge and gives the article titles it lists. */
  async openSources(badge: Locator): Promise<string[]> {
    await badge.locator("summary").click();
    const panel = badge.locator(".sources-panel");
    await panel.waitFor();
    return panel.locator("li > a").allTextContents();
  }

  async pageSourceSlugs(): Promise<string[]> {
    return (await this.pageSources.evaluateAll((els) => els.map((e) => e.getAttribute("data-source") ?? ""))).sort();
  }
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 404: "Not Found" };

/**
 * Navigates to a URL that is meant to answer with an error status and checks the status.
 * Chromium logs the document's own 4xx as a console error; that entry, for that URL, is
 * the point of the test, so it is taken off the fixture's list as it arrives (this
 * listener runs after the fixture's). Any other error still fails the test.
 */
export async function gotoExpectingStatus(page: Page, consoleErrors: string[], url: string, status: number) {
  const expected = `Failed to load resource: the server responded with a status of ${status} (${STATUS_TEXT[status]})`;
  let forgiven = false;
  page.on("console", (message: ConsoleMessage) => {
    if (forgiven || message.type() !== "error" || message.text() !== expected) return;
    let at: URL;
    try {
      at = new URL(message.location().url);
    } catch {
      return;
    }
    if (`${at.pathname}${at.search}` !== url) return;
    const index = consoleErrors.lastIndexOf(expected);
    if (index >= 0) consoleErrors.splice(index, 1);
    forgiven = true;
  });
  const response = await page.goto(url);
  if (response?.status() !== status) throw new Error(`${url} answered ${response?.status()}, expected ${status}`);
  return response;
}
