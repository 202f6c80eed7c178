import { fc, test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parseSimpleCsv } from "@/lib/import/csv";

/** What db:import read before the fast path: csv-parse with the import's options. */
function reference(text: string): { values: string[]; line: number }[] | Error {
  try {
    const records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, relax_column_count: false, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ values: record, line: info.lines }));
  } catch (err) {
    return err as Error;
  }
}

// Cells built from the characters that make CSV hard: separators, quotes, line breaks, spaces.
const cell = fc.string({ unit: fc.constantFrom("a", "Z", "1", " ", ",", '"', "\n", "\r", "é", "¶", ";", "=") , maxLength: 6 });

describe("the fast CSV path agrees with csv-parse", () => {
  test.prop([fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean()], { numRuns: 400 })(
    "files written by a CSV writer: same cells and line numbers, or it defers",
    (rows, crlf, quoteAll) => {
      const width = rows[0]!.length;
      const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
      const text = stringify(table, { record_delimiter: crlf ? "windows" : "unix", quoted: quoteAll });
      const fast = parseSimpleCsv(text);
      const ref = reference(text);
      if (fast !== null) expect(fast).toEqual(ref);
    },
  );

  test.prop([fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " "), maxLength: 40 })], { numRuns: 2000 })(
    "arbitrary text: whenever the fast path answers, csv-parse gives the same records",
    (text) => {
      const fast = parseSimpleCsv(text);
      if (fast === null) return;
      expect(fast).toEqual(reference(text));
    },
  );

  it("answers for the plain files imports are made of, CRLF and empty lines included", () => {
    const text = 'record,id,description\r\ndeal,a-1,"Quoted, with ""quotes"""\r\n\r\ndeal,a-2,plain\r\n';
    const fast = parseSimpleCsv(text);
    expect(fast).toEqual([
      { values: ["record", "id", "description"], line: 1 },
      { values: ["deal", "a-1", 'Quoted, with "quotes"'], line: 2 },
      { values: ["deal", "a-2", "plain"], line: 4 },
    ]);
    expect(fast).toEqual(reference(text));
  });

  it.each([
    ["a line break inside a quoted cell", 'a,b\n"x\ny",z\n'],
    ["a row with fewer cells", "a,b\nx\n"],
    ["a quote inside an unquoted cell", 'a,b\nx"y,z\n'],
    ["an unclosed quote", 'a,b\n"x,z\n'],
    ["text after a closing quote", 'a,b\n"x"y,z\n'],
    ["mixed line endings", "a,b\r\nx,y\nz,w\r\n"],
    ["a bare carriage return", "a,b\rx,y\r"],
  ])("defers to csv-parse on %s", (_name, text) => {
    expect(parseSimpleCsv(text)).toBeNull();
  });
});
