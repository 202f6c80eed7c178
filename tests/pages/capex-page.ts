import { expect, type Locator, type Page } from "@playwright/test";
import { pointAtUntil } from "./point-at";

/**
 * The /capex page: toggles, chart and table, addressed by their data-testids. Table rows
 * are keyed by the statement's slug (data-row-id); their cells carry the testids.
 */
export class CapexPage {
  readonly chart: Locator;
  readonly chartSvg: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly plottedRows: Locator;
  readonly chartValues: Locator;
  readonly chartHeadings: Locator;
  readonly caption: Locator;
  readonly rates: Locator;
  readonly conflicts: Locator;
  readonly problems: Locator;
  readonly chartBox: Locator;
  /** The chart's first drawing, the plain SVG sent with the page; one `g[data-row]` per bar. */
  readonly staticChart: Locator;
  readonly toggles: Locator;

  constructor(readonly page: Page) {
    this.chart = page.getByTestId("capex-chart");
    this.chartSvg = page.getByTestId("capex-chart-svg");
    this.table = page.getByTestId("capex-table");
    this.rows = this.table.locator("tbody tr");
    this.plottedRows = this.rows.filter({ has: page.locator('[data-testid="capex-row-value"][data-plotted="true"]') });
    this.chartValues = this.chartSvg.getByTestId("capex-chart-value");
    this.chartHeadings = this.chartSvg.getByTestId("capex-chart-heading");
    this.caption = page.getByTestId("capex-caption");
    this.rates = page.getByTestId("capex-rates");
    this.conflicts = page.getByTestId("capex-conflict");
    this.problems = page.getByTestId("param-problems");
    this.chartBox = page.getByTestId("capex-chart-box");
    this.staticChart = this.chartBox.getByTestId("static-chart");
    this.toggles = page.locator('[data-testid^="toggle-"]');
  }

  /** The strict by-scope chart and its toggles (`?group=scope`), with more parameters from `query` ("?mode=annual"). */
  goto(query = "") {
    const rest = query.replace(/^\?/, "");
    return this.page.goto(`/capex?group=scope${rest ? `&${rest}` : ""}`);
  }

  /** The default view: Alibaba's per-year figure beside each competitor's closest one. */
  gotoComparable(query = "") {
    return this.page.goto(`/capex${query}`);
  }

  get comparableBars(): Locator {
    return this.page.getByTestId("comparable-bar");
  }

  comparableBar(org: string): Locator {
    return this.page.locator(`[data-testid="comparable-bar"][data-org="${org}"]`);
  }

  toggle(param: "group" | "mode" | "currency" | "scope" | "kind", value: string): Locator {
    return this.page.getByTestId(`toggle-${param}-${value}`);
  }

  /** Points at the chart, which asks for the interactive plot, and waits for it to draw its bars. */
  async chartDrawn(count: number) {
    // On a wide screen Recharts loads when the reader points at the chart (use-box-size.ts);
    // on a phone the chart starts below the screen and loads when near.
    await pointAtUntil(this.chartBox, this.chartBox.locator("svg.recharts-surface"));
    await expect(this.chartValues).toHaveCount(count);
  }

  row(slug: string): Locator {
    return this.table.locator(`tbody tr[data-row-id="${slug}"]`);
  }

  chartValue(slug: string): Locator {
    return this.chartSvg.locator(`[data-testid="capex-chart-value"][data-key="${slug}"]`);
  }

  /** slug -> value text, from the table's rows that have a figure. */
  async tableValues(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const row of await this.plottedRows.all()) {
      const slug = (await row.getAttribute("data-row-id"))!;
      out[slug] = (await row.getByTestId("capex-row-value-text").innerText()).trim();
    }
    return out;
  }

  /** Row slugs in the order the table shows them. */
  rowIds(): Promise<string[]> {
    return this.rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row-id") ?? ""));
  }

  /** The shown value behind each row (data-value; "" when no figure), in table order. */
  rowValues(): Promise<(number | null)[]> {
    return this.table
      .getByTestId("capex-row-value")
      .evaluateAll((els) => els.map((el) => (el.getAttribute("data-value") ? Number(el.getAttribute("data-value")) : null)));
  }

  sortButton(column: string): Locator {
    return this.table.getByTestId(`sort-${column}`);
  }

  /** The column header that holds the sort button (it carries aria-sort). */
  sortHeader(column: string): Locator {
    return this.table.locator("th", { has: this.page.getByTestId(`sort-${column}`) });
  }

  /** slug -> bar label text, from the chart's SVG. */
  async chartLabels(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const label of await this.chartValues.all()) {
      out[(await label.getAttribute("data-key"))!] = (await label.textContent())!.trim();
    }
    return out;
  }
}
