/**
 * A fast path for the plain CSV that spreadsheets and scripts write, in front of csv-parse.
 *
 * csv-parse reads about 6 MB/s here (7.5 s for a 200,000-row import, more than the whole
 * import's time budget), so the common case is split with `indexOf` and `split` instead.
 * This parser accepts only a strict subset: one line ending throughout ("\n" or "\r\n"),
 * no line break inside a quoted cell, quotes only around whole cells, the same number of
 * cells on every line. Anything else returns null and the caller hands the text to
 * csv-parse, which keeps its exact error messages and line numbers for broken files.
 * tests/unit/import-csv.test.ts checks that whenever this returns records they are the
 * ones csv-parse (`skip_empty_lines`, `info`) gives for the same text.
 */
export interface CsvRecord {
  values: string[];
  /** The line the record is on, as csv-parse's `info.lines` counts it. */
  line: number;
}

export function parseSimpleCsv(text: string): CsvRecord[] | null {
  const firstNewline = text.indexOf("\n");
  const crlf = firstNewline > 0 && text.charCodeAt(firstNewline - 1) === 13;
  // A bare "\r" (old Mac endings, or mixed endings) is csv-parse's business.
  if (!crlf && text.includes("\r")) return null;
  const records: CsvRecord[] = [];
  let width = -1;
  let start = 0;
  let line = 0;
  const end = text.length;
  while (start < end) {
    line++;
    let stop = text.indexOf("\n", start);
    if (stop === -1) stop = end;
    let lineEnd = stop;
    if (crlf) {
      if (stop < end) {
        if (text.charCodeAt(stop - 1) !== 13) return null;
        lineEnd = stop - 1;
      }
    }
    const body = text.slice(start, lineEnd);
    start = stop + 1;
    if (crlf && body.includes("\r")) return null;
    if (body.length === 0) continue;
    const values = body.includes('"') ? quotedCells(body) : body.split(",");
    if (!values) return null;
    if (width === -1) width = values.length;
    else if (values.length !== width) return null;
    records.push({ values, line });
  }
  return records;
}

/** Cells of one line that has quotes in it; null when a quote is anywhere but around a whole cell. */
function quotedCells(body: string): string[] | null {
  const values: string[] = [];
  let i = 0;
  const n = body.length;
  for (;;) {
    if (body.charCodeAt(i) === 34) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = body.indexOf('"', from);
        if (q === -1) return null; // never closed on this line: a quoted line break, or a cut-short file
        if (body.charCodeAt(q + 1) === 34) {
          value += body.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += body.slice(from, q);
        i = q + 1;
        break;
      }
      values.push(value);
      if (i === n) return values;
      if (body.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      let comma = body.indexOf(",", i);
      if (comma === -1) comma = n;
      const value = body.slice(i, comma);
      if (value.includes('"')) return null;
      values.push(value);
      if (comma === n) return values;
      i = comma + 1;
    }
    if (i === n) {
      values.push("");
      return values;
    }
  }
}
