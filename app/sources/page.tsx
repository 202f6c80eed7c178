import type { Metadata } from "next";
import { SelectionDownloads } from "@/components/selection-downloads";
import { ConflictList } from "@/components/sources/conflict-list";
import { FxRateTable } from "@/components/sources/fx-rate-table";
import { SourceList } from "@/components/sources/source-list";
import styles from "@/components/sources/sources.module.css";
import { sourcesPageData } from "@/lib/views/sections/sources";
import { parseAsofParams, type RawParams } from "@/lib/validation/params";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  // A past view lists the articles published by that day and the conflicts they had raised.
  const parsed = parseAsofParams(await searchParams);
  const asof = parsed.ok ? parsed.data.asof : undefined;
  const { sources, conflicts, rates } = sourcesPageData(asof);
  // Newest article first; undated ones last, since they can only be placed by their content.
  const ordered = [...sources].sort(
    (a, b) => (b.publishedDate ?? "").localeCompare(a.publishedDate ?? "") || a.slug.localeCompare(b.slug),
  );
  const titles = new Map(sources.map((s) => [s.slug, s.title]));
  return (
    <>
      <header className="page-header">
        <h1>Sources</h1>
        <p>
          Every figure on this site comes from one of these articles. Where they disagree, all the values are kept
          below, each with its paragraph, and we say which one we use and why.
        </p>
      </header>
      <nav aria-label="On this page" className={styles.toc}>
        <a href="#articles">Articles ({sources.length})</a>
        <a href="#conflicts">Conflicts between articles ({conflicts.length})</a>
        <a href="#fx-rates">Exchange rates ({rates.length})</a>
      </nav>

      <section id="articles" aria-labelledby="articles-title" className="section">
        <h2 id="articles-title">Articles</h2>
        <SourceList sources={ordered} />
      </section>

      <section id="conflicts" aria-labelledby="conflicts-title" className="section" data-testid="conflicts">
        <h2 id="conflicts-title">Conflicts between articles</h2>
        <p className="muted">
          When articles give different values for the same fact, every value is stored with its source and paragraph
          (¶). A claim marked preferred is the reading we rely on, with our reason beside it.
        </p>
        {conflicts.length ? (
          <div className="toolbar" data-testid="conflicts-toolbar">
            <SelectionDownloads path="/sources/download" params={{ table: "conflicts", asof }} what="the conflicts between sources" />
            <span className="muted">One row per claim, with its source and paragraph.</span>
          </div>
        ) : null}
        <ConflictList conflicts={conflicts} />
      </section>

      <section id="fx-rates" aria-labelledby="fx-rates-title" className="section" data-testid="fx-rates">
        <h2 id="fx-rates-title">Exchange rates</h2>
        <p className="muted">
          Amounts are stored in the currency the article used. A conversion uses the rate marked &ldquo;used for
          conversions&rdquo; for its currency; the other rates record what each article implied, including a headline
          figure that fits no real rate.
        </p>
        <div className="toolbar" data-testid="fx-rates-toolbar">
          <SelectionDownloads path="/sources/download" params={{ table: "fx-rates", asof }} what="the exchange rates" />
        </div>
        <FxRateTable rates={rates} sourceTitles={titles} />
      </section>
    </>
  );
}
