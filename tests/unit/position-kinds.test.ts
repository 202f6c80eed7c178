import { beforeAll, describe, expect, it } from "vitest";
import { positionKind, tallyPositionKinds, type PositionKindInput } from "../../lib/position-kinds";
import type { Layer } from "../../lib/validation/dataset";
import { buildTempDatabase, DATA, readJson } from "./helpers";

const base: PositionKindInput = { relationship: "equity-investment", status: "active", segment: "llm", organizationKind: "portfolio" };
const LAYERS: Layer[] = ["basic", "technology", "application"];

describe("positionKind", () => {
  it("tells holdings, units, partners, rumours, merged and non-AI holdings apart", () => {
    expect(positionKind(base)).toBe("holding");
    expect(positionKind({ ...base, relationship: "subsidiary", organizationKind: "alibaba-unit" })).toBe("holding");
    expect(positionKind({ ...base, relationship: "in-house", organizationKind: "alibaba-unit" })).toBe("in-house");
    expect(positionKind({ ...base, relationship: "partnership", organizationKind: "partner" })).toBe("partner");
    expect(positionKind({ ...base, relationship: "rumoured", status: "denied", organizationKind: "other" })).toBe("rumour");
    expect(positionKind({ ...base, relationship: "acquisition", status: "integrated" })).toBe("merged");
    expect(positionKind({ ...base, relationship: "acquisition", status: "wound-down", segment: "e-commerce" })).toBe("non-ai");
  });

  it("counts a joint venture as a holding and the company it was founded with as a partner", () => {
    expect(positionKind({ ...base, relationship: "joint-venture", organizationKind: "portfolio" })).toBe("holding");
    expect(positionKind({ ...base, relationship: "joint-venture", organizationKind: "partner" })).toBe("partner");
  });

  it("takes a kind stated by the data over its own reading, and ignores one it does not know", () => {
    expect(positionKind({ ...base, kind: "non-ai" })).toBe("non-ai");
    expect(positionKind({ ...base, kind: "something-else" })).toBe("holding");
  });
});

describe("tallyPositionKinds", () => {
  it("counts each organisation once, by kind and by layer", () => {
    const jv = { ...base, layer: "application" as const, relationship: "joint-venture" as const, segment: "smart-cockpit" };
    const tally = tallyPositionKinds(
      [
        { ...jv, organizationId: 1 },
        { ...jv, organizationId: 2, organizationKind: "partner" },
        // The same organisation again (a second row for the venture) is not a second company.
        { ...jv, organizationId: 1 },
        { ...base, layer: "technology", organizationId: 3, relationship: "rumoured", status: "denied" },
      ],
      LAYERS,
    );
    expect(tally.total).toMatchObject({ holding: 1, partner: 1, rumour: 1, "in-house": 0 });
    expect(tally.byLayer.application).toMatchObject({ holding: 1, partner: 1 });
    expect(tally.byLayer.technology.rumour).toBe(1);
    expect(tally.byLayer.basic.holding).toBe(0);
  });

  it("adds up grouped rows by their company counts", () => {
    const tally = tallyPositionKinds([{ ...base, layer: "basic", companies: 4 }, { ...base, layer: "basic", relationship: "in-house", companies: 2 }], LAYERS);
    expect(tally.byLayer.basic).toMatchObject({ holding: 4, "in-house": 2 });
  });
});

describe("the real portfolio's counts", () => {
  let groups: Awaited<ReturnType<typeof import("../../lib/queries/portfolio").positionKindGroups>>;
  beforeAll(async () => {
    process.env.PORTFOLIO_DB = buildTempDatabase();
    groups = (await import("../../lib/queries/portfolio")).positionKindGroups();
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
    expect(tally.total.holding).toBeLessThanOrEqual(positions.length - notHoldings.length);
    expect(tally.total.partner).toBeGreaterThanOrEqual(positions.filter((p) => p.relationship === "partnership").length);
    expect(tally.total.rumour).toBe(positions.filter((p) => p.relationship === "rumoured" || p.status === "denied").length);
  });
});
