import type { Locator, Page } from "@playwright/test";
import { pointAtUntil } from "./point-at";

/** The overview: headline figures, three charts with tables, recent deals. */
export class OverviewPage {
  readonly figures: Locator;
  readonly pledge: Locator;
  readonly reported: Locator;
  readonly layers: Locator;
  readonly listings: Locator;
  readonly recentDeals: Locator;
  readonly recentDealsDownload: Locator;

  constructor(readonly page: Page) {
    this.figures = page.getByTestId("headline-figures");
    this.pledge = page.getByTestId("stat-pledge");
    this.reported = page.getByTestId("stat-reported");
    this.layers = page.getByTestId("stat-layer");
    this.listings = page.getByTestId("stat-listings");
    this.recentDeals = page.getByTestId("recent-deal");
    this.recentDealsDownload = page.getByTestId("recent-deals-downloads").getByTestId("download-csv");
  }

  goto() {
    return this.page.goto("/");
  }

  chart(id: "pledge" | "portfolio" | "competitors"): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  chartSvg(id: "pledge" | "portfolio" | "competitors"): Locator {
    return this.page.getByTestId(`${id}-chart-svg`).locator("svg.recharts-surface");
  }

  /** The chart's first drawing, the plain SVG sent with the page (before Recharts, or without JavaScript). */
  staticChart(id: "pledge" | "portfolio" | "competitors"): Locator {
    return this.chart(id).getByTestId("static-chart");
  }

  /**
   * Scrolls to the chart and points at it, then returns its interactive plot: on a wide
   * screen the plot loads when the reader points at the chart (use-box-size.ts).
   */
  async scrollToChart(id: "pledge" | "portfolio" | "competitors"): Promise<Locator> {
    const box = this.page.getByTestId(`${id}-chart-svg`);
    await pointAtUntil(box, box.locator("svg.recharts-surface"));
    return this.chartSvg(id);
  }

  /** The chart's download buttons: "csv", "svg" or "png". */
  download(id: "pledge" | "portfolio" | "competitors", kind: "csv" | "svg" | "png"): Locator {
    return this.chart(id).getByTestId(`download-${kind}`);
  }

  /** Opens the chart's "show the numbers" disclosure and returns its table. */
  async chartTable(id: "pledge" | "portfolio" | "competitors"): Promise<Locator> {
    const details = this.page.getByTestId(`chart-${id}-table`);
    await details.locator(":scope > summary").click();
    return details.locator("table").first();
  }
}
