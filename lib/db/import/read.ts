import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
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
/** Rows handed to the planner at a time: enough to batch its lookups, few enough to keep memory flat. */
export const BATCH_ROWS = 2_000;
const CHUNK_BYTES = 1024 * 1024;

export type ReadResult =
  | { ok: true; rows: number; format: "csv" | "json"; sha256: string }
  | { ok: false; problems: FileProblem[] };

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
  batchRows: number;
}

/** Thrown inside the stream to stop it with a problem that names where. */
class FileRefusal extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems[0]?.message ?? "refused");
  }
}
const refuse = (message: string, row: number | null = null, column: string | null = null) => new FileRefusal([{ row, column, message }]);

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
 * UTF-16 files (a byte-order mark, or NUL bytes between ASCII letters), judged from the
 * file's first bytes and named by the column the first cell would be, for a CSV.
 */
function utf16Problem(head: Buffer, ext: string): FileProblem | null {
  const bomLE = head[0] === 0xff && head[1] === 0xfe;
  const bomBE = head[0] === 0xfe && head[1] === 0xff;
  let oddNul = 0;
  let evenNul = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) oddNul++;
    else evenNul++;
  }
  if (!(bomLE || bomBE || oddNul + evenNul > n / 8)) return null;
  const little = bomLE || (!bomBE && oddNul >= evenNul);
  const decoded = little ? head.subarray(bomLE ? 2 : 0, 4098).toString("utf16le") : Buffer.from(head.subarray(bomBE ? 2 : 0, 4098)).swap16().toString("utf16le");
  const first = ext === ".csv" ? (decoded.split(/\r?\n/)[0]!.split(",")[0]!.trim() || null) : null;
  return {
    row: 1,
    column: first,
    message: `the file is UTF-16 text (${little ? "little" : "big"}-endian${bomLE || bomBE ? ", with a byte-order mark" : ""}); save it as UTF-8`,
  };
}

/**
 * The file as UTF-8 text, a chunk at a time, hashing its bytes on the way. Bytes that do
 * not decode (Latin-1, Windows-1252) stop it with the line and, for a CSV, the column of
 * the first one; a file that holds U+FFFD itself is taken as UTF-8, as before streaming.
 */
function* textChunks(file: string, ext: string, hash: ReturnType<typeof createHash>): Generator<string> {
  const fd = openSync(file, "r");
  try {
    const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let first = true;
    let lines = 1;
    let header: string | null = null;
    let lineSoFar = "";
    let literalReplacement = false;
    let tail = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      const bytes = buffer.subarray(0, n);
      hash.update(bytes);
      if (first) {
        first = false;
        const wide = utf16Problem(bytes, ext);
        if (wide) throw new FileRefusal([wide]);
      }
      const text = decoder.decode(bytes, { stream: n > 0 });
      if (!literalReplacement && Buffer.concat([tail, bytes]).includes(Buffer.from("\uFFFD"))) literalReplacement = true;
      tail = Buffer.from(bytes.subarray(Math.max(0, n - 2)));
      const bad = literalReplacement ? -1 : text.indexOf("\uFFFD");
      if (bad !== -1) {
        const before = text.slice(0, bad);
        const lastNl = before.lastIndexOf("\n");
        const line = lines + (before.match(/\n/g)?.length ?? 0);
        let column: string | null = null;
        if (ext === ".csv") {
          const head = header ?? (lineSoFar + before).split("\n")[0]!;
          const prefix = lastNl === -1 ? lineSoFar + before : before.slice(lastNl + 1);
          // Commas before the bad byte on its line (quoted commas are rare in the columns
          // that come before a description; good enough to point at the cell).
          column = head.replace(/^\uFEFF/, "").split(",")[prefix.split(",").length - 1]?.trim() ?? null;
        }
        throw refuse("the file is not UTF-8 text (it looks like Latin-1 or Windows-1252); save it as UTF-8", line, column);
      }
      const lastNl = text.lastIndexOf("\n");
      if (header === null && lastNl !== -1) header = (lineSoFar + text).split("\n")[0]!;
      lines += text.match(/\n/g)?.length ?? 0;
      lineSoFar = lastNl === -1 ? (lineSoFar + text).slice(-65536) : text.slice(lastNl + 1);
      if (text) yield text;
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Splits a JSON array of rows into its elements as the text streams by, so each row is
 * parsed alone and the file is never whole in memory. It tracks strings and nesting, and
 * refuses nesting deeper than the format needs before parsing (JSON.parse recurses: a file
 * of a million "[" would throw a bare RangeError).
 */
class JsonRowSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private closed = false;
  private expectComma = false;
  private element: string[] = [];
  private elementStart = -1;
  private scalarElement = false;
  rows = 0;

  constructor(private readonly onElement: (text: string, row: number) => void) {}

  write(text: string): void {
    let i = 0;
    const flush = (end: number) => {
      this.element.push(text.slice(this.elementStart, end));
      const whole = this.element.join("");
      this.element = [];
      this.elementStart = -1;
      this.expectComma = true;
      this.onElement(whole, this.rows);
    };
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      if (this.closed) {
        if (!space) throw refuse("not valid JSON: there is text after the array of rows closes");
        continue;
      }
      if (!this.started) {
        if (space) continue;
        if (c !== 0x5b) throw refuse('expected a JSON array of rows, e.g. [{"record": "deal", ...}]');
        this.started = true;
        this.depth = 1;
        continue;
      }
      if (this.depth === 1 && this.elementStart === -1) {
        // Between rows: whitespace, one comma, the closing bracket, or the next row.
        if (space) continue;
        if (c === 0x2c) {
          if (!this.expectComma) throw refuse(`not valid JSON: a stray comma after row ${this.rows}`, this.rows || null);
          this.expectComma = false;
          continue;
        }
        if (c === 0x5d) {
          if (this.rows > 0 && !this.expectComma) throw refuse(`not valid JSON: a comma after the last row (row ${this.rows})`, this.rows);
          this.closed = true;
          this.depth = 0;
          continue;
        }
        if (this.expectComma) throw refuse(`not valid JSON: expected "," or "]" after row ${this.rows}`, this.rows);
        this.rows++;
        this.elementStart = i;
        this.scalarElement = c !== 0x7b && c !== 0x5b;
        if (this.scalarElement) {
          if (c === 0x22) this.inString = true;
          continue;
        }
      }
      if (this.scalarElement) {
        if (c === 0x22) this.inString = true;
        else if (c === 0x2c || c === 0x5d || space) {
          flush(i);
          i--; // let the separator be read between rows
        }
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x5b || c === 0x7b) {
        this.depth++;
        if (this.depth > MAX_JSON_DEPTH) {
          this.element.push(text.slice(this.elementStart, i + 1));
          const where = tooDeep(`[${this.element.join("")}`, MAX_JSON_DEPTH);
          throw new FileRefusal([{ row: this.rows, column: where?.column ?? null, message: where?.message ?? `the JSON nests deeper than ${MAX_JSON_DEPTH} levels` }]);
        }
      } else if (c === 0x5d || c === 0x7d) {
        this.depth--;
        if (this.depth === 1) flush(i + 1);
      }
    }
    if (this.elementStart !== -1) {
      this.element.push(text.slice(this.elementStart));
      this.elementStart = 0;
    }
  }

  end(): void {
    if (!this.started) throw refuse("the file is empty");
    if (!this.closed) throw refuse("not valid JSON: the file ends before the array of rows is closed (it may be cut short)", this.rows || null);
    if (this.rows === 0) throw refuse("the file has no rows");
  }
}

/** One JSON row as cells, or the problems with its fields. */
function jsonRow(item: unknown, row: number, problems: FileProblem[]): RawRow | null {
  if (!item || typeof item !== "object" || Array.isArray(item)) {
    problems.push({ row, column: null, message: 'expected an object with a "record" field' });
    return null;
  }
  // A null-prototype object: assigning a "__proto__" key to a plain {} would set its
  // prototype and drop the field without a word.
  const cells: Cells = Object.create(null) as Cells;
  const known = new Set(ALL_COLUMNS);
  let ok = true;
  for (const [k, v] of Object.entries(item)) {
    if (!known.has(k)) {
      ok = false;
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
      ok = false;
      problems.push({ row, column: k, message: 'expected text, a number, or (for sources) a list of {"source", "locator"}; got a nested object or list' });
      continue;
    }
    cells[k] = cell;
  }
  return ok ? { row, cells } : null;
}

/** Problems with the file itself kept for the report; past this many only the count grows. */
const KEPT_FILE_PROBLEMS = 1_000;

/**
 * Reads an import file as a stream and hands its rows to `onBatch` a batch at a time, so
 * memory stays flat however long the file is. Problems with the file itself (encoding,
 * syntax, unknown columns or fields) are returned; problems with a row's values are the
 * planner's. Rows before a fatal problem may already have been handed on: the caller
 * writes nothing until the whole file has been read.
 */
export async function streamImportFile(
  file: string,
  onBatch: (rows: RawRow[]) => void,
  limits: ReadLimits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS, batchRows: BATCH_ROWS },
): Promise<ReadResult> {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, problems: [{ row: null, column: null, message: `${file} is not a file` }] };
    size = st.size;
  } catch {
    return { ok: false, problems: [{ row: null, column: null, message: `cannot read ${file}: no such file` }] };
  }
  const fail = (message: string): ReadResult => ({ ok: false, problems: [{ row: null, column: null, message }] });
  if (size === 0) return fail("the file is empty");
  if (size > limits.maxBytes) {
    return fail(`the file is ${(size / 1024 / 1024).toFixed(0)} MB; the limit is ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB. Split it into smaller files.`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".json") return fail(`expected a .csv or .json file, got "${ext || "no extension"}"`);

  const hash = createHash("sha256");
  const problems: FileProblem[] = [];
  let problemCount = 0;
  const note = (p: FileProblem) => {
    problemCount++;
    if (problems.length < KEPT_FILE_PROBLEMS) problems.push(p);
  };
  let batch: RawRow[] = [];
  let rows = 0;
  const add = (r: RawRow) => {
    rows++;
    if (rows > limits.maxRows) throw refuse(`the file has more than ${limits.maxRows} rows; the limit is ${limits.maxRows}`);
    batch.push(r);
    if (batch.length >= limits.batchRows) {
      onBatch(batch);
      batch = [];
    }
  };

  try {
    if (ext === ".json") {
      const splitter = new JsonRowSplitter((text, row) => {
        let item: unknown;
        try {
          item = JSON.parse(text);
        } catch (err) {
          throw refuse(`not valid JSON (row ${row}): ${(err as Error).message}`, row);
        }
        const rowProblems: FileProblem[] = [];
        const raw = jsonRow(item, row, rowProblems);
        rowProblems.forEach(note);
        if (raw) add(raw);
        else rows++;
      });
      let any = false;
      for (const text of textChunks(file, ext, hash)) {
        if (!any && text.trim() === "") continue;
        any = true;
        splitter.write(text);
      }
      splitter.end();
    } else {
      let header: string[] | null = null;
      let blank = true;
      const chunks = function* () {
        for (const text of textChunks(file, ext, hash)) {
          if (blank && text.replace(/^\uFEFF/, "").trim() !== "") blank = false;
          yield text;
        }
      };
      await pipeline(
        Readable.from(chunks(), { objectMode: false }),
        parse({ bom: true, skip_empty_lines: true, relax_quotes: false, relax_column_count: false, info: true }),
        async function (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          for await (const { record: values, info } of records) {
            if (!header) {
              if (blank) throw refuse("the file is empty");
              header = values.map((h) => h.trim());
              checkHeader(header);
              continue;
            }
            const cells: Cells = {};
            header.forEach((h, j) => {
              cells[h] = values[j] ?? "";
            });
            // `row` is the file's line number, as a text editor or spreadsheet shows it.
            add({ row: info.lines, cells });
          }
        },
      );
      if (blank) throw refuse("the file is empty");
      if (rows === 0) throw refuse("the file has a header but no rows");
    }
  } catch (err) {
    if (err instanceof FileRefusal) return { ok: false, problems: err.problems };
    const e = err as Error & { lines?: number; code?: string };
    if (!e.code?.startsWith("CSV_")) throw err;
    const where = e.lines ? ` (line ${e.lines})` : "";
    const hint =
      e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
        ? "a row has a different number of cells than the header: the file may be cut short, or a cell holds an unquoted comma"
        : e.code === "CSV_QUOTE_NOT_CLOSED"
          ? "a quoted cell is never closed: the file may be cut short"
          : e.message;
    return { ok: false, problems: [{ row: e.lines ?? null, column: null, message: `the CSV cannot be read${where}: ${hint}` }] };
  }
  if (problemCount) {
    if (problemCount > problems.length) problems.push({ row: null, column: null, message: `… and ${problemCount - problems.length} more problems with fields` });
    return { ok: false, problems };
  }
  if (batch.length) onBatch(batch);
  return { ok: true, rows, format: ext === ".json" ? "json" : "csv", sha256: hash.digest("hex") };
}

function checkHeader(header: string[]): void {
  if (!header.includes("record")) {
    const delimiter = [";", "\t", "|"].find((d) => header.length === 1 && header[0]!.includes(d));
    throw refuse(
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
  if (problems.length) throw new FileRefusal(problems);
}
