import type { ReactNode } from "react";
import type { CitationView } from "@/lib/queries/citations";
import { SourcesBadge } from "./sources-badge";

/**
 * The frame every chart sits in: a title, a caption saying what is compared, the chart in
 * a fixed-height box (no layout shift), the same numbers as a table, and the sources.
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
}: {
  id: string;
  title: string;
  caption: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  citations: CitationView[];
  tall?: boolean;
  actions?: ReactNode;
}) {
  return (
    <figure className="card" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`} style={{ margin: 0 }}>
      <h2 id={`${id}-title`} style={{ fontSize: "var(--step-1)" }}>
        {title}
      </h2>
      <div className={`chart-box${tall ? " tall" : ""}`}>{chart}</div>
      <figcaption className="chart-caption">
        {caption} <SourcesBadge citations={citations} label={title} />
      </figcaption>
      {actions ? <div className="toolbar" style={{ marginTop: "var(--space-2)" }}>{actions}</div> : null}
      <details data-testid={`chart-${id}-table`} style={{ marginTop: "var(--space-3)" }}>
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll" style={{ marginTop: "var(--space-2)" }}>
          {table}
        </div>
      </details>
    </figure>
  );
}

/** Placeholder of the chart's exact size while its data loads. */
export function ChartSkeleton({ tall = false }: { tall?: boolean }) {
  return (
    <div className="card" aria-busy="true" aria-label="Loading chart">
      <div className="skeleton" style={{ height: "1.5rem", width: "40%", marginBottom: "var(--space-3)" }} />
      <div className={`chart-box skeleton${tall ? " tall" : ""}`} />
      <div className="skeleton" style={{ height: "1rem", width: "70%", marginTop: "var(--space-2)" }} />
    </div>
  );
}
