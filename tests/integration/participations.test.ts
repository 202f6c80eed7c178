import { beforeAll, describe, expect, it } from "vitest";
import { readDataset } from "@/lib/db/dataset";
import type { Dataset } from "@/lib/validation/dataset";
import { buildTempDatabase, DATA } from "./helpers";

let d: Dataset;

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
  d = readDataset(DATA).dataset;
});

describe("deals an organization took part in", () => {
  it("lists every deal where it is the investor or a co-investor, with its role", async () => {
    const { listDealsAsParticipant, countDealsAsParticipant } = await import("@/lib/db/queries/participations");
    const orgs = new Set(d.deals.flatMap((x) => [x.investor, ...x.coInvestors]));
    for (const slug of orgs) {
      const expected = d.deals.filter((x) => x.investor === slug || x.coInvestors.includes(slug));
      const rows = listDealsAsParticipant(slug);
      expect(rows.map((r) => r.slug).sort()).toEqual(expected.map((x) => x.id).sort());
      expect(countDealsAsParticipant(slug)).toBe(expected.length);
      for (const r of rows) {
        const source = expected.find((x) => x.id === r.slug)!;
        expect(r.role).toBe(source.investor === slug ? "investor" : "co-investor");
        expect(r.coInvestors.map((c) => c.slug).sort()).toEqual([...source.coInvestors].sort());
        expect(r.terms).toEqual(source.terms);
        expect(r.citations.length).toBeGreaterThan(0);
      }
    }
  });

  it("gives nothing for a company that only received investment, or an unknown slug", async () => {
    const { listDealsAsParticipant, countDealsAsParticipant } = await import("@/lib/db/queries/participations");
    expect(listDealsAsParticipant("unitree")).toEqual([]);
    expect(countDealsAsParticipant("no-such-org")).toBe(0);
    expect(listDealsAsParticipant("no-such-org")).toEqual([]);
  });

  it("pages with limit and offset in date order", async () => {
    const { listDealsAsParticipant } = await import("@/lib/db/queries/participations");
    const all = listDealsAsParticipant("alibaba");
    expect(listDealsAsParticipant("alibaba", { limit: 3, offset: 2 }).map((r) => r.slug)).toEqual(all.slice(2, 5).map((r) => r.slug));
  });

  it("reads newest first, dated before undated, for every participant and page (a company page's latest deal)", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const orgs = new Set(d.deals.flatMap((x) => [x.investor, ...x.coInvestors]));
    for (const slug of orgs) {
      const timeline = listDeals({ participant: slug }, { limit: 1000 });
      // The timeline is oldest first with the undated last by id: reversed per part, it is the newest-first order.
      const newest = [...timeline.filter((r) => r.sortDate).reverse(), ...timeline.filter((r) => !r.sortDate).reverse()].map((r) => r.slug);
      for (const [limit, offset] of [[1, 0], [3, 0], [2, 1], [50, 0]] as const) {
        expect(listDeals({ participant: slug }, { limit, offset, order: "recent" }).map((r) => r.slug), `${slug} ${limit}@${offset}`).toEqual(newest.slice(offset, offset + limit));
      }
    }
  });
});
