import { beforeAll, describe, expect, it } from "vitest";
import { DEAL_KINDS, DEAL_STATUSES, LAYERS } from "@/lib/domain/vocabulary";
import type { DealFilters } from "@/lib/db/queries/deals";
import { buildTempDatabase } from "./helpers";

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

describe("deal timeline counts", () => {
  it("per-year counts plus undated deals add up to countDeals under every filter", async () => {
    const { countDeals } = await import("@/lib/db/queries/deals");
    const { countUndatedDeals, dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const cases: DealFilters[] = [
      {},
      ...LAYERS.map((layer) => ({ layer })),
      ...DEAL_KINDS.map((kind) => ({ kind })),
      ...DEAL_STATUSES.map((status) => ({ status })),
      { fromYear: 2018, toYear: 2023 },
      { fromYear: 2024 },
      { q: "moon" },
      { layer: "application", kind: "partnership" },
    ];
    for (const f of cases) {
      const dated = dealCountsByYearAndKind(f).reduce((a, r) => a + r.count, 0);
      expect(dated + countUndatedDeals(f), JSON.stringify(f)).toBe(countDeals(f));
    }
  });

  it("counts each year and kind as listDeals does", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { dealCountsByYearAndKind } = await import("@/lib/db/queries/deal-stats");
    const expected = new Map<string, number>();
    for (const d of listDeals()) {
      if (!d.sortDate) continue;
      const key = `${d.sortDate.slice(0, 4)}:${d.kind}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(dealCountsByYearAndKind().map((r) => [`${r.year}:${r.kind}`, r.count]));
    expect(got).toEqual(expected);
  });
});
