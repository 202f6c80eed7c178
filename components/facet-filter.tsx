import { AppLink } from "@/components/app-link";
import { formatNumber } from "@/lib/domain/money";
import { parseFacetText, toggleFacet } from "@/lib/domain/facets";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * One filter as a row of links, each with the number of results it would leave. Links,
 * not controls, so filtering works without JavaScript and every state has a URL.
 *
 * A multi-value filter (`multi`) takes several values and exclusions: the option's link adds
 * or removes it ("any of"), the small "not" link beside it leaves it out ("everything but").
 * `current` is the parameter as it stands in the URL ("acquisition,-subsidiary").
 */
export function FacetFilter({
  title,
  param,
  options,
  current,
  hrefFor,
  multi = false,
}: {
  title: string;
  param: string;
  options: FacetOption[];
  current: string | undefined;
  /** The page URL with this parameter set to `value` (null: removed). */
  hrefFor: (value: string | null) => string;
  multi?: boolean;
}) {
  const sel = multi ? parseFacetText(current) : { in: current ? [current] : [], out: [] };
  return (
    <div className="filter-group" data-testid={`filter-${param}`}>
      <h3 id={`filter-${param}-title`}>{title}</h3>
      <ul aria-labelledby={`filter-${param}-title`}>
        <li>
          <AppLink className="filter-link" href={hrefFor(null)} aria-current={current === undefined ? "true" : undefined}>
            All
          </AppLink>
        </li>
        {options.map((o) => {
          const included = sel.in.includes(o.value);
          const excluded = sel.out.includes(o.value);
          return (
            <li key={o.value} className="facet-option">
              <AppLink
                className="filter-link"
                href={hrefFor(multi ? (toggleFacet(current, o.value, "in") ?? null) : o.value)}
                aria-current={included ? "true" : undefined}
                aria-disabled={o.count === 0 && !included ? "true" : undefined}
                data-value={o.value}
                data-count={o.count}
                data-state={included ? "included" : excluded ? "excluded" : undefined}
              >
                {excluded ? <span className="facet-not">not </span> : null}
                {o.label} <span className="count">({formatNumber(o.count)})</span>
              </AppLink>
              {multi ? (
                <AppLink
                  className="filter-link facet-exclude"
                  href={hrefFor(toggleFacet(current, o.value, "out") ?? null)}
                  data-pressed={excluded ? "true" : "false"}
                  data-exclude={o.value}
                  title={excluded ? `Stop leaving out ${o.label}` : `Everything but ${o.label}`}
                >
                  <span aria-hidden="true">{excluded ? "✕ not" : "not"}</span>
                  <span className="visually-hidden">{excluded ? `Stop leaving out ${o.label}` : `Leave out ${o.label}`}</span>
                </AppLink>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
