import { beforeAll, describe, expect, it } from "vitest";
import { tallyPositionKinds } from "../../lib/domain/position-kinds";
import type { Layer } from "../../lib/domain/vocabulary";
import { buildTempDatabase, DATA, readJson } from "./helpers";

const LAYERS: Layer[] = ["basic", "technology", "application"];

describe("the real portfolio's counts", () => {
  let groups: Awaited<ReturnType<typeof import("../../lib/db/queries/portfolio").positionKindGroups>>;
  beforeAll(async () => {
    process.env.PORTFOLIO_DB = buildTempDatabase();
    groups = (await import("../../lib/db/queries/portfolio")).positionKindGroups();
  });

  it("counts every organisation with a position exactly once, whatever its kind", () => {
    const positions = readJson<{ organization: string }[]>(DATA, "positions");
    const tally = tallyPositionKinds(groups, LAYERS);
    const sum = Object.values(tally.total).reduce((a, b) => a + b, 0);
    expect(sum).toBe(new Set(positions.map((p) => p.organization)).size);
  });

  it("keeps the denied rumour, the merged unit and the non-AI takeover out of the holdings", () => {
    const positions = readJson<{ organization: string; relationship: string; status: string; segment: string }[]>(DATA, "positions");
    const notHoldings = positions.filter((p) => p.relationship === "rumoured" || p.status === "integrated" || p.relationship === "partnership" || p.relationship === "in-house");
    const tally = tallyPositionKinds(groups, LAYERS);
    expect(tally.total.investment).toBeLessThanOrEqual(positions.length - notHoldings.length);
    expect(tally.total.partner).toBeGreaterThanOrEqual(positions.filter((p) => p.relationship === "partnership").length);
    expect(tally.total.rumour).toBe(positions.filter((p) => p.relationship === "rumoured" || p.status === "denied").length);
  });
});
