import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { metricLabel } from "@/lib/domain/figures";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS, LAYER_LABELS, RELATIONSHIP_LABELS, STATUS_LABELS, segmentLabel } from "@/lib/domain/words";
import type { DealKind, DealStatus, Layer, PositionStatus, Relationship } from "@/lib/domain/vocabulary";
import { CompanyPage } from "../pages/company-page";
import { DealsPage } from "../pages/deals-page";
import { PortfolioPage } from "../pages/portfolio-page";
import { SourcesPage } from "../pages/sources-page";
import { queryAll } from "./db";
import { expect, screenshot, test } from "./fixtures";

/**
 * Downloads on /portfolio, /companies/[slug], /deals and /sources: each CSV is read back
 * and compared with the database and with the table on screen; chart images carry their
 * title, sources and date; the tables beside charts sort.
 */

type Row = Record<string, string>;

const DATA_AS_OF = () => queryAll<{ value: string }>("SELECT value FROM meta WHERE key = 'data_as_of'")[0]!.value;

/** Clicks a download control and gives the file's name and text. */
async function download(page: Page, control: Locator): Promise<{ filename: string; text: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), control.click()]);
  const bytes = readFileSync((await file.path())!);
  return { filename: file.suggestedFilename(), text: bytes.toString("utf8"), bytes };
}

/** Downloads a CSV, parses it and checks what every download owes its reader: sources and the date. */
async function downloadCsv(page: Page, control: Locator): Promise<{ filename: string; rows: Row[] }> {
  const { filename, text } = await download(page, control);
  const dataAsOf = DATA_AS_OF();
  expect(filename).toMatch(/\.csv$/);
  expect(filename).toContain(dataAsOf);
  const rows = parse(text, { columns: true, bom: true }) as Row[];
  for (const [i, r] of rows.entries()) {
    expect(r.sources?.trim(), `row ${i + 1} names its sources`).toBeTruthy();
    expect(r.data_as_of, `row ${i + 1} carries the data date`).toBe(dataAsOf);
  }
  return { filename, rows };
}

/** A CSV number cell as the number it holds; an empty cell is null. */
const num = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell));

async function checkChartImages(page: Page, figure: Locator, title: string) {
  const svg = await download(page, figure.getByTestId("download-svg"));
  expect(svg.filename).toMatch(/\.svg$/);
  expect(svg.filename).toContain(DATA_AS_OF());
  // The SVG is XML: an ampersand in the title is written as an entity.
  expect(svg.text).toContain(title.replace(/&/g, "&amp;"));
  expect(svg.text).toContain("Sources:");
  expect(svg.text).toContain(DATA_AS_OF());
  const png = await download(page, figure.getByTestId("download-png"));
  expect(png.filename).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
}

/** Sorts a table by a numeric column twice and checks ascending, then descending order. */
async function checkNumericSort(table: Locator, key: string, read: (table: Locator) => Promise<number[]>) {
  const header = table.getByTestId(`sort-${key}`);
  const th = table.locator(`th:has([data-testid="sort-${key}"])`);
  await header.click();
  await expect(th).toHaveAttribute("aria-sort", "ascending");
  const up = await read(table);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await header.click();
  await expect(th).toHaveAttribute("aria-sort", "descending");
  const down = await read(table);
  expect(down).toEqual([...up].sort((a, b) => b - a));
}

test.describe("/portfolio", () => {
  type Position = { slug: string; name: string; layer: Layer; segment: string; relationship: Relationship; status: PositionStatus; since: string | null; deals: number };
  const selection = (where: string) =>
    queryAll<Position>(
      `SELECT o.slug, o.name, p.layer, p.segment, p.relationship, p.status, p.since,
              (SELECT count(*) FROM deals d WHERE d.organization_id = o.id) AS deals
       FROM positions p JOIN organizations o ON o.id = p.organization_id JOIN layers l ON l.slug = p.layer
       WHERE ${where} ORDER BY l.sort_order, p.segment, o.name`,
    );

  test("the table view's CSV holds the filtered selection, as the table shows it", async ({ page }) => {
    const portfolio = new PortfolioPage(page);
    await portfolio.goto("?view=table&layer=technology");
    const expected = selection("p.layer = 'technology'");
    const { filename, rows } = await downloadCsv(page, portfolio.downloadCsv);
    expect(filename).toContain("technology");

    expect(rows.map((r) => r.slug)).toEqual(expected.map((p) => p.slug));
    for (const [i, p] of expected.entries()) {
      const r = rows[i]!;
      expect(r.name).toBe(p.name);
      expect(r.layer).toBe(LAYER_LABELS[p.layer]);
      expect(r.segment).toBe(segmentLabel(p.segment));
      expect(r.relationship).toBe(RELATIONSHIP_LABELS[p.relationship]);
      expect(r.status).toBe(STATUS_LABELS[p.status]);
      expect(r.since).toBe(p.since ?? "");
      expect(num(r.deals)).toBe(p.deals);
    }

    // The same rows as on screen, in the same order, with the same names and deal counts.
    const shown = await portfolio.rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-slug"), tr.querySelector("th a")?.textContent, tr.querySelector("td.num")?.textContent]),
    );
    expect(shown).toEqual(rows.map((r) => [r.slug, r.name, r.deals]));
    await screenshot(page, "downloads-portfolio-table");
  });

  test("the map view offers the same CSV: every company of the selection", async ({ page }) => {
    const portfolio = new PortfolioPage(page);
    await portfolio.goto("?status=active");
    await expect(portfolio.map).toBeVisible();
    const { rows } = await downloadCsv(page, portfolio.downloadCsv);
    expect(rows.map((r) => r.slug)).toEqual(selection("p.status = 'active'").map((p) => p.slug));
    expect(rows.map((r) => r.slug).sort()).toEqual(await portfolio.tileSlugs());
    await screenshot(page, "downloads-portfolio-map");
  });

  test("the CSV link refuses filters it cannot read, like the page", async ({ request }) => {
    const res = await request.get("/portfolio/download?layer=roof");
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain("layer");
  });
});

test.describe("/companies/[slug]", () => {
  // Alibaba has figures drawn as a chart, spending statements and deals it took part in.
  const SLUG = "alibaba";

  test("the financial figures, their chart and the spending table download as shown", async ({ page }) => {
    const figures = queryAll<{ slug: string; metric: string; period_label: string; value: number; unit: string; qualifier: string }>(
      `SELECT f.slug, f.metric, f.period_label, f.value, f.unit, f.qualifier FROM financials f JOIN organizations o ON o.id = f.organization_id
       WHERE o.slug = ? ORDER BY f.metric, f.period_end, f.id`,
      SLUG,
    );
    test.skip(figures.length === 0, "no financial figures");
    const company = new CompanyPage(page);
    await company.goto(SLUG);

    const { rows } = await downloadCsv(page, company.downloadCsv("financials"));
    expect(rows).toHaveLength(figures.length);
    expect(rows.map((r) => [r.period, num(r.value), r.unit, r.qualifier])).toEqual(figures.map((f) => [f.period_label, f.value, f.unit, f.qualifier]));
    const shownPeriods = await page.getByTestId("financial-row").evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")?.textContent));
    expect(shownPeriods).toEqual(rows.map((r) => r.period));

    // Each chart: its CSV is its bars, its table sorts, its images carry title, sources and date.
    // Alibaba's figures are one day's share-price readings, which are listed, not drawn.
    const charts = company.financialCharts;
    await expect(page.getByTestId("financials-not-charted")).toContainText(/single day/);
    for (const chart of await charts.all()) {
      const title = (await chart.getByRole("heading").textContent())!;
      const chartCsv = await downloadCsv(page, chart.getByTestId("download-csv"));
      // The chart draws every figure of one metric in one unit, in the table's order.
      const drawn = figures.filter((f) => metricLabel(f.metric) === chartCsv.rows[0]?.metric && f.unit === chartCsv.rows[0]?.unit);
      expect(drawn.length).toBeGreaterThanOrEqual(2);
      expect(chartCsv.rows.map((r) => [r.period, num(r.value), r.unit, r.qualifier])).toEqual(drawn.map((f) => [f.period_label, f.value, f.unit, f.qualifier]));
      await chart.locator("summary", { hasText: "Show the numbers as a table" }).click();
      const table = chart.locator("table");
      await expect(table.locator("tbody tr")).toHaveCount(chartCsv.rows.length);
      const readValues = async (t: Locator) => {
        const slugs = await t.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row-id")!));
        return slugs.map((s) => figures.find((f) => f.slug === s)!.value);
      };
      await checkNumericSort(table, "value", readValues);
      await checkChartImages(page, chart, title);
    }
    await screenshot(page, "downloads-company-financials");

    const spending = queryAll<{ period_label: string; amount: number | null; currency: string | null; qualifier: string }>(
      `SELECT s.period_label, s.amount, s.currency, s.qualifier FROM spending s JOIN organizations o ON o.id = s.organization_id
       WHERE o.slug = ? ORDER BY s.period_start, s.id`,
      SLUG,
    );
    const spendingCsv = await downloadCsv(page, company.downloadCsv("spending"));
    expect(spendingCsv.rows.map((r) => [r.period, num(r.amount), r.currency || null])).toEqual(spending.map((s) => [s.period_label, s.amount, s.currency]));
    await expect(page.getByTestId("spending-row")).toHaveCount(spendingCsv.rows.length);
  });

  test("each deal list downloads its deals with amounts as numbers and their sources", async ({ page }) => {
    type Deal = { slug: string; amount: number | null; currency: string | null; kind: DealKind; status: DealStatus; date: string | null; investor: string };
    const dealsOf = (where: string, ...params: string[]) =>
      queryAll<Deal>(
        `SELECT d.slug, d.amount, d.currency, d.kind, d.status, d.date, i.name AS investor
         FROM deals d JOIN organizations o ON o.id = d.organization_id JOIN organizations i ON i.id = d.investor_id
         WHERE ${where} ORDER BY d.sort_date IS NULL, d.sort_date, d.id`,
        ...params,
      );
    const check = (rows: Row[], expected: Deal[]) => {
      expect(rows.map((r) => r.deal)).toEqual(expected.map((d) => d.slug));
      for (const [i, d] of expected.entries()) {
        const r = rows[i]!;
        expect([num(r.amount), r.currency || null, r.kind, r.status, r.date || null, r.investor]).toEqual([
          d.amount,
          d.amount === null ? null : d.currency,
          DEAL_KIND_LABELS[d.kind],
          DEAL_STATUS_LABELS[d.status],
          d.date,
          d.investor,
        ]);
      }
    };
    const company = new CompanyPage(page);

    // The company with the most deals of its own.
    const [top] = queryAll<{ slug: string }>(
      "SELECT o.slug FROM deals d JOIN organizations o ON o.id = d.organization_id GROUP BY o.id ORDER BY count(*) DESC, o.slug LIMIT 1",
    );
    await company.goto(top!.slug);
    const own = await downloadCsv(page, company.downloadCsv("deals"));
    check(own.rows, dealsOf("o.slug = ?", top!.slug));
    expect(own.rows.map((r) => r.deal)).toEqual(await company.section("deals").getByTestId("deal").evaluateAll((els) => els.map((e) => e.getAttribute("data-slug"))));

    // Deals Alibaba joined as investor or co-investor, with the part it played.
    await company.goto(SLUG);
    const joined = await downloadCsv(page, company.downloadCsv("deals-joined"));
    const expected = dealsOf(
      "(d.investor_id = (SELECT id FROM organizations WHERE slug = ?) OR d.id IN (SELECT deal_id FROM deal_co_investors WHERE organization_id = (SELECT id FROM organizations WHERE slug = ?)))",
      SLUG,
      SLUG,
    );
    check(joined.rows, expected.slice(0, joined.rows.length));
    expect(joined.rows.every((r) => r.role === "As investor" || r.role === "As co-investor")).toBe(true);
    await expect(company.section("deals-joined").getByTestId("deal")).toHaveCount(joined.rows.length);
  });
});

test.describe("/deals", () => {
  test("the timeline's CSV holds every deal the filters match, in timeline order", async ({ page }) => {
    const expected = queryAll<{ slug: string; amount: number | null; currency: string | null; qualifier: string; stake: number | null; co: string | null; terms: string | null; date: string | null; precision: string }>(
      `SELECT d.slug, d.amount, d.currency, d.qualifier, d.stake_percent AS stake, d.date, d.date_precision AS precision,
              (SELECT group_concat(name, '; ') FROM (SELECT o2.name FROM deal_co_investors c JOIN organizations o2 ON o2.id = c.organization_id WHERE c.deal_id = d.id ORDER BY o2.name)) AS co,
              (SELECT group_concat(term, '; ') FROM (SELECT term FROM deal_terms t WHERE t.deal_id = d.id ORDER BY t.sort_order)) AS terms
       FROM deals d WHERE d.kind = 'equity-investment' ORDER BY d.sort_date IS NULL, d.sort_date, d.id`,
    );
    const deals = new DealsPage(page);
    await deals.goto("kind=equity-investment");
    const { filename, rows } = await downloadCsv(page, deals.timelineDownload);
    expect(filename).toContain("equity-investment");
    expect(rows).toHaveLength(await deals.statedCount());
    expect(rows.map((r) => [r.deal, num(r.amount), r.currency || null, num(r.stake_percent), r.co_investors || null, r.terms || null, r.date || null, r.precision])).toEqual(
      expected.map((d) => [d.slug, d.amount, d.amount === null ? null : d.currency, d.stake, d.co, d.terms, d.date, d.precision]),
    );
    // Not only the page on screen: every page of the selection.
    expect(rows.map((r) => r.deal)).toEqual(await deals.allSlugs());
    await screenshot(page, "downloads-deals");
  });

  test("the deals-per-year chart: CSV and table match the counts, the table sorts, images carry their sources", async ({ page }) => {
    const counts = queryAll<{ y: string; n: number }>("SELECT substr(sort_date, 1, 4) AS y, count(*) AS n FROM deals WHERE sort_date IS NOT NULL GROUP BY y");
    const byYear = new Map(counts.map((r) => [Number(r.y), r.n]));
    const deals = new DealsPage(page);
    await deals.goto();
    const { rows } = await downloadCsv(page, deals.chart.getByTestId("download-csv"));
    for (const r of rows) expect(num(r["total (deals)"]), r.year).toBe(byYear.get(Number(r.year)) ?? 0);
    expect(rows.reduce((a, r) => a + num(r["total (deals)"])!, 0)).toBe(counts.reduce((a, r) => a + r.n, 0));

    await deals.chart.locator("summary", { hasText: "Show the numbers as a table" }).click();
    const readTotals = (t: Locator) => t.getByTestId("year-total").evaluateAll((els) => els.map((e) => Number(e.textContent)));
    const readYears = (t: Locator) => t.getByTestId("year").evaluateAll((els) => els.map((e) => Number(e.textContent)));
    // The table shows the CSV's rows.
    expect(await readYears(deals.chartTable)).toEqual(rows.map((r) => Number(r.year)));
    expect(await readTotals(deals.chartTable)).toEqual(rows.map((r) => num(r["total (deals)"])));
    await checkNumericSort(deals.chartTable, "total", readTotals);
    await checkChartImages(page, deals.chart, "Deals per year, by kind");
    await screenshot(page, "downloads-deals-chart");
  });

  test("the chart is reachable by keyboard", async ({ page }) => {
    const deals = new DealsPage(page);
    await deals.goto();
    const box = deals.chart.locator(".chart-box");
    // In the tab order: from the focusable element just before it, one Tab reaches it (the
    // filters before it hold well over a hundred links, too many to tab through one by one).
    expect(await box.evaluate((el) => (el as HTMLElement).tabIndex)).toBe(0);
    await box.evaluate((el) => {
      const focusable = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, summary, [tabindex]")].filter(
        (e) => e.tabIndex >= 0 && !e.hasAttribute("disabled") && e.getClientRects().length > 0,
      );
      focusable[focusable.indexOf(el as HTMLElement) - 1]!.focus();
    });
    await page.keyboard.press("Tab");
    await expect(box).toBeFocused();
    await expect(box).toHaveAccessibleDescription(/dated deals/);
  });
});

test.describe("/sources", () => {
  test("the exchange rates download with their sources", async ({ page }) => {
    const rates = queryAll<{ currency: string; per_usd: number; as_of: string; is_default: number }>("SELECT currency, per_usd, as_of, is_default FROM fx_rates ORDER BY currency, id");
    const sources = new SourcesPage(page);
    await sources.goto("#fx-rates");
    const { rows } = await downloadCsv(page, sources.fxDownload);
    expect(rows.map((r) => [r.currency, num(r.per_usd), r.as_of, r.used_for_conversions])).toEqual(
      rates.map((r) => [r.currency, r.per_usd, r.as_of, r.is_default ? "yes" : "no"]),
    );
    const shown = await sources.fxRates.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-currency"), tr.getAttribute("data-default")]));
    expect(shown).toEqual(rows.map((r) => [r.currency, r.used_for_conversions === "yes" ? "true" : "false"]));
  });

  test("the conflicts download as one row per claim, each with its source and paragraph", async ({ page }) => {
    const claims = queryAll<{ conflict: string; topic: string; value: string; title: string; locator: string; preferred: number }>(
      `SELECT c.slug AS conflict, c.topic, k.value_text AS value, s.title, k.locator, k.is_preferred AS preferred
       FROM claims k JOIN conflicts c ON c.id = k.conflict_id JOIN sources s ON s.id = k.source_id ORDER BY c.id, k.id`,
    );
    const sources = new SourcesPage(page);
    await sources.goto("#conflicts");
    const { rows } = await downloadCsv(page, sources.conflictsDownload);
    expect(rows.map((r) => [r.conflict, r.topic, r.claim_value, r.source, r.locator, r.preferred])).toEqual(
      claims.map((k) => [k.conflict, k.topic, k.value, k.title, k.locator, k.preferred ? "yes" : "no"]),
    );
    // The page shows the same claims in the same order.
    const shown = await page.getByTestId("claim").evaluateAll((els) =>
      els.map((e) => [e.closest("[data-testid=conflict]")?.getAttribute("data-slug"), e.querySelector("[data-testid=claim-value]")?.textContent, e.getAttribute("data-preferred")]),
    );
    expect(shown).toEqual(rows.map((r) => [r.conflict, r.claim_value, r.preferred === "yes" ? "true" : "false"]));
    await screenshot(page, "downloads-sources");
  });
});
