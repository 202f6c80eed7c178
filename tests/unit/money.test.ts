import { describe, it, expect } from "vitest";
import {
  annualise,
  buildFxTable,
  convert,
  formatMoney,
  formatMoneyWords,
  countNoun,
  formatCount,
  formatCountShort,
  formatNumber,
  formatPercent,
  impliedPerUsd,
  periodYears,
  qualifierLabel,
  rateFor,
  rateLabel,
  rateShortLabel,
  type FxRate,
} from "../../lib/domain/money";
import type { Currency } from "../../lib/domain/vocabulary";

function rate(currency: Currency, perUsd: number, extra: Partial<FxRate> = {}): FxRate {
  return {
    currency,
    perUsd,
    asOf: "2025-02-24",
    basis: "implied-by-source",
    sources: ["reuters-380bn-pledge", "scmp-380bn-pledge"],
    isDefault: false,
    note: "Test rate; not from the dataset.",
    ...extra,
  };
}

// The 55 bn reading comes first so the default has to be found, not just taken first.
const rates: FxRate[] = [
  rate("CNY", 380 / 55),
  rate("CNY", 7.1698, { isDefault: true }),
  rate("CNY", 10, { basis: "headline-implied" }),
  rate("GBP", 0.79, { basis: "reference", sources: [] }),
  rate("JPY", 150, { basis: "reference", sources: [] }),
];
const table = buildFxTable(rates);

/** Relative closeness, since toBeCloseTo's absolute digits are useless at 1e10 scale. */
function expectRelClose(actual: number, expected: number, tolerance = 1e-9) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe("buildFxTable", () => {
  it("prefers the rate flagged isDefault over an earlier one", () => {
    expect(table.CNY?.perUsd).toBe(7.1698);
  });

  it("falls back to the first rate when none is default", () => {
    const t = buildFxTable([rate("CNY", 7.2), rate("CNY", 7.3)]);
    expect(t.CNY?.perUsd).toBe(7.2);
  });

  it("supplies USD = 1 when the data leaves it out", () => {
    expect(table.USD?.perUsd).toBe(1);
    expect(table.USD?.asOf).toBe("2025-02-24");
  });

  it("rejects two defaults for one currency", () => {
    expect(() =>
      buildFxTable([rate("CNY", 7.1, { isDefault: true }), rate("CNY", 7.2, { isDefault: true })]),
    ).toThrow(/Two default FX rates for CNY/);
  });

  it("rejects a USD rate other than 1 and non-positive rates", () => {
    expect(() => buildFxTable([rate("USD", 1.1)])).toThrow(/USD rate must be 1/);
    expect(() => buildFxTable([rate("GBP", 0)])).toThrow(/positive/);
  });

  it("throws when asked for a currency it has no rate for", () => {
    const t = buildFxTable([rate("CNY", 7.1698)]);
    expect(() => rateFor(t, "JPY")).toThrow(/No FX rate for JPY/);
    expect(() => buildFxTable([])).not.toThrow();
    expect(() => rateFor(buildFxTable([]), "USD")).toThrow(/no rates/);
  });
});

describe("convert", () => {
  it("converts the 380 bn yuan pledge to about 53 bn US dollars at 7.1698", () => {
    const result = convert(380e9, "CNY", "USD", table);
    expectRelClose(result.value, 53_000_083_684.34);
    expectRelClose(result.value, 53e9, 1e-5);
    expectRelClose(result.perUnit, 1 / 7.1698);
    expect(result.rate.from.perUsd).toBe(7.1698);
    expect(result.rate.to.currency).toBe("USD");
  });

  it("converts USD to CNY the other way", () => {
    const result = convert(53e9, "USD", "CNY", table);
    expectRelClose(result.value, 379_999_400_000);
    expect(result.perUnit).toBe(7.1698);
  });

  it("goes through USD between two non-USD currencies (CNY -> GBP)", () => {
    const result = convert(380e9, "CNY", "GBP", table);
    expectRelClose(result.value, 41_870_066_110.63);
    expectRelClose(result.perUnit, 0.79 / 7.1698);
    // Converting back must return the original within floating-point noise.
    expectRelClose(convert(result.value, "GBP", "CNY", table).value, 380e9, 1e-12);
  });

  it("is the identity when both currencies are the same", () => {
    const result = convert(123_456.789, "JPY", "JPY", table);
    expect(result.value).toBe(123_456.789);
    expect(result.perUnit).toBe(1);
    expect(result.rate.from).toBe(result.rate.to);
  });

  it("throws a clear error for an unknown currency", () => {
    expect(() => convert(1, "EUR" as Currency, "USD", table)).toThrow(/Unknown currency "EUR"/);
    expect(() => convert(1, "USD", "EUR" as Currency, table)).toThrow(/Unknown currency "EUR"/);
  });

  it("throws for a known currency missing from the table", () => {
    const t = buildFxTable([rate("CNY", 7.1698)]);
    expect(() => convert(1, "CNY", "GBP", t)).toThrow(/No FX rate for GBP/);
  });

  it("refuses non-finite amounts", () => {
    expect(() => convert(Number.NaN, "CNY", "USD", table)).toThrow(/finite/);
  });
});

describe("impliedPerUsd", () => {
  it("reads the rate behind '380 bn yuan, about 53 bn US dollars'", () => {
    expect(impliedPerUsd(380e9, 53e9)).toBeCloseTo(7.1698, 4);
  });

  it("reads the rate behind the 55 bn dollar version", () => {
    expect(impliedPerUsd(380e9, 55e9)).toBeCloseTo(6.9091, 4);
  });

  it("shows the 38 bn headline implies 10 per USD, matching neither article", () => {
    const headline = impliedPerUsd(380e9, 38e9);
    expect(headline).toBe(10);
    expect(Math.abs(headline - impliedPerUsd(380e9, 53e9))).toBeGreaterThan(2);
    expect(Math.abs(headline - impliedPerUsd(380e9, 55e9))).toBeGreaterThan(2);
  });

  it("rejects zero or negative amounts", () => {
    expect(() => impliedPerUsd(380e9, 0)).toThrow(RangeError);
    expect(() => impliedPerUsd(-1, 53e9)).toThrow(RangeError);
  });
});

describe("periodYears and annualise", () => {
  it("spreads the three-year pledge over 36 months, leap day included", () => {
    expect(periodYears("2025-03-01", "2028-02-29")).toBe(3);
    expect(annualise(380e9, "2025-03-01", "2028-02-29")).toBeCloseTo(380e9 / 3, 0);
  });

  it("multiplies a quarter by four", () => {
    expect(periodYears("2025-04-01", "2025-06-30")).toBe(0.25);
    expect(annualise(12e9, "2025-04-01", "2025-06-30")).toBe(48e9);
  });

  it("treats a calendar year and an April-March fiscal year as one year", () => {
    expect(periodYears("2025-01-01", "2025-12-31")).toBe(1);
    expect(annualise(53e9, "2024-07-01", "2025-06-30")).toBe(53e9);
    expect(annualise(7e9, "2024-04-01", "2025-03-31")).toBe(7e9);
  });

  it("uses days / 365.25 for a range that is not month-aligned", () => {
    // 2025-01-15 .. 2025-07-14 inclusive is 181 days.
    expect(periodYears("2025-01-15", "2025-07-14")).toBeCloseTo(181 / 365.25, 12);
    expectRelClose(annualise(1e9, "2025-01-15", "2025-07-14"), 2_017_955_801.1);
  });

  it("counts a single day as one day", () => {
    expect(periodYears("2025-02-24", "2025-02-24")).toBeCloseTo(1 / 365.25, 12);
  });

  it("rejects reversed periods and impossible dates", () => {
    expect(() => periodYears("2025-12-31", "2025-01-01")).toThrow(/before its start/);
    expect(() => periodYears("2025-02-30", "2025-03-31")).toThrow(/ISO date/);
    expect(() => periodYears("2025-02", "2025-03-31")).toThrow(/ISO date/);
  });
});

describe("formatMoney", () => {
  it("is compact by default", () => {
    expect(formatMoney(380e9, "CNY")).toBe("CN¥380B");
    expect(formatMoney(53e9, "USD")).toBe("$53B");
    expect(formatMoney(5e9, "GBP")).toBe("£5B");
  });

  it("can spell out the full amount", () => {
    expect(formatMoney(1_234_567.891, "USD", { compact: false })).toBe("$1,234,567.89");
    expect(formatMoney(1_550_000_000, "USD", { compact: false, maximumFractionDigits: 0 })).toBe(
      "$1,550,000,000",
    );
  });

  it("honours maximumFractionDigits in compact mode", () => {
    expect(formatMoney(11.94e12, "JPY", { maximumFractionDigits: 2 })).toBe("¥11.94T");
  });

  it("follows the locale", () => {
    expect(formatMoney(5e9, "GBP", { locale: "en-GB" })).toBe("£5bn");
  });
});

describe("formatMoneyWords", () => {
  it("writes figures in our readable style", () => {
    expect(formatMoneyWords(380e9, "CNY")).toBe("380 bn yuan");
    expect(formatMoneyWords(53e9, "USD")).toBe("53 bn US dollars");
    expect(formatMoneyWords(5e9, "GBP")).toBe("5 bn pounds");
    expect(formatMoneyWords(11.94e12, "JPY")).toBe("11.94 tn yen");
    expect(formatMoneyWords(500e6, "CNY")).toBe("500 m yuan");
  });

  it("moves up a scale when rounding reaches 1,000", () => {
    expect(formatMoneyWords(999.999e9, "USD")).toBe("1 tn US dollars");
  });

  it("writes small amounts in full, singular for one", () => {
    expect(formatMoneyWords(250_000, "GBP")).toBe("250,000 pounds");
    expect(formatMoneyWords(1, "USD")).toBe("1 US dollar");
  });
});

describe("formatPercent and formatNumber", () => {
  it("always shows the sign of a change", () => {
    expect(formatPercent(386)).toBe("+386%");
    expect(formatPercent(-2.5)).toBe("-2.5%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(12.345)).toBe("+12.3%");
  });

  it("groups thousands and trims decimals", () => {
    expect(formatNumber(1_234_567.891)).toBe("1,234,567.89");
    expect(formatNumber(-0.5)).toBe("-0.5");
  });

  it("writes a count with its noun, grouped, singular only for one", () => {
    expect(formatCount(1_000_025, "deal")).toBe("1,000,025 deals");
    expect(formatCount(1, "deal")).toBe("1 deal");
    expect(formatCount(0, "company", "companies")).toBe("0 companies");
    expect(formatCount(12_000, "company", "companies")).toBe("12,000 companies");
    expect(formatCount(2_500, "deal", "deals", { locale: "de-DE" })).toBe("2.500 deals");
    expect(countNoun(1, "Deal")).toBe("Deal");
    expect(countNoun(0, "Financial figure")).toBe("Financial figures");
  });

  it("shortens counts only where they would not fit a chart's axis", () => {
    expect(formatCountShort(950)).toBe("950");
    expect(formatCountShort(9_500)).toBe("9,500");
    expect(formatCountShort(50_000)).toBe("50K");
    expect(formatCountShort(150_000)).toBe("150K");
    expect(formatCountShort(1_250_000)).toBe("1.3M");
  });
});

describe("qualifierLabel", () => {
  it("turns each qualifier into reader-facing words", () => {
    expect(qualifierLabel("exact")).toBe("");
    expect(qualifierLabel("about")).toBe("about");
    expect(qualifierLabel("more-than")).toBe("more than");
    expect(qualifierLabel("at-least")).toBe("at least");
    expect(qualifierLabel("less-than")).toBe("less than");
    expect(qualifierLabel("up-to")).toBe("up to");
    expect(qualifierLabel("as-much-as")).toBe("as much as");
    expect(qualifierLabel("expected")).toBe("expected");
    expect(qualifierLabel("approaching")).toBe("approaching");
  });
});

describe("rateShortLabel", () => {
  it("states the rate alone, with the decimals its size needs, and is where rateLabel starts", () => {
    expect(rateShortLabel(table.CNY!)).toBe("1 USD = 7.17 CNY");
    const gbp = rate("GBP", 0.7912, { basis: "reference", asOf: "2025-03-01" });
    expect(rateShortLabel(gbp)).toBe("1 USD = 0.7912 GBP");
    expect(rateLabel(gbp).startsWith(`${rateShortLabel(gbp)} (`)).toBe(true);
  });
});

describe("rateLabel", () => {
  it("states the rate, its basis and its date", () => {
    expect(rateLabel(table.CNY!)).toBe("1 USD = 7.17 CNY (implied by sources, as of 2025-02-24)");
    expect(rateLabel(rate("GBP", 0.7912, { basis: "reference", asOf: "2025-03-01" }))).toBe(
      "1 USD = 0.7912 GBP (reference rate, as of 2025-03-01)",
    );
    expect(rateLabel(rate("CNY", 10, { basis: "headline-implied" }))).toBe(
      "1 USD = 10 CNY (implied by a headline figure, as of 2025-02-24)",
    );
  });
});
