import type { Locator, Page } from "@playwright/test";

/** /portfolio as a test sees it: tiles, rows, filters, the count and the view toggle. */
export class PortfolioPage {
  constructor(readonly page: Page) {}

  goto(query = "") {
    return this.page.goto(`/portfolio${query}`);
  }

  get map(): Locator {
    return this.page.getByTestId("portfolio-map");
  }

  get table(): Locator {
    return this.page.getByTestId("portfolio-table");
  }

  get tiles(): Locator {
    return this.page.getByTestId("company-tile");
  }

  get rows(): Locator {
    return this.page.getByTestId("company-row");
  }

  /** "Download CSV" of the whole selection (both views offer it). */
  get downloadCsv(): Locator {
    return this.page.getByTestId("download-csv");
  }

  get emptyState(): Locator {
    return this.page.getByTestId("empty-state");
  }

  get paramProblems(): Locator {
    return this.page.getByTestId("param-problems");
  }

  band(layer: string): Locator {
    return this.page.getByTestId(`band-${layer}`);
  }

  tile(slug: string): Locator {
    return this.page.locator(`[data-testid="company-tile"][data-slug="${slug}"]`);
  }

  async tileSlugs(): Promise<string[]> {
    return (await this.tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug") ?? ""))).sort();
  }

  async rowSlugs(): Promise<string[]> {
    return (await this.rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug") ?? ""))).sort();
  }

  /** The "N companies" figure, read from its data attribute and checked against its text. */
  async resultCount(): Promise<number> {
    const el = this.page.getByTestId("result-count");
    const n = Number(await el.getAttribute("data-count"));
    const text = (await el.textContent()) ?? "";
    if (!text.startsWith(`${n} `)) throw new Error(`result count text "${text}" does not start with ${n}`);
    return n;
  }

  facetLink(param: string, value: string): Locator {
    return this.page.getByTestId(`filter-${param}`).locator(`a[data-value="${value}"]`);
  }

  /** Every option of a filter with the count it shows. */
  async facetCounts(param: string): Promise<Record<string, number>> {
    const pairs = await this.page
      .getByTestId(`filter-${param}`)
      .locator("a[data-value]")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-value") ?? "", e.querySelector(".count")?.textContent ?? ""] as const));
    return Object.fromEntries(pairs.map(([v, text]) => [v, Number(text.replace(/[()]/g, ""))]));
  }

  async chooseFacet(param: string, value: string) {
    await this.facetLink(param, value).click();
    await this.page.waitForURL((url) => url.searchParams.get(param) === value);
  }

  async search(text: string) {
    await this.page.getByRole("main").getByRole("searchbox").fill(text);
    await this.page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await this.page.waitForURL((url) => url.searchParams.get("q") === text);
  }

  async showTable() {
    await this.page.getByTestId("view-toggle").getByRole("link", { name: "Table" }).click();
    await this.page.waitForURL((url) => url.searchParams.get("view") === "table");
    await this.table.waitFor();
  }
}
