import { describe, expect, it } from "vitest";
import {
  annualiseQualified,
  buildFxTable,
  convertQualified,
  divideQualified,
  formatQualifiedMoneyWords,
  formatQualifiedShare,
  hasMixedBounds,
  qualified,
  qualifierCaveat,
  qualifiersCode,
  qualifiersPhrase,
  scaleQualified,
  type FxRate,
} from "../../lib/domain/money";

const rate = (currency: FxRate["currency"], perUsd: number): FxRate => ({
  currency,
  perUsd,
  asOf: "2025-02-24",
  basis: "implied-by-source",
  sources: [],
  isDefault: true,
  note: "Test rate.",
});
// 380 bn yuan ≈ 53 bn dollars, the rate the articles imply.
const table = buildFxTable([rate("CNY", 380 / 53)]);

describe("qualifiers travel through derived figures", () => {
  it("carries 'more than' from a yuan pledge to its dollar value and its yearly average", () => {
    const pledge = qualified(380e9, "more-than");
    const usd = convertQualified(pledge, "CNY", "USD", table);
    expect(usd.value).toBeCloseTo(53e9, -3);
    expect(formatQualifiedMoneyWords(usd, "USD")).toBe("more than 53 bn US dollars");
    const perYear = annualiseQualified(usd, "2025-03-01", "2028-02-29");
    expect(perYear.value).toBeCloseTo(53e9 / 3, -3);
    expect(formatQualifiedMoneyWords(perYear, "USD")).toBe("more than 17.67 bn US dollars");
  });

  it("keeps an exact figure exact through conversion and annualising", () => {
    const exact = annualiseQualified(convertQualified(qualified(380e9), "CNY", "USD", table), "2025-03-01", "2028-02-29");
    expect(exact.qualifiers).toEqual([]);
    expect(formatQualifiedMoneyWords(exact, "USD")).toBe("17.67 bn US dollars");
    expect(qualifiersCode(exact.qualifiers)).toBe("exact");
  });

  it("combines 'about' with 'more than' and keeps both, bound first", () => {
    const scaled = scaleQualified(qualified(380e9, "more-than"), 1 / 7.2, "about");
    expect(scaled.qualifiers).toEqual(["more-than", "about"]);
    expect(qualifiersPhrase(scaled.qualifiers)).toBe("more than about");
    expect(qualifiersCode(scaled.qualifiers)).toBe("more-than+about");
    // The same qualifier twice is said once.
    expect(scaleQualified(qualified(1, "about"), 2, "about").qualifiers).toEqual(["about"]);
  });

  it("inverts the whole's bound in a share: a floor over an exact figure stays a floor", () => {
    const share = divideQualified(qualified(100e9, "more-than"), qualified(380e9));
    expect(formatQualifiedShare(share)).toBe("more than 26%");
    expect(hasMixedBounds(share.qualifiers)).toBe(false);
    // An exact part of a "more than" whole is at most that share.
    const ofFloor = divideQualified(qualified(100e9), qualified(380e9, "more-than"));
    expect(ofFloor.qualifiers).toEqual(["less-than"]);
    expect(formatQualifiedShare(ofFloor)).toBe("less than 26%");
  });

  it("says a floor divided by a floor is bounded on neither side", () => {
    const share = divideQualified(qualified(100e9, "more-than"), qualified(380e9, "more-than"));
    expect(hasMixedBounds(share.qualifiers)).toBe(true);
    expect(formatQualifiedShare(share)).toBe("roughly 26%");
    expect(qualifierCaveat(share.qualifiers)).toMatch(/higher or lower/);
    expect(qualifierCaveat(qualified(1, "more-than").qualifiers)).toBe("");
  });

  it("refuses what would silently flip a bound or divide by zero", () => {
    expect(() => scaleQualified(qualified(1, "more-than"), -1)).toThrow(RangeError);
    expect(() => divideQualified(qualified(1), qualified(0))).toThrow(RangeError);
    expect(() => qualified(Number.NaN)).toThrow(RangeError);
  });
});
