import type { Locator, Page } from "@playwright/test";

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

  /** The toolbar above a table or list ("financials", "spending", "deals", "deals-joined") holding its Download CSV. */
  downloadCsv(toolbar: string): Locator {
    return this.page.getByTestId(`${toolbar}-toolbar`).getByTestId("download-csv");
  }

  /** The charts of the financial figures, each a ChartFigure with its table and downloads. */
  get financialCharts(): Locator {
    return this.page.locator('[data-testid^="chart-financial-"]:not([data-testid$="-table"])');
  }

  /** The financial charts' first drawings, plain SVG sent with the page. */
  get staticCharts(): Locator {
    return this.financialCharts.getByTestId("static-chart");
  }

  conflict(slug: string): Locator {
    return this.page.locator(`[data-testid="conflict"][data-slug="${slug}"]`);
  }

  get pageSources(): Locator {
    return this.page.getByTestId("page-source");
  }

  get summary(): Locator {
    return this.page.getByTestId("company-summary");
  }

  get sectionIndex(): Locator {
    return this.page.getByTestId("section-index");
  }

  /** The numbered source links of one figure or row (a figure's sources, each one click away). */
  refs(within: Locator): Locator {
    return within.getByTestId("ref");
  }

  /** The article titles the numbered links inside `within` point to, read from the section lists they target. */
  async citedTitles(within: Locator): Promise<string[]> {
    const hrefs = await this.refs(within).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const titles: string[] = [];
    for (const href of hrefs) {
      const entry = this.page.locator(`[id="${href.replace(/^#/, "")}"][data-testid="section-source"]`);
      titles.push((await entry.locator("a").first().textContent()) ?? "");
    }
    return titles;
  }

  async pageSourceSlugs(): Promise<string[]> {
    return (await this.pageSources.evaluateAll((els) => els.map((e) => e.getAttribute("data-source") ?? ""))).sort();
  }
}

/**
 * Navigates to a URL that is meant to answer with an error status and checks the status.
 * The console fixture already forgives the document's own 400/404 (the point of such a
 * test); any other console error still fails it.
 */
export async function gotoExpectingStatus(page: Page, url: string, status: number) {
  const response = await page.goto(url);
  if (response?.status() !== status) throw new Error(`${url} answered ${response?.status()}, expected ${status}`);
  return response;
}
