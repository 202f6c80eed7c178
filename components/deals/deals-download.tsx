import { hrefWith } from "@/lib/views/url";
import type { DealsUrlState } from "@/lib/views/deals-url";

/**
 * "Download CSV" of every deal the filters match, across all pages: a link to the
 * server's CSV with the same filters, so it also works without JavaScript.
 */
export function DealsDownload({ state, total }: { state: DealsUrlState; total: number }) {
  return (
    <a className="button secondary small" href={hrefWith("/deals/download", { ...state }, {})} download data-testid="download-csv" rel="nofollow">
      Download CSV<span className="visually-hidden"> of these {total} deals</span>
    </a>
  );
}
