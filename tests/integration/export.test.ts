import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTempDatabase, DATA, readJson, REPO, tempDir } from "./helpers";

let db: string;
const tsx = path.join(REPO, "node_modules", ".bin", "tsx");
const run = (...args: string[]) => execFileSync(tsx, ["lib/db/export.ts", "--db", db, ...args], { cwd: REPO, encoding: "utf8" });

beforeAll(() => {
  db = buildTempDatabase();
});

describe("db:export", () => {
  it("writes every table as one JSON document with names resolved and every fact cited", () => {
    const doc = JSON.parse(run());
    const t = doc.tables;
    expect(Object.keys(t).sort()).toEqual(
      ["conflicts", "deals", "financials", "fx_rates", "layers", "organizations", "paragraphs", "positions", "sources", "spending"].sort(),
    );
    // Every cited paragraph travels with its paraphrase, in our words.
    expect(t.paragraphs).toHaveLength(readJson(DATA, "paragraphs").length);
    for (const name of ["organizations", "positions", "deals", "financials", "spending"]) {
      for (const row of t[name]) for (const c of row.citations) expect(c.paraphrase, `${name} ${c.source} ${c.locator}`).toMatch(/\w{3}/);
    }
    const pledge = t.spending.find((s: { slug: string }) => s.slug === "alibaba-380bn-pledge");
    expect(pledge.qualifier).toBe("more-than");
    expect(t.positions.find((p: { organization: string }) => p.organization === "c-sky-microsystems")).toMatchObject({
      kind: "merged",
      merged_into: "t-head",
    });
    expect(t.sources.filter((s: { published_date_estimated: boolean }) => s.published_date_estimated).map((s: { slug: string }) => s.slug).sort()).toEqual(
      ["three-year-plan-53bn-2025-02", "world-today-news-2025-02"],
    );
    expect(t.deals).toHaveLength(readJson(DATA, "deals").length);
    for (const name of ["organizations", "positions", "deals", "financials", "spending"]) {
      for (const row of t[name]) expect(row.citations.length, `${name} ${row.slug ?? row.organization}`).toBeGreaterThan(0);
    }
    // Names, not ids: an analyst reads the export without the schema.
    expect(typeof t.deals[0].organization_name).toBe("string");
    expect(typeof t.deals[0].investor).toBe("string");
    for (const c of t.conflicts) expect(c.claims.length).toBeGreaterThanOrEqual(2);
    expect(doc.dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("writes one CSV per table that parses back to the same row counts", () => {
    const out = tempDir();
    run("--format", "csv", "--out", out);
    const files = readdirSync(out).sort();
    expect(files).toContain("deals.csv");
    const deals = parse(readFileSync(path.join(out, "deals.csv")), { columns: true, bom: true }) as Record<string, string>[];
    expect(deals).toHaveLength(readJson(DATA, "deals").length);
    expect(deals.every((r) => r.sources!.length > 0)).toBe(true);
    // The paraphrases have their own table in the CSV export, one row per cited paragraph.
    const paragraphs = parse(readFileSync(path.join(out, "paragraphs.csv")), { columns: true, bom: true }) as Record<string, string>[];
    expect(paragraphs).toHaveLength(readJson(DATA, "paragraphs").length);
    // No text cell may start like a spreadsheet formula.
    for (const f of files) {
      const rows = parse(readFileSync(path.join(out, f)), { bom: true }) as string[][];
      for (const row of rows) for (const cell of row) if (Number.isNaN(Number(cell))) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  it("refuses an unknown format with a usage message", () => {
    expect(() => execFileSync(tsx, ["lib/db/export.ts", "--db", db, "--format", "xml"], { cwd: REPO, stdio: "pipe" })).toThrow(
      /--format must be "json" or "csv"/,
    );
  });
});
