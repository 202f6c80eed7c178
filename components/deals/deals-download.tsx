import { hrefWith } from "@/lib/views/url";
import type { DealsUrlState } from "@/lib/views/deals-url";

/**
 * "Download CSV" and "Download Excel" of every deal the filters match, in the table's order, across all pages: a link to the
 * server's CSV with the same filters, so it also works without JavaScript.
 */
export function DealsDownload({ state, total }: { state: DealsUrlState; total: number }) {
  // The view itself is not a filter; the sort is, for the file: it lists the deals in the table's order.
  const { view: _view, ...rest } = state;
  void _view;
  return (
    <span className="download-buttons">
      <a className="button secondary small" href={hrefWith("/deals/download", rest, {})} download data-testid="download-csv" rel="nofollow">
        Download CSV<span className="visually-hidden"> of these {total} deals</span>
      </a>
      <a className="button secondary small" href={hrefWith("/deals/download", rest, { format: "xlsx" })} download data-testid="download-xlsx" rel="nofollow">
        Download Excel<span className="visually-hidden"> of these {total} deals</span>
      </a>
    </span>
  );
}
