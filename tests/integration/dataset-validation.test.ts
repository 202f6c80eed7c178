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

describe("paragraphs.json: one paraphrase per cited paragraph", () => {
  it("covers exactly the cited paragraphs of the real dataset, ranges included", () => {
    const { dataset } = readDataset(DATA);
    const cited = new Set<string>();
    const add = (c: { source: string; locator: string }) => {
      const [from, to = from] = c.locator.slice(1).split("-").map(Number);
      for (let n = from!; n <= to!; n++) cited.add(`${c.source} ${n}`);
    };
    for (const name of ["organizations", "positions", "deals", "financials", "spending"] as const) {
      for (const row of dataset[name]) row.citations.forEach(add);
    }
    dataset.conflicts.forEach((c) => c.claims.forEach(add));
    expect(new Set(dataset.paragraphs.map((p) => `${p.source} ${p.paragraph}`))).toEqual(cited);
  });

  it("a cited paragraph without a paraphrase", () => {
    const problems = problemsAfter("paragraphs", (rows) => {
      rows.splice(0, 1);
    });
    const first = readJson<Rec[]>(DATA, "paragraphs")[0]!;
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/paragraphs\.json$/),
        index: null,
        record: `${first.source} ¶${first.paragraph}`,
        message: expect.stringContaining("is cited but has no paraphrase"),
      }),
    ]);
  });

  it("a paraphrase of a paragraph nobody cites, one past the end, and a duplicate", () => {
    const problems = problemsAfter("paragraphs", (rows) => {
      rows.push({ source: "dingjiao-one-2025-10", paragraph: 1, supports: "The page header of the translated feature." });
      rows.push({ source: "dingjiao-one-2025-10", paragraph: 99, supports: "A paragraph the article does not have." });
      rows.push({ ...rows[0]! });
    });
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        "no record cites this paragraph; remove the line or cite it",
        '¶99 is past the end of "dingjiao-one-2025-10" (68 paragraphs)',
        expect.stringMatching(/^duplicate of record 1$/),
      ]),
    );
  });

  it("a paraphrase too short to say anything, and an unknown field", () => {
    const problems = problemsAfter("paragraphs", (rows) => {
      rows[0]!.supports = "ok";
      rows[1]!.quote = "copied text";
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 0, field: "supports" }),
        expect.objectContaining({ index: 1, message: expect.stringContaining("quote") }),
      ]),
    );
  });
});

describe("positions say how they count", () => {
  it("each organization has one position, of one kind; merged positions name the unit", () => {
    const { dataset } = readDataset(DATA);
    const bySlug = new Map(dataset.positions.map((p) => [p.organization, p]));
    // The joint venture and its partner are two organizations under two headings.
    expect(bySlug.get("zebra-network")?.kind).toBe("investment");
    expect(bySlug.get("saic")?.kind).toBe("partner");
    expect(bySlug.get("c-sky-microsystems")).toMatchObject({ kind: "merged", mergedInto: "t-head" });
    expect(bySlug.get("kaola")?.kind).toBe("non-ai-holding");
    expect(bySlug.get("deepseek")?.kind).toBe("rumour");
    for (const p of dataset.positions) expect(p.mergedInto === null).toBe(p.kind !== "merged");
  });

  it("a merged position without its unit, and a unit that does not exist", () => {
    const problems = problemsAfter("positions", (rows) => {
      const csky = rows.findIndex((r) => r.organization === "c-sky-microsystems");
      rows[csky]!.mergedInto = null;
      const tHead = rows.findIndex((r) => r.organization === "t-head");
      rows[tHead]!.kind = "merged";
      rows[tHead]!.mergedInto = "no-such-unit";
    });
    expect(problems.map((p) => [p.record, p.field])).toEqual(
      expect.arrayContaining([["c-sky-microsystems", "mergedInto"]]),
    );
    // zod runs first; the cross-file check for the unknown unit follows once the shapes are right.
    const second = problemsAfter("positions", (rows) => {
      const tHead = rows.findIndex((r) => r.organization === "t-head");
      rows[tHead]!.kind = "merged";
      rows[tHead]!.mergedInto = "no-such-unit";
    });
    expect(second).toEqual([
      expect.objectContaining({ record: "t-head", field: "mergedInto", message: 'unknown organization "no-such-unit"' }),
    ]);
  });
});
