import type { ReactNode } from "react";
import { citationText } from "@/lib/domain/words";
import type { CsvData } from "@/lib/views/csv/download";
import type { CitationView } from "@/lib/views/records";
import { DownloadChartButtons, DownloadCsvButton } from "./download-buttons";
import { SectionSources, SourceRefs } from "./source-refs";
import { type SectionSourceIndex, sectionSources } from "@/lib/views/section-sources";

/**
 * The frame every chart sits in: a title, a caption saying what is compared, the chart in
 * a fixed-height box (no layout shift), the same numbers as a table, the sources, and
 * downloads (CSV of the rows as shown, SVG and PNG of the chart with its sources).
 * The sources are one numbered list: the caption and the table's rows carry numbered links
 * to it. The chart lists its own sources after its table, unless `sources` says the
 * enclosing section lists them (a company page's section) and `sourcesListed` is set.
 */
export function ChartFigure({
  id,
  title,
  caption,
  chart,
  table,
  citations,
  sources,
  sourcesListed = false,
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
  /** The chart's numbered source list, when the widget built it for its table's rows too. */
  sources?: SectionSourceIndex;
  /** The enclosing section renders `sources` itself: no list under this chart. */
  sourcesListed?: boolean;
  tall?: boolean;
  actions?: ReactNode;
  /** The rows behind the chart, as shown, for "Download CSV". */
  download?: { name: string; data: CsvData };
  /** The data's date, written into every downloaded file. */
  dataAsOf: string | null;
}) {
  const index = sources ?? sectionSources(id, citations);
  const sourceTexts = [...new Set(citations.map((c) => citationText(c)))];
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
        {caption} <SourceRefs index={index} citations={citations} label={title} />
      </figcaption>
      <div className="toolbar" style={{ marginTop: "var(--space-2)", marginBottom: 0 }}>
        {actions}
        {download ? <DownloadCsvButton name={download.name} data={download.data} dataAsOf={dataAsOf} /> : null}
        <DownloadChartButtons name={download?.name ?? id} title={title} sources={sourceTexts} dataAsOf={dataAsOf} />
      </div>
      <details data-testid={`chart-${id}-table`} style={{ marginTop: "var(--space-3)" }}>
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll" style={{ marginTop: "var(--space-2)" }}>
          {table}
        </div>
      </details>
      {sourcesListed ? null : <SectionSources index={index} />}
    </figure>
  );
}
