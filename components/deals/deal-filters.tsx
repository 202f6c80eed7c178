import { AppLink } from "@/components/app-link";
import { FacetFilter, type FacetOption } from "@/components/facet-filter";
import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS, LAYER_LABELS } from "@/lib/domain/words";
import type { DealsUrlState } from "@/lib/views/deals-url";
import { hrefWith } from "@/lib/views/url";
import { DEAL_KINDS, DEAL_STATUSES, LAYERS } from "@/lib/domain/vocabulary";
import { MAX_SEARCH_LENGTH } from "@/lib/validation/params";
import styles from "./deals.module.css";


type Facets = Record<"layer" | "kind" | "status", Record<string, number>>;

function options<T extends string>(values: readonly T[], labels: Record<T, string>, counts: Record<string, number>): FacetOption[] {
  return values.map((v) => ({ value: v, label: labels[v], count: counts[v] ?? 0 }));
}

function yearOptions(bounds: { from: number; to: number } | null, current: (number | undefined)[]): number[] {
  const years = new Set<number>();
  if (bounds) for (let y = bounds.from; y <= bounds.to; y++) years.add(y);
  // A shared link may ask for a year outside the data; keep it selectable so the form shows it.
  for (const y of current) if (y !== undefined) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/**
 * Facet links for layer, kind and status, and a GET form for the name search and the year
 * range: all of it works without JavaScript and leaves the whole state in the URL.
 */
export function DealFilters({
  state,
  facets,
  bounds,
}: {
  state: DealsUrlState;
  facets: Facets;
  bounds: { from: number; to: number } | null;
}) {
  const years = yearOptions(bounds, [state.from, state.to]);
  const { view, sort, ...filterState } = state;
  const hasFilters = Object.values(filterState).some((v) => v !== undefined);
  return (
    <section aria-labelledby="deal-filters-title" className={`card ${styles.filterCard}`} data-testid="deal-filters">
      {/* The filter groups are h3s: this h2 keeps the heading levels in order. */}
      <h2 id="deal-filters-title" className="visually-hidden">
        Filter deals
      </h2>
      <form method="get" action="/deals" role="search" className={styles.form} data-testid="deal-search-form">
        {(["layer", "kind", "status", "view", "sort", "asof"] as const).map((k) =>
          state[k] ? <input key={k} type="hidden" name={k} value={state[k]} /> : null,
        )}
        <label className={styles.field}>
          <span>Company name</span>
          <input type="search" name="q" defaultValue={state.q ?? ""} maxLength={MAX_SEARCH_LENGTH} placeholder="e.g. Moonshot" />
        </label>
        <label className={styles.field}>
          <span>From year</span>
          <select name="from" defaultValue={state.from !== undefined ? String(state.from) : ""} data-testid="from-year">
            <option value="">Earliest</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>To year</span>
          <select name="to" defaultValue={state.to !== undefined ? String(state.to) : ""} data-testid="to-year">
            <option value="">Latest</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.actions}>
          <button type="submit">Apply</button>
          {hasFilters ? (
            <AppLink href={hrefWith("/deals", { view, sort }, {})} className="button secondary" data-testid="clear-filters">
              Clear all
            </AppLink>
          ) : null}
        </div>
      </form>
      <p className="muted">
        A year range keeps only dated deals; deals with no date are left out while it is set. Pick several values of a
        filter to see any of them; &ldquo;not&rdquo; beside a value leaves it out.
      </p>
      <div className="filters">
        <FacetFilter
          title="Layer"
          param="layer"
          options={options(LAYERS, LAYER_LABELS, facets.layer)}
          current={state.layer}
          hrefFor={(v) => hrefWith("/deals", { ...state }, { layer: v })}
          multi
        />
        <FacetFilter
          title="Kind"
          param="kind"
          options={options(DEAL_KINDS, DEAL_KIND_LABELS, facets.kind)}
          current={state.kind}
          hrefFor={(v) => hrefWith("/deals", { ...state }, { kind: v })}
          multi
        />
        <FacetFilter
          title="Status"
          param="status"
          options={options(DEAL_STATUSES, DEAL_STATUS_LABELS, facets.status)}
          current={state.status}
          hrefFor={(v) => hrefWith("/deals", { ...state }, { status: v })}
          multi
        />
      </div>
    </section>
  );
}
