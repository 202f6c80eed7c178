import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { notFound } from "next/navigation";
import { DealFilters } from "@/components/deals/deal-filters";
import { DealTimeline } from "@/components/deals/deal-timeline";
import { DealsTable } from "@/components/deals/deals-table";
import { dealSortOf } from "@/lib/views/csv/deals";
import { buildFxTable, formatCount, formatNumber } from "@/lib/domain/money";
import { listFxRates } from "@/lib/db/queries/spending";
import { DealsDownload } from "@/components/deals/deals-download";
import { DealsPerYear } from "@/app/deals/_widgets/deals-per-year";
import styles from "@/components/deals/deals.module.css";
import { Pagination } from "@/components/pagination";
import { ParamProblems } from "@/components/param-problems";
import { boundedDealSort, countDeals, dealFacets, dealYearRange, listDeals } from "@/lib/db/queries/deals";
import { listDealHistories } from "@/lib/db/queries/changes";
import { dealFilters, dealsUrlState } from "@/lib/views/deals-url";
import { hrefWith } from "@/lib/views/url";
import { parseDealsParams, type RawParams } from "@/lib/validation/params";

export const metadata: Metadata = { title: "Deals" };

// The timeline pages through deals rather than listing them all, so it stays fast however
// many deals an analyst imports.
const PAGE_SIZE = 50;

function Header() {
  return (
    <header className="page-header">
      <h1>Deals</h1>
      <p>
        Every investment, acquisition, joint venture and partnership in the sources, oldest first. Dates are as precise
        as the article that gives them; rumours and denied reports are marked as such.
      </p>
    </header>
  );
}

export default async function DealsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const parsed = parseDealsParams(await searchParams);
  if (!parsed.ok) {
    return (
      <>
        <Header />
        <ParamProblems problems={parsed.problems} resetHref="/deals" />
      </>
    );
  }
  const { page = 1, ...params } = parsed.data;
  const state = dealsUrlState(params);
  const table = state.view === "table";
  const filters = dealFilters(params);

  const total = countDeals(filters);
  const facets = dealFacets(filters);
  const bounds = dealYearRange();
  const fxRates = listFxRates();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A page past the end is a well-formed link to nothing: not found, not an empty list.
  if (page > pageCount) notFound();
  const offset = (page - 1) * PAGE_SIZE;
  // Nothing matched: no page of deals to read (a name that matches no company still walked
  // the start of the timeline looking for one: ~6 ms of CPU per request at scale).
  // Too many matching deals to sort by a column no index orders: timeline order, and the table says so.
  const sorting = table ? boundedDealSort(dealSortOf(state.sort), total) : undefined;
  const deals = total === 0 ? [] : listDeals(filters, { limit: PAGE_SIZE, offset, order: "timeline", sort: sorting?.sort });
  // Each deal's states in order (reported → denied), for this page's deals only.
  const histories = table ? {} : listDealHistories(deals.map((d) => d.id), filters.asof);

  return (
    <>
      <Header />
      <DealFilters state={state} facets={facets} bounds={bounds} />
      <DealsPerYear filters={filters} bounds={bounds} state={state} />
      <div className={styles.summary} data-testid="deal-summary">
        <h2 data-testid="deal-count" data-count={total}>
          {formatCount(total, "deal")}
        </h2>
        {pageCount > 1 ? (
          <span className="muted" data-testid="deal-range">
            showing {formatNumber(offset + 1)}–{formatNumber(offset + deals.length)}
          </span>
        ) : null}
        <div className="toggle-group" role="group" aria-label="View" data-testid="view-toggle">
          <AppLink href={hrefWith("/deals", { ...state }, { view: null, sort: null })} aria-current={table ? undefined : "true"} data-view="timeline">
            Timeline
          </AppLink>
          <AppLink href={hrefWith("/deals", { ...state }, { view: "table" })} aria-current={table ? "true" : undefined} data-view="table">
            Table
          </AppLink>
        </div>
        {total > 0 ? <DealsDownload state={state} total={total} /> : null}
      </div>
      {total === 0 ? (
        <div className="notice" data-testid="no-deals">
          <p>No deal matches these filters.</p>
          <AppLink href="/deals">Show every deal</AppLink>
        </div>
      ) : table ? (
        <DealsTable deals={deals} state={state} fx={buildFxTable(fxRates)} declined={sorting?.declined} />
      ) : (
        <DealTimeline deals={deals} histories={histories} asof={filters.asof} />
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        label="Deal pages"
        hrefFor={(p) => hrefWith("/deals", { ...state }, { page: p === 1 ? null : p })}
      />
    </>
  );
}
