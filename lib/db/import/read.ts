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

/** Row-object keys that name JavaScript internals: refused by name, never assigned. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** The array of rows, a row, its list of sources, one source. */
export const MAX_JSON_DEPTH = 4;

const scalar = (v: unknown) => v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * JSON cells become the same text a CSV would hold, so one validator serves both. A cell
 * is a scalar, or a list of scalars or of {source, locator} pairs; anything else (an
 * object, a list of lists) is more structure than the format has: null.
 */
function jsonCell(value: unknown): string | null {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const v of value) {
      if (scalar(v)) parts.push(String(v ?? ""));
      else if (v && typeof v === "object" && !Array.isArray(v)) {
        const entries = Object.entries(v);
        if (!entries.every(([k, x]) => (k === "source" || k === "locator") && scalar(x))) return null;
        const { source, locator } = v as { source?: unknown; locator?: unknown };
        parts.push(`${String(source ?? "")} ${String(locator ?? "")}`);
      } else return null;
    }
    return parts.join("; ");
  }
  if (typeof value === "object") return null;
  return String(value);
}

/**
 * The first place where the JSON text nests deeper than `max` arrays and objects, as a
 * problem naming the row (the top-level element) and the field, or null. A scan of the
 * characters that tracks strings, so it costs one pass and no recursion.
 */
function tooDeep(text: string, max: number): FileProblem | null {
  let depth = 0;
  let row = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        if (depth === 2) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 2) {
        row++;
        lastKey = null;
      }
      if (depth > max) {
        return {
          row: row || null,
          column: depth > 2 ? lastKey : null,
          message: `the JSON nests ${depth} levels deep here; the format has at most ${max} (rows, a row, its sources, one source)`,
        };
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/**
 * Files that are not UTF-8: UTF-16 (a byte-order mark, or NUL bytes between ASCII
 * letters) and single-byte encodings such as Latin-1 or Windows-1252 (bytes that do not
 * decode). Named by line and, for a CSV, by the column the first bad byte sits in.
 */
function encodingProblem(buffer: Buffer, ext: string): FileProblem | null {
  const head = buffer.subarray(0, 4096);
  const bomLE = head[0] === 0xff && head[1] === 0xfe;
  const bomBE = head[0] === 0xfe && head[1] === 0xff;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) oddNul++;
    else evenNul++;
  }
  if (bomLE || bomBE || oddNul + evenNul > head.length / 8) {
    const little = bomLE || (!bomBE && oddNul >= evenNul);
    const decoded = little ? buffer.subarray(bomLE ? 2 : 0, 4098).toString("utf16le") : Buffer.from(buffer.subarray(bomBE ? 2 : 0, 4098)).swap16().toString("utf16le");
    const first = ext === ".csv" ? (decoded.split(/\r?\n/)[0]!.split(",")[0]!.trim() || null) : null;
    return {
      row: 1,
      column: first,
      message: `the file is UTF-16 text (${little ? "little" : "big"}-endian${bomLE || bomBE ? ", with a byte-order mark" : ""}); save it as UTF-8`,
    };
  }
  const text = buffer.toString("utf8");
  const bad = text.indexOf("\uFFFD");
  if (bad === -1 || buffer.includes(Buffer.from("\uFFFD"))) return null;
  const before = text.slice(0, bad);
  const line = before.split("\n").length;
  let column: string | null = null;
  if (ext === ".csv") {
    const header = text.slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n")).replace(/^\uFEFF/, "").split(",");
    const lineStart = before.lastIndexOf("\n") + 1;
    // Commas before the bad byte on its line (quoted commas are rare in the columns that
    // come before a description; good enough to point at the cell).
    const index = before.slice(lineStart).split(",").length - 1;
    column = header[index]?.trim() ?? null;
  }
  return {
    row: line,
    column,
    message: "the file is not UTF-8 text (it looks like Latin-1 or Windows-1252); save it as UTF-8",
  };
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
  const encoding = encodingProblem(buffer, ext);
  if (encoding) return { ok: false, problems: [encoding] };
  let text = buffer.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail("the file is empty");

  if (ext === ".json") {
    // JSON.parse recurses: a file of a million "[" throws a bare RangeError. The format
    // needs four levels (the array of rows, a row, its list of sources, one source), so
    // anything deeper is refused, naming where, before parsing.
    const deep = tooDeep(text, MAX_JSON_DEPTH);
    if (deep) return { ok: false, problems: [deep] };
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
    const known = new Set(ALL_COLUMNS);
    data.forEach((item, i) => {
      const row = i + 1;
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        problems.push({ row, column: null, message: "expected an object with a \"record\" field" });
        return;
      }
      // A null-prototype object: assigning a "__proto__" key to a plain {} would set its
      // prototype and drop the field without a word.
      const cells: Cells = Object.create(null) as Cells;
      for (const [k, v] of Object.entries(item)) {
        if (!known.has(k)) {
          problems.push({
            row,
            column: k,
            message: FORBIDDEN_KEYS.has(k)
              ? `"${k}" is not a field name an import accepts (it names a JavaScript internal); remove it`
              : `unknown field "${k}"; the fields are ${ALL_COLUMNS.join(", ")}`,
          });
          continue;
        }
        const cell = jsonCell(v);
        if (cell === null) {
          problems.push({ row, column: k, message: "expected text, a number, or (for sources) a list of {\"source\", \"locator\"}; got a nested object or list" });
          continue;
        }
        cells[k] = cell;
      }
      rows.push({ row, cells });
    });
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
