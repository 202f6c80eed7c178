import { AppLink } from "@/components/app-link";
import { FacetFilter, type FacetOption } from "@/components/facet-filter";
import { LAYER_LABELS, RELATIONSHIP_LABELS, STATUS_LABELS, segmentLabel } from "@/lib/domain/words";
import type { FacetKey } from "@/lib/views/records";
import { LAYERS, POSITION_STATUSES, RELATIONSHIPS } from "@/lib/domain/vocabulary";
import { MAX_SEARCH_LENGTH } from "@/lib/validation/params";
import styles from "./portfolio.module.css";
import { type PortfolioState, PORTFOLIO_PATH, hasFilters, portfolioHref } from "@/lib/views/portfolio-url";

function options<T extends string>(values: readonly T[], labels: Record<T, string>, counts: Record<string, number>): FacetOption[] {
  return values.map((v) => ({ value: v, label: labels[v], count: counts[v] ?? 0 }));
}

/**
 * The name search and the four filters. A GET form and plain links, so every state is a
 * URL and the page filters without JavaScript.
 */
export function PortfolioFilters({
  state,
  facets,
  segments,
}: {
  state: PortfolioState;
  facets: Record<FacetKey, Record<string, number>>;
  segments: string[];
}) {
  const hrefFor = (param: FacetKey) => (value: string | null) => portfolioHref(state, { [param]: value });
  // With thousands of companies the segment list grows; options that would leave nothing
  // only add noise, except the one already chosen, which must stay visible to be undone.
  const segmentOptions = segments
    .map((s) => ({ value: s, label: segmentLabel(s), count: facets.segment[s] ?? 0 }))
    .filter((o) => o.count > 0 || o.value === state.segment);

  return (
    <section className={`card ${styles.controls}`} aria-labelledby="portfolio-filters-title" data-testid="portfolio-filters">
      {/* The filter groups are h3s: this h2 keeps the heading levels in order. */}
      <h2 id="portfolio-filters-title" className="visually-hidden">
        Search and filters
      </h2>
      <form action={PORTFOLIO_PATH} method="get" role="search" className="search-form" data-testid="portfolio-search">
        <label htmlFor="portfolio-q" className={styles.searchLabel}>
          Find a company by any name (English, Chinese pinyin or brand)
        </label>
        <div className={styles.searchRow}>
          <input
            id="portfolio-q"
            type="search"
            name="q"
            defaultValue={state.q ?? ""}
            maxLength={MAX_SEARCH_LENGTH}
            placeholder="e.g. Yuezhi Anmian, Qwen, Unitree"
            className={styles.searchInput}
          />
          {/* The search keeps the other filters; each travels as a hidden field. */}
          {(["layer", "relationship", "status", "segment", "view", "asof"] as const).map((k) =>
            state[k] ? <input key={k} type="hidden" name={k} value={state[k]} /> : null,
          )}
          <button type="submit">Search</button>
          {state.q ? (
            <AppLink className="button secondary" href={portfolioHref(state, { q: null })} data-testid="clear-search">
              Clear search
            </AppLink>
          ) : null}
        </div>
      </form>
      <div className={`filters ${styles.filters}`}>
        <FacetFilter title="Layer" param="layer" options={options(LAYERS, LAYER_LABELS, facets.layer)} current={state.layer} hrefFor={hrefFor("layer")} multi />
        <FacetFilter
          title="Relationship with Alibaba"
          param="relationship"
          options={options(RELATIONSHIPS, RELATIONSHIP_LABELS, facets.relationship)}
          current={state.relationship}
          hrefFor={hrefFor("relationship")}
          multi
        />
        <FacetFilter title="Status" param="status" options={options(POSITION_STATUSES, STATUS_LABELS, facets.status)} current={state.status} hrefFor={hrefFor("status")} multi />
        <FacetFilter title="Segment" param="segment" options={segmentOptions} current={state.segment} hrefFor={hrefFor("segment")} />
      </div>
      {hasFilters(state) ? (
        <p className={styles.reset}>
          <AppLink href={portfolioHref({ view: state.view }, {})} data-testid="reset-filters">
            Clear all filters
          </AppLink>
        </p>
      ) : null}
    </section>
  );
}
