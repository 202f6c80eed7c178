import { describe, expect, it } from "vitest";
import { niceTicks } from "@/lib/domain/axis-ticks";

const steps = (t: number[]) => t.slice(1).map((v, i) => Number((v - t[i]!).toPrecision(12)));

describe("niceTicks", () => {
  it("covers the data from zero in round steps", () => {
    expect(niceTicks(0, 380)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(0, 130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(0, 700)).toEqual([0, 200, 400, 600, 800]);
  });

  it("never gives the odd steps the issue saw (900m, 1.8bn, 2.6bn; 750 after 600)", () => {
    const t = niceTicks(0, 2.6e9);
    expect(t).toEqual([0, 1e9, 2e9, 3e9]);
    for (const max of [7, 42, 610, 750, 2_600, 98_000, 1.8e9, 3.8e11]) {
      const ticks = niceTicks(0, max);
      for (const s of steps(ticks)) expect(String(s / 10 ** Math.floor(Math.log10(s)))).toMatch(/^(1|2|2\.5|5)$/);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });

  it("spans negative values through zero", () => {
    const t = niceTicks(-2_300, 800);
    expect(t[0]).toBeLessThanOrEqual(-2_300);
    expect(t).toContain(0);
    expect(t.at(-1)).toBeGreaterThanOrEqual(800);
    expect(niceTicks(-40, -5)).toEqual([-40, -30, -20, -10, 0]);
  });

  it("counts step by whole numbers", () => {
    expect(niceTicks(0, 3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 9, { integer: true })).toEqual([0, 5, 10]);
    for (const t of niceTicks(0, 23, { integer: true })) expect(Number.isInteger(t)).toBe(true);
  });

  it("gives a usable axis for empty or flat data", () => {
    expect(niceTicks(0, 0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(Number.NaN, Number.NaN, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
