import { beforeAll, describe, expect, it } from "vitest";
import { capexRows, comparableView, differenceText, formatCapexValue, repeatedCompanies, scopeDistance } from "../../lib/views/capex";
import { comparableCsv } from "../../lib/views/csv/capex";
import type { SpendingView } from "../../lib/db/queries/spending";
import { buildTempDatabase } from "./helpers";

let spending: SpendingView[];
let fx: Awaited<ReturnType<typeof import("../../lib/db/queries/spending").listFxRates>>;

beforeAll(async () => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
  const q = await import("../../lib/db/queries/spending");
  spending = q.listSpending();
  fx = q.listFxRates();
});

const annual = () => capexRows(spending, fx, { mode: "annual", currency: "USD", scope: "all" });

describe("the closest-comparable view", () => {
  it("puts Alibaba's largest pledge first and one bar per other company with a figure", () => {
    const view = comparableView(annual());
    expect(view.anchor?.row.organization.slug).toBe("alibaba");
    expect(view.anchor?.row.kind).toBe("pledge");
    const orgs = view.bars.map((b) => b.row.organization.slug);
    expect(new Set(orgs).size).toBe(orgs.length);
    const withFigure = new Set(spending.filter((s) => s.amount !== null && s.organization.slug !== "alibaba").map((s) => s.organization.slug));
    expect(new Set(orgs)).toEqual(withFigure);
  });

  it("writes on every competitor's bar how its scope and period differ from Alibaba's", () => {
    const view = comparableView(annual());
    const anchor = view.anchor!.row;
    for (const bar of view.bars) {
      expect(bar.difference).toBe(differenceText(bar.row, anchor));
      expect(bar.difference).toContain(anchor.periodShort);
      expect(bar.covers).toContain(bar.row.periodShort);
    }
  });

  it("prefers a figure of nearer scope, and names every statement it leaves out with a reason", () => {
    const view = comparableView(annual());
    const drawnOrLeft = view.bars.flatMap((b) => [b.row.slug, ...b.leftOut.map((l) => l.row.slug)]);
    const others = spending.filter((s) => s.amount !== null && s.organization.slug !== "alibaba").map((s) => s.slug);
    expect(drawnOrLeft.sort()).toEqual(others.sort());
    for (const bar of view.bars) {
      for (const l of bar.leftOut) {
        expect(scopeDistance(l.row.scope, view.anchor!.row.scope)).toBeGreaterThanOrEqual(scopeDistance(bar.row.scope, view.anchor!.row.scope));
        expect(l.why.length).toBeGreaterThan(10);
      }
    }
  });

  it("keeps each figure's qualifier on its per-year value and in the download", () => {
    const view = comparableView(annual());
    for (const bar of [view.anchor!, ...view.bars]) {
      if (bar.row.qualifier !== "exact") expect(formatCapexValue(bar.row)).toMatch(/^(more than|about|up to|at least|less than|as much as|expected|approaching) /);
    }
    const csv = comparableCsv(view);
    expect(csv.columns).toContain("difference_from_alibaba");
    expect(csv.rows).toHaveLength(1 + view.bars.length);
  });

  it("refuses rows that are not per year", () => {
    expect(() => comparableView(capexRows(spending, fx, { mode: "stated", currency: "USD", scope: "all" }))).toThrow(/per-year/);
  });

  it("says why a company appears more than once in the strict grouping", () => {
    const rows = annual();
    const counts = new Map<string, number>();
    for (const r of rows.filter((x) => x.plotted)) counts.set(r.organization.slug, (counts.get(r.organization.slug) ?? 0) + 1);
    const repeated = repeatedCompanies(rows);
    expect(repeated.map((r) => r.slug).sort()).toEqual([...counts].filter(([, n]) => n > 1).map(([s]) => s).sort());
    for (const r of repeated) expect(r.statements).toHaveLength(counts.get(r.slug)!);
  });
});
