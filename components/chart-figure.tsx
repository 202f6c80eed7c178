import type { ReactNode } from "react";
import type { CitationView } from "@/lib/views/records";
import { hrefWith } from "@/lib/views/url";
import { DownloadChartButtons } from "./download-buttons";
import { SelectionDownloads } from "./selection-downloads";
import { SectionSources, SourceRefs } from "./source-refs";
import { type SectionSourceIndex, sectionSources } from "@/lib/views/section-sources";

/**
 * The day of a past view the chart's download is of (its `asof`), which the image's file name
 * carries; no prop at all today, so today's page sends the client what it always did.
 */
function pastDay(params: Record<string, string | number | undefined>): { asof?: string } {
  return typeof params.asof === "string" ? { asof: params.asof } : {};
}

/**
 * The frame every chart sits in: a title, a caption saying what is compared, the chart in
 * a fixed-height box (no layout shift), the same numbers as a table, the sources, and
 * downloads (CSV and Excel of the rows as shown, served by the page's download route; SVG and
 * PNG of the chart with its sources).
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
  /**
   * Where the page's download route serves the chart's rows (`path` with `params`, its
   * `table` among them), and the file's base name, which the SVG and PNG share.
   */
  download: { name: string; path: string; params: Record<string, string | number | undefined> };
  /** The data's date, written into every downloaded file. */
  dataAsOf: string | null;
}) {
  const index = sources ?? sectionSources(id, citations);
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
        <SelectionDownloads path={download.path} params={download.params} what={`the numbers of ${title}`} />
        <DownloadChartButtons name={download.name} title={title} sourcesHref={hrefWith(download.path, download.params, { format: "sources" })} dataAsOf={dataAsOf} {...pastDay(download.params)} />
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
