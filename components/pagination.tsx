import { AppLink } from "@/components/app-link";
import { formatNumber } from "@/lib/domain/money";
import styles from "./pagination.module.css";

/** Previous / next links with the page in the query string, so every page has a URL. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  label,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className={styles.pagination} aria-label={label} data-testid="pagination">
      {page > 1 ? (
        <AppLink href={hrefFor(page - 1)} rel="prev" data-testid="page-prev">
          ← Previous
        </AppLink>
      ) : (
        <span aria-hidden="true" className="muted">
          ← Previous
        </span>
      )}
      <span data-testid="page-status">
        Page {formatNumber(page)} of {formatNumber(pageCount)}
      </span>
      {page < pageCount ? (
        <AppLink href={hrefFor(page + 1)} rel="next" data-testid="page-next">
          Next →
        </AppLink>
      ) : (
        <span aria-hidden="true" className="muted">
          Next →
        </span>
      )}
    </nav>
  );
}
