import { AppLink } from "@/components/app-link";
import { SelectionDownloads } from "@/components/selection-downloads";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { type SectionSourceIndex, sectionSources } from "@/lib/views/section-sources";
import { type ComparableBar, type ComparableView, coversText, formatCapexValue, perYearNote, ratesUsed, rowCitations } from "@/lib/views/capex";
import { SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { rateLabel } from "@/lib/domain/money";
import { CapexTable } from "@/components/capex/capex-table";
import { KindLegend } from "@/components/capex/kind-legend";
import { Swatch } from "@/components/swatch";
import styles from "./capex.module.css";

/**
 * Alibaba's per-year figure beside each competitor's closest comparable one, drawn as
 * HTML bars: every bar's text (what it covers, how it differs from Alibaba's, what was
 * left out) wraps instead of being clipped, and it all renders on the server.
 */
export function ComparableFigure({
  id,
  view,
  currency,
  title,
  headingLevel = 2,
  strictHref,
  download,
}: {
  id: string;
  view: ComparableView;
  currency: "USD" | "CNY";
  /** The heading, which names the currency: the table's caption repeats it. */
  title: string;
  headingLevel?: 2 | 3;
  /** Where the strict by-scope grouping of the same figures is. */
  strictHref: string;
  /** Where the page's download route serves these rows. */
  download: { path: string; params: Record<string, string | number | undefined> };
}) {
  const bars = [...(view.anchor ? [view.anchor] : []), ...view.bars];
  const max = Math.max(...bars.map((b) => b.row.value ?? 0), 1);
  const rows = bars.map((b) => b.row);
  // The figures named beside a bar ("not drawn here") are converted and cited too: their
  // rates and sources belong in the caption's line and the numbered list like the bars'.
  const named = bars.flatMap((b) => b.leftOut.map((l) => l.row));
  const rates = ratesUsed([...rows, ...named]);
  const citations = rowCitations([...rows, ...named, ...view.withoutFigure]);
  // One numbered source list for the bars, the caption and the table.
  const sources = sectionSources(id, citations);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <figure className="card" style={{ margin: 0 }} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`} data-view="comparable">
      <Heading id={`${id}-title`} style={{ fontSize: "var(--step-1)" }}>
        {title}
      </Heading>
      <KindLegend kinds={[...new Set(rows.map((r) => r.kind))]} />
      {view.anchor ? (
        <ol className={styles.cmp} data-testid="comparable-bars" aria-describedby={`${id}-caption`}>
          {bars.map((b) => (
            <Bar key={b.row.slug} bar={b} max={max} anchorName={view.anchor!.row.organization.name} sources={sources} />
          ))}
        </ol>
      ) : (
        <p className="notice">Alibaba has no spending figure in the database to compare against.</p>
      )}
      <figcaption className="chart-caption" id={`${id}-caption`}>
        <p>
          Per year in {currency === "USD" ? "US dollars" : "yuan"}: multi-year totals averaged over their years, figures for
          less than a year scaled up to a year (a pace, not a reported total). For each company the figure closest to
          Alibaba&apos;s {view.anchor ? SPENDING_KIND_LABELS[view.anchor.row.kind].toLowerCase() : "figure"} in scope, then kind,
          then timing; each bar says what it covers and how it differs, and what was left out and why. No two figures are
          of quite the same scope, so these are yardsticks, not a ranking.{" "}
          <AppLink href={strictHref} data-testid="comparable-strict-link">
            Every figure, strictly grouped by scope
          </AppLink>
          .
        </p>
        {view.withoutFigure.length ? (
          <p data-testid="comparable-without-figure">
            Stated without a figure, so not drawn:{" "}
            {view.withoutFigure.map((r, i) => (
              <span key={r.slug}>
                {i ? "; " : ""}
                {r.organization.name} ({coversText(r)})
              </span>
            ))}
            .
          </p>
        ) : null}
        <p>
          {rates.length ? `Rates: ${rates.map(rateLabel).join("; ")}.` : `No conversion: every figure was stated in ${currency}.`}{" "}
          <SourceRefs index={sources} citations={citations} label={title} />
        </p>
      </figcaption>
      <div className="toolbar" style={{ marginTop: "var(--space-2)", marginBottom: 0 }}>
        <SelectionDownloads path={download.path} params={download.params} what={`the numbers of ${title}`} />
      </div>
      <details data-testid={`chart-${id}-table`} style={{ marginTop: "var(--space-3)" }}>
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll" style={{ marginTop: "var(--space-2)" }}>
          <CapexTable rows={rows} caption={`${title}.`} sources={sources} />
        </div>
      </details>
      <SectionSources index={sources} />
    </figure>
  );
}

function Bar({ bar, max, anchorName, sources }: { bar: ComparableBar; max: number; anchorName: string; sources: SectionSourceIndex }) {
  const { row } = bar;
  const width = Math.max(0.5, (100 * (row.value ?? 0)) / max);
  const isAnchor = bar.difference === null;
  return (
    <li
      className={styles.cmpRow}
      data-testid="comparable-bar"
      data-org={row.organization.slug}
      data-slug={row.slug}
      data-anchor={isAnchor ? "true" : undefined}
      data-qualifier={row.qualifier}
    >
      <div className={styles.cmpHead}>
        <AppLink href={`/companies/${row.organization.slug}`} className={styles.org}>
          {row.organization.name}
        </AppLink>
        <strong data-testid="comparable-value">{formatCapexValue(row)}</strong>
      </div>
      <div className={styles.cmpTrack} aria-hidden="true">
        <Swatch category="spendingKind" value={row.kind} box={{ width: `${width}%`, height: "100%" }} />
      </div>
      <p className={styles.cmpText} data-testid="comparable-covers">
        {bar.covers}
        {perYearNote(row) ? ` (${perYearNote(row)})` : ""}
      </p>
      {bar.difference ? (
        <p className={styles.cmpText} data-testid="comparable-difference">
          Against {anchorName}&apos;s: {bar.difference}
        </p>
      ) : null}
      {bar.leftOut.length ? (
        <p className={styles.cmpText} data-testid="comparable-left-out">
          {isAnchor ? "Also in the data, not drawn here" : `${row.organization.name} has ${bar.leftOut.length + 1} figures; not drawn here`}
          :{" "}
          {bar.leftOut.map((l, i) => (
            <span key={l.row.slug}>
              {i ? "; " : ""}
              {coversText(l.row)}, {formatCapexValue(l.row)} ({l.why}){" "}
              <SourceRefs index={sources} citations={l.row.citations} label={`${row.organization.name}, ${coversText(l.row)}`} />
            </span>
          ))}
          .
        </p>
      ) : null}
      <p className={styles.cmpText}>
        Sources <SourceRefs index={sources} citations={row.citations} label={`${row.organization.name}, ${bar.covers}`} />
      </p>
    </li>
  );
}
