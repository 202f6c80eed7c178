import { stringify } from "csv-stringify/sync";
import { safeCell } from "./safe-cell";

type Json = unknown;

interface CitationLike {
  sourceTitle?: string;
  sourceSlug?: string;
  outlet?: string | null;
  publishedDate?: string | null;
  dateEstimated?: boolean;
  locator?: string;
  paraphrase?: string | null;
}

/**
 * "Title (Outlet, 2025-10-09) ¶34: what the paragraph supports": a citation readable in a
 * spreadsheet cell; an estimated date reads "c. 2025-02-24".
 */
export function citationText(c: CitationLike): string {
  const date = c.publishedDate ? `${c.dateEstimated ? "c. " : ""}${c.publishedDate}` : "date not printed";
  const where = [c.outlet ?? "outlet unknown", date].join(", ");
  const text = `${c.sourceTitle ?? c.sourceSlug} (${where}) ${c.locator ?? ""}`.trim();
  return c.paraphrase ? `${text}: ${c.paraphrase}` : text;
}

/**
 * Flattens a record for one CSV row: nested objects become prefixed columns, lists of
 * names are joined with "; ", citations become a readable `sources` column.
 */
export function flattenRecord(record: Record<string, Json>, prefix = ""): Record<string, Json> {
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

/** Records to CSV text with a BOM (so spreadsheets read UTF-8) and formula-safe cells. */
export function toCsv(records: Record<string, Json>[], extra: Record<string, Json> = {}): string {
  const flat = records.map((r) => ({ ...flattenRecord(r), ...extra }));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return stringify(
    flat.map((r) => columns.map((c) => safeCell(r[c] ?? null))),
    { header: true, columns, bom: true, cast: { boolean: (b) => (b ? "true" : "false") } },
  );
}
