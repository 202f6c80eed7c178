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
});
