"use client";

import { useRef } from "react";
import type { CsvData } from "@/lib/views/csv/download";

// The CSV writer (with its Buffer shim) and the image export are a sizeable part of a page's
// script and only matter on click: each loads on first hover, focus or click, not with the page.
const loadCsv = () => import("@/lib/views/csv/download");
const loadExport = () => import("./chart-export");
const loadXlsx = () => import("@/lib/views/spreadsheet");

/**
 * "Download CSV" and "Download Excel": the rows as shown, each with its sources, and the
 * data date; the Excel file adds a Sources sheet.
 */
export function DownloadCsvButton({ name, data, dataAsOf }: { name: string; data: CsvData; dataAsOf: string | null }) {
  return (
    <span className="download-buttons">
      <FileButton format="csv" name={name} data={data} dataAsOf={dataAsOf} />
      <FileButton format="xlsx" name={name} data={data} dataAsOf={dataAsOf} />
    </span>
  );
}

const FILE_FORMATS = {
  csv: { label: "Download CSV", load: loadCsv },
  xlsx: { label: "Download Excel", load: loadXlsx },
} as const;

/** The file's bytes, built in the browser from the rows the page already holds. */
async function fileBlob(format: keyof typeof FILE_FORMATS, name: string, data: CsvData, dataAsOf: string | null): Promise<Blob> {
  if (format === "csv") {
    const { downloadCsvText } = await loadCsv();
    return new Blob([downloadCsvText(data, dataAsOf)], { type: "text/csv;charset=utf-8" });
  }
  const { downloadXlsxBytes } = await loadXlsx();
  const bytes = await downloadXlsxBytes(data, dataAsOf, name);
  return new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

function FileButton({ format, name, data, dataAsOf }: { format: keyof typeof FILE_FORMATS; name: string; data: CsvData; dataAsOf: string | null }) {
  const { label, load } = FILE_FORMATS[format];
  return (
    <button
      type="button"
      className="button secondary small"
      data-testid={`download-${format}`}
      onPointerEnter={load}
      onFocus={load}
      onClick={async () => {
        const [blob, { downloadName }, { saveBlob }] = await Promise.all([fileBlob(format, name, data, dataAsOf), loadCsv(), loadExport()]);
        saveBlob(blob, downloadName(name, dataAsOf, format));
      }}
    >
      {label}
    </button>
  );
}

/** "Download SVG" and "Download PNG" for the chart inside the same figure. */
export function DownloadChartButtons({ name, title, sources, dataAsOf }: { name: string; title: string; sources: string[]; dataAsOf: string | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  // Recharts draws when the plot is wanted (use-box-size.ts: pointing at or focusing these
  // buttons, inside the figure, asks for it), replacing the page's first, plain
  // drawing; a click that comes first waits for it, and takes the plain one if it never comes.
  const chartSvg = async () => {
    const { plotSvgOf } = await loadExport();
    const figure = () => ref.current?.closest("figure") ?? null;
    for (let waited = 0; waited < 5000; waited += 100) {
      const svg = figure()?.querySelector<SVGSVGElement>(".chart-box svg.recharts-surface");
      if (svg) return svg;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const f = figure();
    return f ? (f.querySelector<SVGSVGElement>(".chart-box svg.recharts-surface") ?? plotSvgOf(f)) : null;
  };
  const warm = () => void Promise.all([loadExport(), loadCsv()]);
  return (
    <span ref={ref} className="download-buttons" onPointerEnter={warm} onFocus={warm}>
      <button
        type="button"
        className="button secondary small"
        data-testid="download-svg"
        onClick={async () => {
          const svg = await chartSvg();
          if (!svg) return;
          const [{ annotatedSvg, saveBlob }, { downloadName }] = await Promise.all([loadExport(), loadCsv()]);
          saveBlob(new Blob([annotatedSvg(svg, title, sources, dataAsOf).text], { type: "image/svg+xml" }), downloadName(name, dataAsOf, "svg"));
        }}
      >
        Download SVG
      </button>
      <button
        type="button"
        className="button secondary small"
        data-testid="download-png"
        onClick={async () => {
          const svg = await chartSvg();
          if (!svg) return;
          const [{ pngOf, saveBlob }, { downloadName }] = await Promise.all([loadExport(), loadCsv()]);
          const png = await pngOf(svg, title, sources, dataAsOf);
          if (png) saveBlob(png, downloadName(name, dataAsOf, "png"));
        }}
      >
        Download PNG
      </button>
    </span>
  );
}
