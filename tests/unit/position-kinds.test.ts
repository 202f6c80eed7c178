import { describe, expect, it } from "vitest";
import { positionKind, tallyPositionKinds, type PositionKindInput } from "../../lib/domain/position-kinds";
import type { Layer } from "../../lib/domain/vocabulary";

const base: PositionKindInput = { relationship: "equity-investment", status: "active", segment: "llm", organizationKind: "portfolio" };
const LAYERS: Layer[] = ["basic", "technology", "application"];

describe("positionKind", () => {
  it("tells holdings, units, partners, rumours, merged and non-AI holdings apart", () => {
    expect(positionKind(base)).toBe("investment");
    expect(positionKind({ ...base, relationship: "subsidiary", organizationKind: "alibaba-unit" })).toBe("investment");
    expect(positionKind({ ...base, relationship: "in-house", organizationKind: "alibaba-unit" })).toBe("in-house");
    expect(positionKind({ ...base, relationship: "partnership", organizationKind: "partner" })).toBe("partner");
    expect(positionKind({ ...base, relationship: "rumoured", status: "denied", organizationKind: "other" })).toBe("rumour");
    expect(positionKind({ ...base, relationship: "acquisition", status: "integrated" })).toBe("merged");
    expect(positionKind({ ...base, relationship: "acquisition", status: "wound-down", segment: "e-commerce" })).toBe("non-ai-holding");
  });

  it("counts a joint venture as a holding and the company it was founded with as a partner", () => {
    expect(positionKind({ ...base, relationship: "joint-venture", organizationKind: "portfolio" })).toBe("investment");
    expect(positionKind({ ...base, relationship: "joint-venture", organizationKind: "partner" })).toBe("partner");
  });

  it("takes a kind stated by the data over its own reading, and ignores one it does not know", () => {
    expect(positionKind({ ...base, kind: "non-ai-holding" })).toBe("non-ai-holding");
    expect(positionKind({ ...base, kind: "something-else" })).toBe("investment");
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
    expect(tally.total).toMatchObject({ investment: 1, partner: 1, rumour: 1, "in-house": 0 });
    expect(tally.byLayer.application).toMatchObject({ investment: 1, partner: 1 });
    expect(tally.byLayer.technology.rumour).toBe(1);
    expect(tally.byLayer.basic.investment).toBe(0);
  });

  it("adds up grouped rows by their company counts", () => {
    const tally = tallyPositionKinds([{ ...base, layer: "basic", companies: 4 }, { ...base, layer: "basic", relationship: "in-house", companies: 2 }], LAYERS);
    expect(tally.byLayer.basic).toMatchObject({ investment: 4, "in-house": 2 });
  });
});
