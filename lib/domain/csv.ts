import { stringify } from "csv-stringify/browser/esm/sync";
import { type CitationLike, citationText } from "./words";

// The one CSV writer: the download routes, the API's csv format and `db:export` all use it.
// csv-stringify's browser build is plain synchronous JavaScript, which Node runs as well.

type Json = unknown;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR before them) as a formula.
 * Text cells that look like that get a leading apostrophe; numbers stay numbers. Shared by
 * the CSV writer here and the xlsx one (lib/views/spreadsheet.ts).
 */
export function safeCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV text with a header and a BOM (so spreadsheets read UTF-8), every cell formula-safe. */
export function csvText(columns: string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { header: true, columns, bom: true, cast: { boolean: (b) => (b ? "true" : "false") } },
  );
}

/**
 * Flattens a record for one CSV row: nested objects become prefixed columns, lists of
 * names are joined with "; ", citations become a readable `sources` column.
 */
function flattenRecord(record: Record<string, Json>, prefix = ""): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (key === "citations" && Array.isArray(value)) {
      out[prefix ? name : "sources"] = (value as CitationLike[]).map(citationText).join("; ");
    } else if (key === "claims" && Array.isArray(value)) {
      out.claims = (value as (CitationLike & { value: string; preferred?: boolean })[])
        .map((c) => `${c.value}${c.preferred ? " [preferred]" : ""} — ${citationText(c)}`)
        .join(" | ");
    } else if (Array.isArray(value)) {
      out[name] = value
        .map((v) => (v && typeof v === "object" ? ((v as { name?: string; slug?: string }).name ?? JSON.stringify(v)) : String(v)))
        .join("; ");
    } else if (value && typeof value === "object") {
      Object.assign(out, flattenRecord(value as Record<string, Json>, name));
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** Records to CSV: one row per record, flattened, columns in order of first appearance. */
export function toCsv(records: Record<string, Json>[], extra: Record<string, Json> = {}): string {
  const flat = records.map((r) => ({ ...flattenRecord(r), ...extra }));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return csvText(columns, flat.map((r) => columns.map((c) => r[c] ?? null)));
}
