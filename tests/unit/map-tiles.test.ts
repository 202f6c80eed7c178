import { describe, expect, it } from "vitest";
import { dealTiles } from "@/lib/domain/map-tiles";

/** The rule as dealing one tile at a time, round by round: what dealTiles must agree with. */
function dealOneByOne(counts: number[], limit: number): number[] {
  const dealt = counts.map(() => 0);
  let left = limit;
  while (left > 0 && dealt.some((d, i) => d < (counts[i] ?? 0))) {
    for (let i = 0; i < counts.length && left > 0; i++) {
      if ((dealt[i] ?? 0) < (counts[i] ?? 0)) {
        dealt[i] = (dealt[i] ?? 0) + 1;
        left -= 1;
      }
    }
  }
  return dealt;
}

describe("dealTiles", () => {
  it("draws every company when the selection fits", () => {
    expect(dealTiles([3, 0, 5], 100)).toEqual([3, 0, 5]);
    expect(dealTiles([3, 5], 8)).toEqual([3, 5]);
  });

  it("gives a small segment all of its companies and splits the rest between the large ones", () => {
    expect(dealTiles([2, 5_000, 8_000], 10)).toEqual([2, 4, 4]);
  });

  it("hands a partial round to the first segments in the map's order", () => {
    expect(dealTiles([5_000, 5_000, 5_000], 10)).toEqual([4, 3, 3]);
    expect(dealTiles([1, 5_000, 5_000], 6)).toEqual([1, 3, 2]);
  });

  it("draws one tile for the first segments when there are more segments than tiles", () => {
    expect(dealTiles([9, 9, 9, 9], 2)).toEqual([1, 1, 0, 0]);
    expect(dealTiles([9, 9], 0)).toEqual([0, 0]);
    expect(dealTiles([], 100)).toEqual([]);
  });

  it("is the same as dealing one tile at a time, and never draws more than the limit or a segment holds", () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const counts = Array.from({ length: next(30) }, () => (next(4) === 0 ? next(3) : next(10_000)));
      const limit = next(150);
      const dealt = dealTiles(counts, limit);
      expect(dealt, `${counts} ${limit}`).toEqual(dealOneByOne(counts, limit));
      expect(dealt.reduce((a, b) => a + b, 0)).toBe(Math.min(limit, counts.reduce((a, b) => a + b, 0)));
      dealt.forEach((d, i) => expect(d).toBeLessThanOrEqual(counts[i] ?? 0));
    }
  });
});
