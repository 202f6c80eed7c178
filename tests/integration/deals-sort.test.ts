import Database from "better-sqlite3";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { DealFilters, DealSortBy, DealSortKey } from "@/lib/db/queries/deals";
import { buildTempDatabase } from "./helpers";

let file: string;
beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
});

const KEYS: DealSortKey[] = ["date", "company", "layer", "kind", "status", "amount", "usd"];
const SORTS: DealSortBy[] = KEYS.flatMap((key) => [false, true].map((descending) => ({ key, descending })));

/**
 * The table's orders written out once more as plain ORDER BYs (sortOrder's contract): rows
 * without a value last, ties by date (undated first, as SQLite orders NULL) then id.
 */
function plainOrder({ key, descending }: DealSortBy): string {
  const dir = descending ? "DESC" : "ASC";
  const tail = "d.sort_date ASC, d.id ASC";
  const usd = "d.amount / (SELECT r.per_usd FROM fx_rates r WHERE r.currency = d.currency AND r.is_default = 1 LIMIT 1)";
  switch (key) {
    case "date":
      return `d.sort_date IS NULL, d.sort_date ${dir}, d.id ${dir}`;
    case "company":
      return `o.name COLLATE NOCASE ${dir}, ${tail}`;
    case "layer":
      return `p.layer IS NULL, (SELECT l.sort_order FROM layers l WHERE l.slug = p.layer) ${dir}, ${tail}`;
    case "kind":
      return `d.kind ${dir}, ${tail}`;
    case "status":
      return `d.status ${dir}, ${tail}`;
    case "amount":
      return `d.amount IS NULL, d.currency ${dir}, d.amount ${dir}, ${tail}`;
    case "usd":
      return `(${usd}) IS NULL, (${usd}) ${dir}, ${tail}`;
  }
}

function plainSlugs(where: string, sort: DealSortBy): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const sql = `SELECT d.slug FROM deals d JOIN organizations o ON o.id = d.organization_id
      LEFT JOIN positions p ON p.organization_id = d.organization_id WHERE ${where} ORDER BY ${plainOrder(sort)}`;
    return (db.prepare(sql).all() as { slug: string }[]).map((r) => r.slug);
  } finally {
    db.close();
  }
}

const label = (s: DealSortBy) => `${s.descending ? "-" : ""}${s.key}`;

describe("deals table sorts under the bound", () => {
  it("every sort, both ways, gives the rows of the plain ORDER BY, whole and paged", async () => {
    const { boundedDealSort, countDeals, listDeals } = await import("@/lib/db/queries/deals");
    const cases: [DealFilters, string][] = [
      [{}, "1"],
      [{ kind: "equity-investment" }, "d.kind = 'equity-investment'"],
      [{ status: "completed" }, "d.status = 'completed'"],
    ];
    for (const [filters, where] of cases) {
      const total = countDeals(filters);
      expect(total, JSON.stringify(filters)).toBeGreaterThan(3);
      for (const sort of SORTS) {
        const bounded = boundedDealSort(sort, total);
        expect(bounded.sort, label(sort)).toEqual(sort);
        const want = plainSlugs(where, sort);
        const what = `${JSON.stringify(filters)} by ${label(sort)}`;
        expect(listDeals(filters, { sort: bounded.sort }).map((d) => d.slug), what).toEqual(want);
        for (let offset = 0; offset < want.length; offset += 4) {
          expect(listDeals(filters, { limit: 4, offset, sort: bounded.sort }).map((d) => d.slug), `${what} at ${offset}`).toEqual(want.slice(offset, offset + 4));
        }
      }
    }
  });
});

describe("deals table sorts above the bound", () => {
  it("declines every column but the date when more deals match than the limit, and the list is then in timeline order", async () => {
    const { boundedDealSort, countDeals, listDeals } = await import("@/lib/db/queries/deals");
    const total = countDeals({});
    const limit = total - 1;
    const timeline = listDeals({}).map((d) => d.slug);
    for (const sort of SORTS) {
      const bounded = boundedDealSort(sort, total, limit);
      if (sort.key === "date") {
        expect(bounded.sort, label(sort)).toEqual(sort);
        expect(bounded.declined).toBeUndefined();
        continue;
      }
      expect(bounded.sort, label(sort)).toBeUndefined();
      expect(bounded.declined, label(sort)).toEqual({ ...sort, matching: total, limit });
      expect(listDeals({}, { sort: bounded.sort }).map((d) => d.slug), label(sort)).toEqual(timeline);
    }
    // At the limit exactly the sort still applies.
    expect(boundedDealSort({ key: "usd", descending: true }, total, total).sort).toEqual({ key: "usd", descending: true });
  });

  it("the table names the declined sort, why and what to do, and marks only the date column as sorted", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { listFxRates } = await import("@/lib/db/queries/spending");
    const { buildFxTable } = await import("@/lib/domain/money");
    const { DealsTable } = await import("@/components/deals/deals-table");
    const deals = listDeals({}, { limit: 5 });
    const render = (declined?: { key: string; descending: boolean; matching: number; limit: number }) =>
      renderToStaticMarkup(createElement(DealsTable, { deals, state: { view: "table", sort: "-usd" }, fx: buildFxTable(listFxRates()), declined }));
    const sorted = (html: string) => [...html.matchAll(/<th[^>]*aria-sort="(\w+)"[^>]*>.*?data-sort="(\w+)"/g)].map((m) => [m[2], m[1]]);

    const applied = render();
    expect(applied).not.toContain('data-testid="sort-declined"');
    expect(sorted(applied)).toEqual([["usd", "descending"]]);

    const declined = render({ key: "usd", descending: true, matching: 1_000_000, limit: 20_000 });
    const notice = declined.match(/<div[^>]*data-testid="sort-declined"[^>]*>(.*?)<\/div>/)?.[1]?.replace(/<[^>]+>/g, "") ?? "";
    expect(notice).toContain("Not sorted by “Amount in USD”, descending.");
    expect(notice).toContain("1,000,000 deals match these filters");
    expect(notice).toContain("up to 20,000");
    expect(notice).toContain("in date order, oldest first");
    expect(notice).toContain("Narrow the filters");
    expect(sorted(declined)).toEqual([["date", "ascending"]]);
  });
});
