import ExcelJS from "exceljs";
import type { CsvData } from "@/lib/views/csv/download";
import { safeCell } from "@/lib/domain/csv";

/**
 * The Excel twin of a CSV download (`downloadCsvText`): the same columns and rows on a
 * "Data" sheet, plus a "Sources" sheet listing each source once with the rows that cite it,
 * and the data date. Written with exceljs (a maintained writer of the OOXML format) rather
 * than by hand; the download routes write it on the server.
 */
export async function downloadXlsxBytes(data: CsvData, dataAsOf: string | null, title: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Alibaba AI Portfolio dashboard";
  book.title = title;
  // A fixed date keeps two downloads of the same data byte-comparable in tests and diffs.
  book.created = book.modified = dataAsOf ? new Date(`${dataAsOf}T00:00:00Z`) : new Date(0);

  const sheet = book.addWorksheet("Data", { views: [{ state: "frozen", ySplit: 1 }] });
  const columns = [...data.columns, "sources", "data_as_of"];
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(60, Math.max(10, c.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  data.rows.forEach((r, i) => {
    // Numbers stay numbers (a spreadsheet sums them); text that would run as a formula is neutralised.
    sheet.addRow([...r, data.rowSources[i] ?? "", dataAsOf ?? "unknown"].map((v) => (typeof v === "number" ? v : safeCell(v))));
  });
  // Widen text columns to their longest cell, within reason.
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(columns[i]!.length, ...data.rows.map((r) => String(r[i] ?? "").length));
    col.width = Math.min(60, Math.max(10, longest + 2));
  });

  const sources = book.addWorksheet("Sources");
  sources.columns = [
    { header: "source", key: "source", width: 80 },
    { header: "rows citing it (row numbers on the Data sheet)", key: "rows", width: 40 },
  ];
  sources.getRow(1).font = { bold: true };
  const byText = new Map<string, number[]>();
  data.rowSources.forEach((text, i) => {
    for (const s of text.split(/;\s+/).map((t) => t.trim()).filter(Boolean)) {
      // Appended in place: copying the list per row was quadratic (10,000 rows citing one source).
      const rows = byText.get(s);
      if (rows) rows.push(i + 2);
      else byText.set(s, [i + 2]);
    }
  });
  for (const [source, rows] of byText) sources.addRow([safeCell(source), rows.join(", ")]);
  sources.addRow([]);
  sources.addRow([`Data as of ${dataAsOf ?? "unknown"}. ${title}. Alibaba AI Portfolio dashboard.`]);

  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** An .xlsx file the browser saves under `filename` rather than shows (proxy.ts adds its validator and Cache-Control, as for a CSV). */
export function xlsxResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(bytes as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
