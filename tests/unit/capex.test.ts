import { describe, expect, it } from "vitest";
import { capexChartItems, capexChartSummary, capexLabelLines, capexRows, capexSelection, formatCapexShort, formatCapexValue, formatStated, groupByScope, perYearNote, pledgeContext, rateUsedLabel, ratesUsed } from "../../lib/views/capex";
import { capexCsv, capexDownloadName } from "../../lib/views/csv/capex";
import type { FxRate } from "../../lib/domain/money";
import type { SpendingView } from "../../lib/db/queries/spending";
import type { Currency, Qualifier, SpendingKind, SpendingScope } from "../../lib/domain/vocabulary";

// Synthetic rows and rates: the arithmetic is checked on round numbers, not on the dataset.
function rate(currency: Currency, perUsd: number, extra: Partial<FxRate> = {}): FxRate {
  return { currency, perUsd, asOf: "2025-01-01", basis: "implied-by-source", sources: [], isDefault: false, note: "test", ...extra };
}

// The non-default CNY rate comes first so the default has to be looked for.
const FX: FxRate[] = [
  rate("CNY", 10, { basis: "headline-implied" }),
  rate("CNY", 8, { isDefault: true }),
  rate("GBP", 0.5, { isDefault: true, basis: "reference" }),
];

let nextId = 1;
function spend(p: {
  org?: string;
  kind?: SpendingKind;
  scope?: SpendingScope;
  start: string;
  end: string;
  amount: number | null;
  currency: Currency | null;
  qualifier?: Qualifier;
}): SpendingView {
  const id = nextId++;
  const org = p.org ?? "alibaba";
  return {
    id,
    slug: `${org}-${id}`,
    organization: { slug: org, name: org === "alibaba" ? "Alibaba" : org.toUpperCase() },
    kind: p.kind ?? "actual",
    scope: p.scope ?? "total-capex",
    periodLabel: "test period",
    periodStart: p.start,
    periodEnd: p.end,
    amount: p.amount,
    currency: p.currency,
    qualifier: p.qualifier ?? "exact",
    changePercent: null,
    description: "synthetic",
    citations: [{ sourceSlug: "s1", sourceTitle: "Source one", outlet: "Outlet", publishedDate: "2025-01-01", locator: "¶1", note: null, dateEstimated: false, paraphrase: null }],
  };
}

const pledge = spend({ kind: "pledge", scope: "ai-cloud-infrastructure", start: "2025-03-01", end: "2028-02-29", amount: 300e9, currency: "CNY" });
const quarter = spend({ org: "rival", scope: "total-capex", start: "2024-10-01", end: "2024-12-31", amount: 10e9, currency: "CNY" });
const usdYear = spend({ org: "usco", kind: "plan", scope: "ai-data-centres", start: "2025-01-01", end: "2025-12-31", amount: 80e9, currency: "USD", qualifier: "up-to" });
const gbpPlan = spend({ org: "ukco", kind: "plan", scope: "ai-capital-projects", start: "2025-10-01", end: "2027-09-30", amount: 5e9, currency: "GBP" });
const intent = spend({ org: "jd", kind: "plan", scope: "ai-infra-and-rnd", start: "2025-10-01", end: "2028-09-30", amount: null, currency: null });
const ALL = [pledge, quarter, usdYear, gbpPlan, intent];

const byslug = (rows: ReturnType<typeof capexRows>, slug: string) => rows.find((r) => r.slug === slug)!;

describe("capexRows: per year", () => {
  it("divides a three-year pledge by three", () => {
    const rows = capexRows(ALL, FX, capexSelection({ mode: "annual", currency: "CNY" }));
    const row = byslug(rows, pledge.slug);
    expect(row.value).toBeCloseTo(100e9, 0);
    expect(row.perYearBasis).toBe("average");
    expect(perYearNote(row)).toContain("÷ 3");
  });

  it("multiplies a quarter by four and calls it a run-rate", () => {
    const rows = capexRows(ALL, FX, capexSelection({ mode: "annual", currency: "CNY" }));
    const row = byslug(rows, quarter.slug);
    expect(row.value).toBeCloseTo(40e9, 0);
    expect(row.perYearBasis).toBe("run-rate");
    expect(formatCapexValue(row)).toMatch(/\/ yr \(run-rate\)$/);
  });

  it("leaves a one-year figure as it is", () => {
    const row = byslug(capexRows(ALL, FX, capexSelection({ mode: "annual" })), usdYear.slug);
    expect(row.value).toBe(80e9);
    expect(row.perYearBasis).toBe("whole-year");
  });

  it("keeps the stated amount and period in stated mode", () => {
    const row = byslug(capexRows(ALL, FX, capexSelection({ mode: "stated", currency: "CNY" })), pledge.slug);
    expect(row.value).toBe(300e9);
    expect(row.perYearBasis).toBeNull();
    expect(row.periodYears).toBe(3);
  });
});

describe("capexRows: currency", () => {
  it("converts with the default rate and records it", () => {
    const row = byslug(capexRows(ALL, FX, capexSelection({ currency: "USD" })), pledge.slug);
    expect(row.value).toBeCloseTo(300e9 / 8, 0);
    expect(row.rates).toHaveLength(1);
    expect(row.rates[0]).toMatchObject({ currency: "CNY", perUsd: 8, isDefault: true });
    expect(rateUsedLabel(row)).toContain("1 USD = 8 CNY");
  });

  it("records both rates when neither side is USD, and none when nothing was converted", () => {
    const rows = capexRows(ALL, FX, capexSelection({ currency: "CNY" }));
    const gbp = byslug(rows, gbpPlan.slug);
    expect(gbp.value).toBeCloseTo((5e9 / 0.5) * 8, 0);
    expect(gbp.rates.map((r) => r.currency)).toEqual(["GBP", "CNY"]);
    const same = byslug(rows, pledge.slug);
    expect(same.rates).toEqual([]);
    expect(rateUsedLabel(same)).toBe("none (stated in CNY)");
    expect(ratesUsed(rows).map((r) => r.currency)).toEqual(["CNY", "GBP"]);
  });

  it("keeps the original amount and currency beside the converted value", () => {
    const row = byslug(capexRows(ALL, FX, capexSelection({ currency: "USD" })), pledge.slug);
    expect(row.original).toEqual({ amount: 300e9, currency: "CNY" });
    expect(formatStated(row)).toBe("300 bn yuan");
    const usd = byslug(capexRows(ALL, FX, capexSelection({ currency: "USD" })), usdYear.slug);
    expect(formatCapexValue(usd)).toBe("up to 80 bn US dollars");
    expect(formatCapexShort(usd)).toBe("up to $80B");
    expect(formatCapexShort(usd, { signs: true })).toBe("≤$80B");
  });
});

describe("capexRows: scope and stated intents", () => {
  it("lists an intent without a figure but does not plot it", () => {
    const rows = capexRows(ALL, FX, capexSelection({}));
    const row = byslug(rows, intent.slug);
    expect(row.value).toBeNull();
    expect(row.plotted).toBe(false);
    expect(formatStated(row)).toBe("no figure given");
    const bars = capexChartItems(rows, { scope: "headings" }).filter((i) => i.type === "bar");
    expect(bars.map((b) => b.key)).not.toContain(intent.slug);
    expect(bars).toHaveLength(ALL.length - 1);
  });

  it("filters by scope and kind", () => {
    expect(capexRows(ALL, FX, capexSelection({ scope: "total-capex" })).map((r) => r.slug)).toEqual([quarter.slug]);
    expect(capexRows(ALL, FX, capexSelection({ kind: "plan" })).map((r) => r.slug).sort()).toEqual(
      [usdYear.slug, gbpPlan.slug, intent.slug].sort(),
    );
  });

  it("groups a mixed-scope selection by scope and never merges it into one number", () => {
    const mixed = [
      pledge,
      spend({ kind: "actual", scope: "ai-cloud-infrastructure", start: "2024-01-01", end: "2024-12-31", amount: 50e9, currency: "CNY" }),
      quarter,
      usdYear,
    ];
    const rows = capexRows(mixed, FX, capexSelection({ currency: "CNY" }));
    const groups = groupByScope(rows);
    expect(groups.map((g) => g.scope)).toEqual(["ai-data-centres", "ai-cloud-infrastructure", "total-capex"]);
    expect(groups.map((g) => g.rows.length)).toEqual([1, 2, 1]);
    // Each figure stays its own row; nothing adds them up.
    expect(rows).toHaveLength(mixed.length);
    const items = capexChartItems(rows, { scope: "headings" });
    expect(items.filter((i) => i.type === "heading").map((i) => i.label)).toEqual([
      "AI data centres",
      "AI and cloud infrastructure",
      "Total capex",
    ]);
    // A heading precedes every bar of its scope.
    expect(items.map((i) => i.type)).toEqual(["heading", "bar", "heading", "bar", "bar", "heading", "bar"]);
    expect(capexChartSummary(rows, { mode: "stated", currency: "CNY" })).toContain("grouped by scope");
  });

  it("puts the scope in each bar's label when there are no headings", () => {
    const rows = capexRows([pledge, quarter], FX, capexSelection({ currency: "CNY" }));
    const items = capexChartItems(rows, { scope: "labels" });
    expect(items.every((i) => i.type === "bar")).toBe(true);
    expect(items.map((i) => (i.type === "bar" ? [i.kindLabel, i.period, i.scope] : []))).toEqual([
      ["Pledge", "Mar 2025 – Feb 2028", "AI and cloud infrastructure"],
      ["Reported", "Q4 2024", "Total capex"],
    ]);
  });

  it("labels each bar with as many lines as its row has room for, splitting kind and period only when every bar's fit", () => {
    const rows = capexRows([pledge, quarter], FX, capexSelection({ currency: "CNY" }));
    const items = capexChartItems(rows, { scope: "labels" });
    const bar = items[0]!;
    if (bar.type !== "bar") throw new Error("expected a bar");
    expect(capexLabelLines(items, 3)(bar)).toEqual(["Pledge", "Mar 2025 – Feb 2028", "AI and cloud infrastructure"]);
    expect(capexLabelLines(items, 2)(bar)).toEqual(["Pledge · Mar 2025 – Feb 2028", "AI and cloud infrastructure"]);
    expect(capexLabelLines(items, 1)(bar)).toEqual(["Pledge · Mar 2025 – Feb 2028"]);
    expect(capexLabelLines(items, 0)(bar)).toEqual([]);
  });

  it("puts Alibaba first within a scope", () => {
    const rival = spend({ org: "aaa", scope: "total-capex", start: "2020-01-01", end: "2020-12-31", amount: 1e9, currency: "USD" });
    const ali = spend({ scope: "total-capex", start: "2024-01-01", end: "2024-12-31", amount: 1e9, currency: "USD" });
    expect(capexRows([rival, ali], FX, capexSelection({})).map((r) => r.organization.slug)).toEqual(["alibaba", "aaa"]);
  });
});

describe("pledgeContext", () => {
  it("picks the pledge, the spending reported during it and the earlier total capex", () => {
    const decade = spend({ scope: "total-capex", start: "2015-01-01", end: "2024-12-31", amount: 200e9, currency: "CNY" });
    const lastYear = spend({ scope: "total-capex", start: "2024-01-01", end: "2024-12-31", amount: 20e9, currency: "CNY" });
    const during = spend({ scope: "ai-infra-and-rnd", start: "2024-07-01", end: "2025-06-30", amount: 90e9, currency: "CNY", qualifier: "more-than" });
    const other = spend({ org: "rival", kind: "pledge", start: "2025-01-01", end: "2025-12-31", amount: 900e9, currency: "CNY" });
    const ctx = pledgeContext([decade, lastYear, during, other, pledge, intent]);
    expect(ctx.pledge?.slug).toBe(pledge.slug);
    expect(ctx.reported?.slug).toBe(during.slug);
    expect(ctx.baseline?.slug).toBe(decade.slug);
    expect(pledgeContext([quarter])).toEqual({ pledge: null, reported: null, baseline: null });
  });
});

describe("capexChartItems for one scope", () => {
  it("leaves the scope out of the labels when the selection is a single scope", () => {
    const rows = capexRows(ALL, FX, capexSelection({ scope: "total-capex" }));
    const items = capexChartItems(rows, { scope: "none" });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "bar", scope: null, kindLabel: "Reported", period: "Q4 2024" });
  });
});

describe("capexCsv", () => {
  it("holds the table's rows in order, amounts as numbers beside their currency, with the rate and sources", () => {
    const rows = capexRows(ALL, FX, capexSelection({ mode: "annual", currency: "CNY" }));
    const csv = capexCsv(rows);
    expect(csv.rows).toHaveLength(rows.length);
    expect(csv.rowSources).toHaveLength(rows.length);
    const col = (name: string) => csv.columns.indexOf(name);
    const i = rows.findIndex((r) => r.slug === usdYear.slug);
    const line = csv.rows[i]!;
    expect(line[col("original_amount")]).toBe(80e9);
    expect(line[col("original_currency")]).toBe("USD");
    expect(line[col("value")]).toBe(80e9 * 8);
    expect(line[col("currency")]).toBe("CNY");
    expect(line[col("mode")]).toBe("per year");
    expect(line[col("qualifier")]).toBe("up-to");
    expect(line[col("rate_used")]).toContain("1 USD = 8 CNY");
    expect(line[col("units_per_original")]).toBe(8);
    expect(csv.rowSources[i]).toBe("Source one (Outlet, 2025-01-01) ¶1");
    // A statement without a figure is a row with empty amounts, not a zero.
    const j = rows.findIndex((r) => r.slug === intent.slug);
    expect([csv.rows[j]![col("original_amount")], csv.rows[j]![col("value")]]).toEqual([null, null]);
  });

  it("names the file after the selection", () => {
    expect(capexDownloadName(capexSelection({ mode: "annual", currency: "CNY", scope: "rnd", kind: "plan" }))).toBe("capex per year CNY rnd plan");
    expect(capexDownloadName(capexSelection({}))).toBe("capex as stated USD all scopes");
  });
});
