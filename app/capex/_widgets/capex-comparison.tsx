import { AppLink } from "@/components/app-link";
import type { CSSProperties } from "react";
import { CapexBarChart } from "@/components/charts/capex-bar-chart";
import { DownloadChartButtons } from "@/components/download-buttons";
import { SelectionDownloads } from "@/components/selection-downloads";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import {
  type CapexRow,
  type CapexSelection,
  capexChartItems,
  capexChartSummary,
  capexRows,
  groupByScope,
  repeatedCompanies,
  ratesUsed,
  rowCitations,
} from "@/lib/views/capex";
import { capexDownloadName } from "@/lib/views/csv/capex";
import { comparableChart } from "@/lib/views/sections/overview";
import { capexScopeRows } from "@/lib/views/sections/capex";
import { SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { type FxRate, rateLabel } from "@/lib/domain/money";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { listConflicts } from "@/lib/db/queries/sources";
import { hrefWith } from "@/lib/views/url";
import { CapexTable } from "@/components/capex/capex-table";
import { CapexToggles } from "@/components/capex/capex-toggles";
import { ComparableFigure } from "@/components/capex/comparable-figure";
import { ConflictNotes } from "@/components/capex/conflict-notes";
import { KindLegend } from "@/components/capex/kind-legend";
import styles from "@/components/capex/capex.module.css";

function selectionTitle(sel: CapexSelection): string {
  const what = sel.kind ? `${SPENDING_KIND_LABELS[sel.kind]} figures` : "Pledges, plans and reported spending";
  const scope = sel.scope === "all" ? "every scope" : SCOPE_LABELS[sel.scope];
  return `${what}: ${scope}, ${sel.mode === "annual" ? "per year" : "as stated"}, in ${sel.currency}`;
}

/** What the chart compares, how values were derived, and the rate behind each conversion. */
function Caption({ rows, sel, rates }: { rows: CapexRow[]; sel: CapexSelection; rates: FxRate[] }) {
  const groups = groupByScope(rows.filter((r) => r.plotted));
  return (
    <div data-testid="capex-caption">
      <p>
        {sel.mode === "annual"
          ? "Per year: totals for several years are averaged over their years; figures for less than a year are scaled up to a year and marked run-rate, or * on a narrow screen (a pace, not a reported annual total). "
          : "As stated: each figure for its own period, from one quarter to ten years, so bars compare statements, not rates of spending. "}
        {sel.scope === "all"
          ? `Grouped by scope (${groups.map((g) => g.label).join(", ")}): figures of different scope measure different things, so they sit under their own heading and are never added up. Compare bars within a group.`
          : `Only figures whose scope is ${SCOPE_LABELS[sel.scope]}.`}{" "}
        Statements without a figure are listed in the table but not drawn.
      </p>
      <p style={{ marginBottom: 0 }}>
        {rates.length === 0
          ? `No conversion: every figure drawn was stated in ${sel.currency}.`
          : `Converted to ${sel.currency}; figures already in ${sel.currency} are not converted. Rates used:`}
      </p>
      {rates.length > 0 ? (
        <ul className={styles.rates} data-testid="capex-rates">
          {rates.map((r) => (
            <li key={`${r.currency}-${r.perUsd}-${r.asOf}`} data-currency={r.currency}>
              {rateLabel(r)}
              {r.currency === "CNY" && r.isDefault && r.basis === "implied-by-source"
                ? " — our default yuan rate, implied by the articles themselves: "
                : ": "}
              {r.note}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Toggles, chart, table and the conflicts behind the figures: all from one set of rows. */
export async function CapexComparison({ selection }: { selection: CapexSelection }) {
  const conflicts = listConflicts({ asof: selection.asof });
  // The page's own parameters: its download route serves the table of the same view.
  const download = { path: "/capex/download", params: { group: selection.group, mode: selection.mode, currency: selection.currency, scope: selection.scope, kind: selection.kind, asof: selection.asof } };
  if (selection.group !== "scope") {
    const { view, shown } = comparableChart(selection.asof, selection.currency);
    const slugs = new Set(shown.map((r) => `spending:${r.slug}`));
    if (shown.length === 0) {
      return (
        <>
          <CapexToggles selection={selection} scopeCounts={{}} />
          <div className="notice" data-testid="capex-empty">
            <p>No spending statement in the database has a figure to compare{selection.asof ? " on this day" : ""}.</p>
          </div>
        </>
      );
    }
    return (
      <>
        <CapexToggles selection={selection} scopeCounts={{}} />
        <ComparableFigure
          id="capex-comparable"
          view={view}
          currency={selection.currency}
              title={`Alibaba's pledge per year beside each competitor's closest figure, in ${selection.currency}`}
          download={download}
          strictHref={hrefWith("/capex", {}, { group: "scope", mode: "annual", currency: selection.currency === "USD" ? undefined : selection.currency, asof: selection.asof })}
        />
        <section className="section" aria-labelledby="capex-conflicts-title">
          <h2 id="capex-conflicts-title">Where the sources disagree</h2>
          <ConflictNotes
            conflicts={conflicts.filter((c) => c.subject !== null && slugs.has(c.subject))}
            labels={Object.fromEntries(shown.map((r) => [`spending:${r.slug}`, `${r.organization.name}, ${SPENDING_KIND_LABELS[r.kind].toLowerCase()}, ${r.periodLabel}`]))}
          />
        </section>
      </>
    );
  }
  const { spending, fxRates, rows } = capexScopeRows(selection);
  const dataAsOf = getDataAsOf(selection.asof);

  const anyScope = capexRows(spending, fxRates, { ...selection, scope: "all" });
  const scopeCounts: Record<string, number> = { all: anyScope.length };
  for (const r of anyScope) scopeCounts[r.scope] = (scopeCounts[r.scope] ?? 0) + 1;

  const items = capexChartItems(rows, { scope: selection.scope === "all" ? "headings" : "none" });
  const plotted = rows.filter((r) => r.plotted);
  const rates = ratesUsed(plotted);
  const slugs = new Set(rows.map((r) => `spending:${r.slug}`));
  const related = conflicts.filter((c) => c.subject !== null && slugs.has(c.subject));
  const subjectLabels = Object.fromEntries(
    rows.map((r) => [`spending:${r.slug}`, `${r.organization.name}, ${SPENDING_KIND_LABELS[r.kind].toLowerCase()}, ${r.periodLabel}`]),
  );
  const title = selectionTitle(selection);
  const citations = rowCitations(rows);
  // One numbered source list, after the table, for the chart's caption and the table's rows.
  const sources = sectionSources("capex", citations);
  // The download (app/capex/download) holds exactly the rows of the table, in its order, for this selection.
  const downloadName = capexDownloadName(selection);
  const current = { group: "scope", mode: selection.mode, currency: selection.currency, scope: selection.scope, kind: selection.kind, asof: selection.asof };
  const repeated = repeatedCompanies(rows);

  return (
    <>
      <CapexToggles selection={selection} scopeCounts={scopeCounts} />
      {rows.length === 0 ? (
        <div className="notice" data-testid="capex-empty">
          <p>No spending statement in the database matches this selection.</p>
          <AppLink href={hrefWith("/capex", current, { scope: undefined, kind: undefined })}>Show every scope and kind</AppLink>
        </div>
      ) : (
        <>
          <figure
            className="card"
            style={{ margin: 0 }}
            aria-labelledby="capex-chart-title"
            data-testid="capex-chart"
            data-selection={`${selection.mode}|${selection.currency}|${selection.scope}|${selection.kind ?? ""}`}
          >
            <h2 id="capex-chart-title" style={{ fontSize: "var(--step-1)" }}>
              {title}
            </h2>
            <KindLegend />
            {plotted.length > 0 ? (
              // Focusable so a keyboard user reaches the chart and hears its summary and caption.
              <div
                className={`chart-box ${styles.chartBox}`}
                tabIndex={0}
                aria-describedby="capex-chart-caption"
                data-testid="capex-chart-box"
                style={{ "--rows": items.length, marginTop: "var(--space-3)" } as CSSProperties}
              >
                <CapexBarChart id="capex-chart" items={items} currency={selection.currency} summary={capexChartSummary(rows, selection)} />
              </div>
            ) : (
              <p className="notice">Nothing to draw: no statement in this selection gives a figure. The table lists them.</p>
            )}
            <figcaption className="chart-caption" id="capex-chart-caption">
              <Caption rows={rows} sel={selection} rates={rates} />
              {repeated.length ? (
                <div data-testid="capex-repeated">
                  <p style={{ marginBottom: 0 }}>Companies drawn more than once, each bar a separate statement:</p>
                  <ul className={styles.rates}>
                    {repeated.map((r) => (
                      <li key={r.slug} data-org={r.slug}>
                        <strong>{r.name}</strong>: {r.statements.join(" — ")}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <p>
                Sources <SourceRefs index={sources} citations={citations} label={title} />
              </p>
            </figcaption>
            <div className={`toolbar ${styles.downloads}`}>
              <SelectionDownloads path={download.path} params={download.params} what={`the figures of ${title}`} />
              {plotted.length > 0 ? (
                <DownloadChartButtons name={downloadName} title={title} sourcesHref={hrefWith(download.path, download.params, { format: "sources" })} dataAsOf={dataAsOf} {...(selection.asof ? { asof: selection.asof } : {})} />
              ) : null}
            </div>
          </figure>

          <section className="section" aria-labelledby="capex-table-title">
            <div className="toolbar" style={{ justifyContent: "space-between" }}>
              <h2 id="capex-table-title" style={{ margin: 0 }}>
                The same figures as a table
              </h2>
              <span data-testid="capex-table-downloads">
                <SelectionDownloads path={download.path} params={download.params} what={`the figures of ${title}`} />
              </span>
            </div>
            <div className="table-scroll">
              <CapexTable rows={rows} caption={`${title}. ${rows.length} statements, ${plotted.length} with a figure.`} sources={sources} />
            </div>
            <SectionSources index={sources} />
          </section>

          <section className="section" aria-labelledby="capex-conflicts-title">
            <h2 id="capex-conflicts-title">Where the sources disagree</h2>
            <p className="muted">
              Disagreements between the articles about the figures above. Every conflict in the dataset is on{" "}
              <AppLink href="/sources#conflicts">
                the sources page
              </AppLink>
              .
            </p>
            <ConflictNotes conflicts={related} labels={subjectLabels} />
          </section>
        </>
      )}
    </>
  );
}
