import Link from "next/link";

/** Previous / next links with "page X of Y": plain links, so paging needs no JavaScript. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="toolbar" data-testid="pagination" style={{ marginTop: "var(--space-4)" }}>
      {page > 1 ? (
        <Link className="button secondary" href={hrefFor(page - 1)} rel="prev">
          Previous page
        </Link>
      ) : null}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="button secondary" href={hrefFor(page + 1)} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
