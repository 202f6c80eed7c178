import type { Locator, Page, Response } from "@playwright/test";
import { pointAtUntil } from "./point-at";

/** The /deals timeline: filters, count, the deal cards and the pages through them. */
export class DealsPage {
  readonly heading: Locator;
  readonly count: Locator;
  readonly deals: Locator;
  readonly years: Locator;
  readonly problems: Locator;
  readonly nextPage: Locator;
  readonly chart: Locator;
  readonly chartTable: Locator;
  /** "Download CSV" of every deal the filters match, beside the count. */
  readonly timelineDownload: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.count = page.getByTestId("deal-count");
    this.deals = page.getByTestId("deal");
    this.years = page.getByTestId("deal-year");
    this.problems = page.getByTestId("param-problems");
    this.nextPage = page.getByTestId("page-next");
    this.chart = page.getByTestId("chart-deals-per-year");
    this.chartTable = page.getByTestId("deals-per-year-table");
    this.timelineDownload = page.getByTestId("deal-summary").getByTestId("download-csv");
  }

  async goto(query = ""): Promise<Response | null> {
    return this.page.goto(`/deals${query ? `?${query.replace(/^\?/, "")}` : ""}`);
  }

  /** Points at the per-year chart, which asks for its interactive plot (use-box-size.ts), and returns the chart. */
  async pointAtChart(): Promise<Locator> {
    const box = this.chart.locator(".chart-box");
    await pointAtUntil(box, box.locator("svg.recharts-surface"));
    return this.chart;
  }

  deal(slug: string): Locator {
    return this.page.locator(`[data-testid="deal"][data-slug="${slug}"]`);
  }

  /** The number the page states above the timeline. */
  async statedCount(): Promise<number> {
    return Number(await this.count.getAttribute("data-count"));
  }

  async slugsOnPage(): Promise<string[]> {
    return this.deals.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug") ?? ""));
  }

  /** Every deal slug across all pages, in the order shown, by following "Next". */
  async allSlugs(): Promise<string[]> {
    const slugs = await this.slugsOnPage();
    while (await this.nextPage.count()) {
      await this.nextPage.click();
      await this.page.waitForLoadState("load");
      slugs.push(...(await this.slugsOnPage()));
    }
    return slugs;
  }

  facet(param: "layer" | "kind" | "status", value: string): Locator {
    return this.page.getByTestId(`filter-${param}`).locator(`a[data-value="${value}"]`);
  }

  async setYearRange(from: number | "", to: number | ""): Promise<void> {
    await this.page.getByTestId("from-year").selectOption(String(from));
    await this.page.getByTestId("to-year").selectOption(String(to));
    await Promise.all([this.page.waitForURL(/\/deals/), this.page.getByRole("button", { name: "Apply" }).click()]);
  }
}
