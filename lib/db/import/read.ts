import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { ALL_COLUMNS, type Cells } from "../../validation/import";

/** A row as read from the file, before validation; `row` is what a person sees (CSV line or JSON index). */
export interface RawRow {
  row: number;
  cells: Cells;
}

export interface FileProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_ROWS = 2_000_000;

export type ReadResult = { ok: true; rows: RawRow[]; format: "csv" | "json" } | { ok: false; problems: FileProblem[] };

const fail = (message: string, row: number | null = null, column: string | null = null): ReadResult => ({
  ok: false,
  problems: [{ row, column, message }],
});

/** JSON cells become the same text a CSV would hold, so one validator serves both. */
function jsonCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    return value
      .map((v) => (v && typeof v === "object" && "source" in v ? `${(v as { source: string }).source} ${(v as { locator: string }).locator}` : String(v)))
      .join("; ");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function readImportFile(file: string, limits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS }): ReadResult {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return fail(`${file} is not a file`);
    size = st.size;
  } catch {
    return fail(`cannot read ${file}: no such file`);
  }
  if (size === 0) return fail("the file is empty");
  if (size > limits.maxBytes) {
    return fail(`the file is ${(size / 1024 / 1024).toFixed(0)} MB; the limit is ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB. Split it into smaller files.`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".json") return fail(`expected a .csv or .json file, got "${ext || "no extension"}"`);

  const buffer = readFileSync(file);
  let text = buffer.toString("utf8");
  if (text.includes("\uFFFD") && !buffer.includes(Buffer.from("\uFFFD"))) return fail("the file is not UTF-8 text; save it as UTF-8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail("the file is empty");

  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return fail(`not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) return fail('expected a JSON array of rows, e.g. [{"record": "deal", ...}]');
    if (data.length === 0) return fail("the file has no rows");
    if (data.length > limits.maxRows) return fail(`the file has ${data.length} rows; the limit is ${limits.maxRows}`);
    const rows: RawRow[] = [];
    const problems: FileProblem[] = [];
    data.forEach((item, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        problems.push({ row: i + 1, column: null, message: "expected an object with a \"record\" field" });
        return;
      }
      const cells: Cells = {};
      for (const [k, v] of Object.entries(item)) cells[k] = jsonCell(v);
      rows.push({ row: i + 1, cells });
    });
    const unknown = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))].filter((k) => !ALL_COLUMNS.includes(k));
    for (const k of unknown) problems.push({ row: null, column: k, message: `unknown field "${k}"; the fields are ${ALL_COLUMNS.join(", ")}` });
    return problems.length ? { ok: false, problems } : { ok: true, rows, format: "json" };
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, relax_column_count: false, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    const where = e.lines ? ` (line ${e.lines})` : "";
    const hint =
      e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
        ? "a row has a different number of cells than the header: the file may be cut short, or a cell holds an unquoted comma"
        : e.code === "CSV_QUOTE_NOT_CLOSED"
          ? "a quoted cell is never closed: the file may be cut short"
          : e.message;
    return fail(`the CSV cannot be read${where}: ${hint}`, e.lines ?? null);
  }
  if (records.length < 2) return fail("the file has a header but no rows");
  if (records.length - 1 > limits.maxRows) return fail(`the file has ${records.length - 1} rows; the limit is ${limits.maxRows}`);

  const header = records[0]!.record.map((h) => h.trim());
  if (!header.includes("record")) {
    const delimiter = [";", "\t", "|"].find((d) => header.length === 1 && header[0]!.includes(d));
    return fail(
      delimiter
        ? `the header has no "record" column; the file seems to use "${delimiter === "\t" ? "tab" : delimiter}" between cells: save it with commas`
        : `the header has no "record" column (found: ${header.slice(0, 8).join(", ")})`,
      1,
    );
  }
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  header.forEach((h) => {
    if (!ALL_COLUMNS.includes(h)) problems.push({ row: 1, column: h, message: `unknown column "${h}"; the columns are ${ALL_COLUMNS.join(", ")}` });
    if (seen.has(h)) problems.push({ row: 1, column: h, message: `column "${h}" appears twice` });
    seen.add(h);
  });
  if (problems.length) return { ok: false, problems };

  // `row` is the file's line number, as a text editor or spreadsheet shows it.
  const rows: RawRow[] = records.slice(1).map(({ record: values, info }) => {
    const cells: Cells = {};
    header.forEach((h, j) => {
      cells[h] = values[j] ?? "";
    });
    return { row: info.lines, cells };
  });
  return { ok: true, rows, format: "csv" };
}
