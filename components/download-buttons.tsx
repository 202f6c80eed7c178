"use client";

import { useRef } from "react";
import { downloadName } from "@/lib/views/file-name";

// The image export is only needed on click: it loads on first hover, focus or click, not with the page.
const loadExport = () => import("./chart-export");

/**
 * "Download SVG" and "Download PNG" for the chart inside the same figure, captioned with
 * its title, sources and data date. The sources' texts are fetched from the page's
 * download route (`sourcesHref`, its `format=sources`) when wanted, not carried in the page:
 * the figure's own source list groups citations by article, so its text is not the caption's.
 */
export function DownloadChartButtons({ name, title, sourcesHref, dataAsOf, asof }: { name: string; title: string; sourcesHref: string; dataAsOf: string | null; asof?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const sources = useRef<Promise<string[]> | null>(null);
  const sourceTexts = () =>
    (sources.current ??= fetch(sourcesHref).then((r) => {
      if (!r.ok) {
        sources.current = null;
        throw new Error(`The chart's sources could not be loaded (${r.status}).`);
      }
      return r.json() as Promise<string[]>;
    }));
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
  const warm = () => void Promise.all([loadExport(), sourceTexts()]).catch(() => undefined);
  return (
    <span ref={ref} className="download-buttons" onPointerEnter={warm} onFocus={warm}>
      <button
        type="button"
        className="button secondary small"
        data-testid="download-svg"
        onClick={async () => {
          const svg = await chartSvg();
          if (!svg) return;
          const [{ annotatedSvg, saveBlob }, texts] = await Promise.all([loadExport(), sourceTexts()]);
          saveBlob(new Blob([annotatedSvg(svg, title, texts, dataAsOf).text], { type: "image/svg+xml" }), downloadName(name, dataAsOf, "svg", asof));
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
          const [{ pngOf, saveBlob }, texts] = await Promise.all([loadExport(), sourceTexts()]);
          const png = await pngOf(svg, title, texts, dataAsOf);
          if (png) saveBlob(png, downloadName(name, dataAsOf, "png", asof));
        }}
      >
        Download PNG
      </button>
    </span>
  );
}
