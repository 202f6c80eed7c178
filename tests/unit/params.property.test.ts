import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { DEAL_KINDS, DEAL_STATUSES, LAYERS, POSITION_STATUSES, RELATIONSHIPS, SPENDING_SCOPES } from "@/lib/domain/vocabulary";
import {
  cleanText,
  MAX_SEARCH_LENGTH,
  MAX_YEAR,
  MIN_YEAR,
  parseCapexParams,
  parseDealsParams,
  parsePortfolioParams,
  type RawParams,
  slugParam,
} from "@/lib/validation/params";

/** Hostile strings: unicode of every plane, control characters, markup, SQL, huge lengths. */
const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\u202e\u0000\u200b",
    "../../etc/passwd",
    "basic\u0000",
    "BASIC",
    " basic ",
    "ｂａｓｉｃ",
    "x".repeat(10_000),
    "1e3",
    "-1",
    "2025.5",
    "٢٠٢٥",
  ),
);
const value = fc.oneof(hostile, fc.array(hostile, { minLength: 2, maxLength: 3 }), fc.constant(undefined));
const keys = ["layer", "relationship", "status", "segment", "q", "view", "page", "kind", "from", "to", "mode", "currency", "scope", "x", "__proto__", "constructor"];
const rawParams = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 }) as fc.Arbitrary<RawParams>;

const oneOf = (values: readonly string[], v: unknown) => v === undefined || values.includes(v as string);

describe("every params parser never throws and keeps its output in bounds", () => {
  test.prop([rawParams])("portfolio", (raw) => {
    const r = parsePortfolioParams(raw);
    expect(oneOf(LAYERS, r.data.layer)).toBe(true);
    expect(oneOf(RELATIONSHIPS, r.data.relationship)).toBe(true);
    expect(oneOf(POSITION_STATUSES, r.data.status)).toBe(true);
    expect(oneOf(["map", "table"], r.data.view)).toBe(true);
    if (r.data.segment !== undefined) expect(slugParam.safeParse(r.data.segment).success).toBe(true);
    if (r.data.q !== undefined) {
      expect(r.data.q.length).toBeGreaterThan(0);
      expect(r.data.q.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
      expect(r.data.q).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    if (r.data.page !== undefined) expect(Number.isInteger(r.data.page) && r.data.page >= 1 && r.data.page <= 100_000).toBe(true);
    if (!r.ok) for (const p of r.problems) expect(keys).toContain(p.param);
  });

  test.prop([rawParams])("deals", (raw) => {
    const r = parseDealsParams(raw);
    expect(oneOf(LAYERS, r.data.layer)).toBe(true);
    expect(oneOf(DEAL_KINDS, r.data.kind)).toBe(true);
    expect(oneOf(DEAL_STATUSES, r.data.status)).toBe(true);
    for (const y of [r.data.from, r.data.to]) if (y !== undefined) expect(Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR).toBe(true);
    if (r.ok && r.data.from !== undefined && r.data.to !== undefined) expect(r.data.from).toBeLessThanOrEqual(r.data.to);
  });

  test.prop([rawParams])("capex", (raw) => {
    const r = parseCapexParams(raw);
    expect(oneOf(["stated", "annual"], r.data.mode)).toBe(true);
    expect(oneOf(["USD", "CNY"], r.data.currency)).toBe(true);
    expect(oneOf(["all", ...SPENDING_SCOPES], r.data.scope)).toBe(true);
  });

  test.prop([fc.string({ unit: "binary", maxLength: 200 })])("cleanText is idempotent and strips invisible characters", (s) => {
    const once = cleanText(s);
    expect(cleanText(once)).toBe(once);
    expect(once).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(once).toBe(once.trim());
  });
});

describe("the parsers accept every valid value and reject repeats", () => {
  test.prop([fc.constantFrom(...LAYERS), fc.constantFrom(...RELATIONSHIPS), fc.constantFrom(...POSITION_STATUSES)])(
    "valid portfolio filters round-trip",
    (layer, relationship, status) => {
      const r = parsePortfolioParams({ layer, relationship, status });
      expect(r).toEqual({ ok: true, data: { layer, relationship, status } });
    },
  );

  test.prop([fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), fc.integer({ min: MIN_YEAR, max: MAX_YEAR })])("year ranges", (a, b) => {
    const r = parseDealsParams({ from: String(a), to: String(b) });
    expect(r.ok).toBe(a <= b);
  });

  test.prop([fc.constantFrom(...LAYERS), fc.constantFrom(...LAYERS)])("a repeated parameter is a problem naming it", (a, b) => {
    const r = parsePortfolioParams({ layer: [a, b] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ param: "layer", message: expect.stringContaining("more than once") });
  });
});
