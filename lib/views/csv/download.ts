import { csvText } from "@/lib/domain/csv";

/** What a chart or table offers for download: the rows as shown, plus where they come from. */
export interface CsvData {
  columns: string[];
  rows: (string | number | null)[][];
  /** One readable citation per row ("Title (Outlet, 2025-10-09) ¶34; ..."), same order as rows. */
  rowSources: string[];
}

/**
 * One table a page offers as a file, as its page's download route serves it: the file's
 * base name, its rows, and for a chart the texts its SVG and PNG name as sources.
 */
export interface TableFile {
  name: string;
  data: CsvData;
  chartSources?: string[];
}

/**
 * The CSV text of a download: the shown columns, a `sources` column per row and a
 * `data_as_of` column, so the file still says where its numbers come from once it is
 * far from the page. Cells that a spreadsheet would run as formulas are neutralised.
 */
export function downloadCsvText(data: CsvData, dataAsOf: string | null): string {
  const columns = [...data.columns, "sources", "data_as_of"];
  return csvText(columns, data.rows.map((r, i) => [...r, data.rowSources[i] ?? "", dataAsOf ?? "unknown"]));
}
