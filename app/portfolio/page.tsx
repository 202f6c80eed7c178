import type { Metadata } from "next";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { AppLink } from "@/components/app-link";
import { notFound } from "next/navigation";
import { ParamProblems } from "@/components/param-problems";
import { Pagination } from "@/components/pagination";
import { PortfolioDownload } from "@/components/portfolio/portfolio-download";
import { PortfolioFilters } from "@/components/portfolio/portfolio-filters";
import { PortfolioMap } from "@/components/portfolio/portfolio-map";
import styles from "@/components/portfolio/portfolio.module.css";
import { type PortfolioState, MAP_LIMIT, PORTFOLIO_PATH, TABLE_PAGE_SIZE, hasFilters, portfolioFilters, portfolioHref } from "@/lib/views/portfolio-url";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { countPortfolio, listLayers, listPortfolio, listSegments, portfolioFacets, portfolioMap, positionKindGroups } from "@/lib/db/queries/portfolio";
import { formatFacet } from "@/lib/domain/facets";
import { POSITION_KINDS, positionKindCount, tallyPositionKinds } from "@/lib/domain/position-kinds";
import { type RawParams, parsePortfolioParams } from "@/lib/validation/params";

export const metadata: Metadata = {
  title: "Portfolio map",
  description: "Alibaba's AI portfolio by layer of the stack (basic, technology, application) and segment, with relationship and status, filterable and searchable by any name.",
};

/** What the map holds, each organisation once: holdings apart from units, partners, rumours. */
function MapKinds({ layers, asof }: { layers: Parameters<typeof tallyPositionKinds>[1]; asof?: string }) {
  const tally = tallyPositionKinds(positionKindGroups(asof), layers);
  const all = POSITION_KINDS.reduce((n, k) => n + tally.total[k], 0);
  const parts = POSITION_KINDS.filter((k) => tally.total[k] > 0).map((k) => positionKindCount(k, tally.total[k]));
  return (
    <p className="muted" data-testid="map-kinds" data-total={all} data-holdings={tally.total.investment}>
      The whole map holds {formatCount(all, "organisation")}, each once: {parts.join(", ")}. Only the first are Alibaba&apos;s portfolio in
      the sense of money put in or ownership; the relationship and status on each tile say which it is.
    </p>
  );
}

function Header() {
  return (
    <header className="page-header">
      <h1>Portfolio map</h1>
      <p>
        Every company Alibaba owns, has backed or works with, placed on the layer of the AI stack it serves: the basic layer
        (compute, chips, memory, cloud), the technology layer (models and platforms) and the application layer (robots, cars,
        voice, devices). Open a company for its deals, figures and sources.
      </p>
    </header>
  );
}

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const parsed = parsePortfolioParams(await searchParams);
  if (!parsed.ok) {
    // The proxy has already set the 400; the page says what was wrong and offers a way out.
    return (
      <>
        <Header />
        <ParamProblems problems={parsed.problems} resetHref={PORTFOLIO_PATH} />
      </>
    );
  }
  const { view, page = 1 } = parsed.data;
  const filters = portfolioFilters(parsed.data);
  const { segment, q } = filters;
  const state: PortfolioState = {
    layer: formatFacet(filters.layer),
    relationship: formatFacet(filters.relationship),
    status: formatFacet(filters.status),
    segment,
    q,
    view: view === "table" ? "table" : undefined,
    asof: filters.asof,
  };

  // Well-formed but unknown: a link to a segment that does not exist is a missing page. One
  // that exists today but held nobody yet on a past view's day is an empty selection.
  const todaysSegments = listSegments();
  if (segment && !todaysSegments.some((s) => s.segment === segment)) notFound();
  const segments = filters.asof ? listSegments(filters.asof) : todaysSegments;

  // The map draws one screenful of tiles at most, and needs no deal counts or sources for
  // them: its count, facets and tiles come in one call (one statement under a name filter).
  const map = state.view === "table" ? null : portfolioMap(filters, MAP_LIMIT);
  const total = map ? map.total : countPortfolio(filters);
  const pageCount = Math.max(1, Math.ceil(total / TABLE_PAGE_SIZE));
  if (state.view === "table" && page > pageCount) notFound();

  const layers = listLayers(filters.asof);
  const facets = map ? map.facets : portfolioFacets(filters);
  // The table pages through everything.
  const tableRows = map ? [] : listPortfolio(filters, { limit: TABLE_PAGE_SIZE, offset: (page - 1) * TABLE_PAGE_SIZE });
  const tiles = map ? map.tiles : [];
  const segmentNames = [...new Set(segments.map((s) => s.segment))];

  return (
    <>
      <Header />
      <PortfolioFilters state={state} facets={facets} segments={segmentNames} />
      <MapKinds layers={layers.map((l) => l.slug)} asof={filters.asof} />

      <div className={styles.resultBar}>
        <p className={styles.resultCount} data-testid="result-count" data-count={total} aria-live="polite">
          {formatCount(total, "company", "companies")}
          {hasFilters(state) ? " match" : ""}
        </p>
        <div className="toolbar" style={{ margin: 0 }}>
          <span className="label" id="view-label">
            View
          </span>
          <div className="toggle-group" role="group" aria-labelledby="view-label" data-testid="view-toggle">
            <AppLink href={portfolioHref(state, { view: null })} aria-current={state.view ? undefined : "true"} data-view="map">
              Map
            </AppLink>
            <AppLink href={portfolioHref(state, { view: "table" })} aria-current={state.view === "table" ? "true" : undefined} data-view="table">
              Table
            </AppLink>
          </div>
          {total > 0 ? <PortfolioDownload state={state} total={total} /> : null}
        </div>
      </div>

      {total === 0 ? (
        <div className="notice" data-testid="empty-state">
          <h2>No company matches</h2>
          <p>
            {q ? (
              <>
                Nothing in the portfolio is called &ldquo;{q}&rdquo; under these filters. Names are matched in English and in
                pinyin, and on brand names.{" "}
              </>
            ) : (
              "No company has all of these at once. "
            )}
            Try removing a filter.
          </p>
          <p>
            <AppLink href={portfolioHref({ view: state.view, asof: filters.asof }, {})} data-testid="empty-reset">
              Show the whole portfolio
            </AppLink>
          </p>
        </div>
      ) : state.view === "table" ? (
        <>
          <PortfolioTable companies={tableRows} firstRow={(page - 1) * TABLE_PAGE_SIZE + 1} asof={filters.asof} />
          <Pagination page={page} pageCount={pageCount} label="Portfolio table pages" hrefFor={(p) => portfolioHref(state, { page: p === 1 ? null : p })} />
        </>
      ) : (
        <>
          {map?.segments ? (
            <p className="notice" data-testid="map-truncated">
              {map.segments.length > 1
                ? `The map draws ${formatNumber(tiles.length)} of ${formatCount(total, "company", "companies")}, a few from each of their ${formatNumber(map.segments.length)} segments; a segment’s heading narrows the map to it. The `
                : `The map draws the first ${formatNumber(tiles.length)} of ${formatCount(total, "company", "companies")} by name. The `}
              <AppLink href={portfolioHref(state, { view: "table" })}>table view</AppLink> pages through every one.
            </p>
          ) : null}
          <PortfolioMap layers={layers} companies={tiles} state={state} segments={map?.segments ?? undefined} />
        </>
      )}
    </>
  );
}
