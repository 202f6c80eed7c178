import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, type DatasetProblem, readDataset } from "@/lib/db/dataset";
import { copyData, DATA, readJson, writeJson } from "./helpers";

type Rec = Record<string, unknown>;

/** Breaks one record of a copy of the dataset and returns the problems the loader reports. */
function problemsAfter(file: string, mutate: (rows: Rec[]) => void): DatasetProblem[] {
  const dir = copyData();
  const rows = readJson<Rec[]>(dir, file);
  mutate(rows);
  writeJson(dir, file, rows);
  try {
    readDataset(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return (err as DatasetError).problems;
  }
  throw new Error("the broken dataset was accepted");
}

describe("the real dataset", () => {
  it("validates, with every fact cited", () => {
    const { dataset, hash } = readDataset(DATA);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const name of ["organizations", "positions", "deals", "financials", "spending"] as const) {
      for (const row of dataset[name]) expect(row.citations.length).toBeGreaterThan(0);
    }
    for (const c of dataset.conflicts) expect(c.claims.length).toBeGreaterThanOrEqual(2);
  });
});

describe("invalid records are rejected with file, record and field", () => {
  it("a wrong type", () => {
    const problems = problemsAfter("deals", (rows) => {
      rows[0]!.amount = "two billion";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: expect.stringMatching(/deals\.json$/), index: 0, field: "amount" });
    expect(problems[0]!.record).toBe(readJson<Rec[]>(DATA, "deals")[0]!.id);
  });

  it("an unknown organization", () => {
    const problems = problemsAfter("financials", (rows) => {
      rows[1]!.organization = "no-such-company";
    });
    expect(problems).toEqual([
      expect.objectContaining({ index: 1, field: "organization", message: 'unknown organization "no-such-company"' }),
    ]);
  });

  it("a missing source", () => {
    const problems = problemsAfter("spending", (rows) => {
      (rows[0]!.citations as Rec[])[0]!.source = "an-article-we-never-read";
    });
    expect(problems[0]).toMatchObject({ index: 0, field: "citations.0.source" });
    expect(problems[0]!.message).toContain("unknown source");
  });

  it("a fact without any citation", () => {
    const problems = problemsAfter("positions", (rows) => {
      rows[2]!.citations = [];
    });
    expect(problems[0]).toMatchObject({ index: 2, field: "citations", message: "every fact cites at least one source" });
  });

  it("a bad currency", () => {
    const problems = problemsAfter("spending", (rows) => {
      const withAmount = rows.findIndex((r) => r.currency !== null);
      rows[withAmount]!.currency = "EUR";
    });
    expect(problems[0]!.field).toBe("currency");
  });

  it("a duplicate", () => {
    const problems = problemsAfter("deals", (rows) => {
      rows.push({ ...rows[0]! });
    });
    const dealCount = readJson<Rec[]>(DATA, "deals").length;
    expect(problems).toEqual([expect.objectContaining({ index: dealCount, field: "id", message: "duplicate of record 1" })]);
  });

  it("a locator past the end of its article", () => {
    const problems = problemsAfter("organizations", (rows) => {
      (rows[0]!.citations as Rec[])[0]!.locator = "¶999";
    });
    expect(problems[0]!.field).toBe("citations.0.locator");
    expect(problems[0]!.message).toContain("past the end");
  });

  it("an unknown field and broken JSON", () => {
    const unknown = problemsAfter("layers", (rows) => {
      rows[0]!.colour = "blue";
    });
    expect(unknown[0]!.message).toMatch(/unrecognized key/i);

    const dir = copyData();
    writeFileSync(path.join(dir, "sources.json"), "[{");
    expect(() => readDataset(dir)).toThrow(/sources\.json: not valid JSON/);
  });

  it("reports every problem at once", () => {
    const problems = problemsAfter("deals", (rows) => {
      rows[0]!.kind = "merger";
      rows[1]!.status = "maybe";
    });
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, "kind"],
      [1, "status"],
    ]);
  });
});
