import Link from "next/link";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * One filter as a row of links, each with the number of results it would leave. Links,
 * not controls, so filtering works without JavaScript and every state has a URL. Not
 * prefetched: a page shows dozens of them and every page is rendered on request, so a
 * prefetch could fetch only the layout, not worth a request per link on every page view.
 */
export function FacetFilter({
  title,
  param,
  options,
  current,
  hrefFor,
}: {
  title: string;
  param: string;
  options: FacetOption[];
  current: string | undefined;
  hrefFor: (value: string | null) => string;
}) {
  return (
    <div className="filter-group" data-testid={`filter-${param}`}>
      <h3 id={`filter-${param}-title`}>{title}</h3>
      <ul aria-labelledby={`filter-${param}-title`}>
        <li>
          <Link className="filter-link" href={hrefFor(null)} prefetch={false} aria-current={current === undefined ? "true" : undefined}>
            All
          </Link>
        </li>
        {options.map((o) => (
          <li key={o.value}>
            <Link
              className="filter-link"
              href={hrefFor(o.value)}
              prefetch={false}
              aria-current={current === o.value ? "true" : undefined}
              aria-disabled={o.count === 0 && current !== o.value ? "true" : undefined}
              data-value={o.value}
              data-count={o.count}
            >
              {o.label} <span className="count">({o.count})</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
