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
      <CsvButton name={name} data={data} dataAsOf={dataAsOf} />
      <button
        type="button"
        className="button secondary small"
        data-testid="download-xlsx"
        onPointerEnter={loadXlsx}
        onFocus={loadXlsx}
        onClick={async () => {
          const [{ downloadXlsxBytes }, { downloadName }, { saveBlob }] = await Promise.all([loadXlsx(), loadCsv(), loadExport()]);
          const bytes = await downloadXlsxBytes(data, dataAsOf, name);
          saveBlob(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), downloadName(name, dataAsOf, "xlsx"));
        }}
      >
        Download Excel
      </button>
    </span>
  );
}

function CsvButton({ name, data, dataAsOf }: { name: string; data: CsvData; dataAsOf: string | null }) {
  return (
    <button
      type="button"
      className="button secondary small"
      data-testid="download-csv"
      onPointerEnter={loadCsv}
      onFocus={loadCsv}
      onClick={async () => {
        const [{ downloadCsvText, downloadName }, { saveBlob }] = await Promise.all([loadCsv(), loadExport()]);
        saveBlob(new Blob([downloadCsvText(data, dataAsOf)], { type: "text/csv;charset=utf-8" }), downloadName(name, dataAsOf, "csv"));
      }}
    >
      Download CSV
    </button>
  );
}

/** "Download SVG" and "Download PNG" for the chart inside the same figure. */
export function DownloadChartButtons({ name, title, sources, dataAsOf }: { name: string; title: string; sources: string[]; dataAsOf: string | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  // Recharts draws once the chart nears the viewport, replacing the page's first, plain
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
