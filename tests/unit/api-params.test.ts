import { describe, expect, it } from "vitest";
import { describeParams, parseApiParams } from "@/lib/validation/api";

describe("read API parameters", () => {
  it("take the pages' multi-value filters for positions and deals", () => {
    expect(parseApiParams("deals", { kind: "acquisition,equity-investment" })).toEqual({
      ok: true,
      data: { kind: { in: ["acquisition", "equity-investment"], out: [] } },
    });
    expect(parseApiParams("positions", { relationship: "-subsidiary", layer: "basic" })).toEqual({
      ok: true,
      data: { relationship: { in: [], out: ["subsidiary"] }, layer: { in: ["basic"], out: [] } },
    });
  });

  it("still refuse a value outside the list, naming it", () => {
    const r = parseApiParams("deals", { status: "completed,maybe" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ param: "status", message: expect.stringContaining('"maybe"') });
  });

  it("describe each parameter by what it takes", () => {
    const deals = new Map(describeParams("deals").map((d) => [d.name, d.allowed]));
    expect(deals.get("kind")).toMatch(/^equity-investment \| .*several: "a,b" keeps either; "-a" leaves a out/);
    expect(deals.get("asof")).toMatch(/^a day, YYYY-MM-DD/);
    expect(deals.get("organization")).toBe("an organization's slug");
    // A single-value list says nothing about several values.
    expect(new Map(describeParams("organizations").map((d) => [d.name, d.allowed])).get("kind")).not.toContain("several");
  });
});
