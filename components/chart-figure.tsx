import type { ReactNode } from "react";
import { citationText } from "@/lib/domain/words";
import type { CsvData } from "@/lib/views/csv/download";
import type { CitationView } from "@/lib/views/records";
import { DownloadChartButtons, DownloadCsvButton } from "./download-buttons";
import { SourcesBadge } from "./sources-badge";

/**
 * The frame every chart sits in: a title, a caption saying what is compared, the chart in
 * a fixed-height box (no layout shift), the same numbers as a table, the sources, and
 * downloads (CSV of the rows as shown, SVG and PNG of the chart with its sources).
 */
export function ChartFigure({
  id,
  title,
  caption,
  chart,
  table,
  citations,
  tall = false,
  actions,
  download,
  dataAsOf,
}: {
  id: string;
  title: string;
  caption: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  citations: CitationView[];
  tall?: boolean;
  actions?: ReactNode;
  /** The rows behind the chart, as shown, for "Download CSV". */
  download?: { name: string; data: CsvData };
  /** The data's date, written into every downloaded file. */
  dataAsOf: string | null;
}) {
  const sources = [...new Set(citations.map((c) => citationText(c)))];
  return (
    <figure className="card" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`} style={{ margin: 0 }}>
      <h2 id={`${id}-title`} style={{ fontSize: "var(--step-1)" }}>
        {title}
      </h2>
      {/* Focusable, so a keyboard user reaches the chart and hears its summary. */}
      <div className={`chart-box${tall ? " tall" : ""}`} tabIndex={0} aria-describedby={`${id}-caption`}>
        {chart}
      </div>
      <figcaption className="chart-caption" id={`${id}-caption`}>
        {caption} <SourcesBadge citations={citations} label={title} />
      </figcaption>
      <div className="toolbar" style={{ marginTop: "var(--space-2)", marginBottom: 0 }}>
        {actions}
        {download ? <DownloadCsvButton name={download.name} data={download.data} dataAsOf={dataAsOf} /> : null}
        <DownloadChartButtons name={download?.name ?? id} title={title} sources={sources} dataAsOf={dataAsOf} />
      </div>
      <details data-testid={`chart-${id}-table`} style={{ marginTop: "var(--space-3)" }}>
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll" style={{ marginTop: "var(--space-2)" }}>
          {table}
        </div>
      </details>
    </figure>
  );
}
