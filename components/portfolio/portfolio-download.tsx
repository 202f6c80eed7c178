import { hrefWith } from "@/lib/views/url";
import { type PortfolioState } from "@/lib/views/portfolio-url";

/**
 * "Download CSV" and "Download Excel" of the whole selection, whichever view is open: a link to the server's
 * CSV with the same filters (the view and page are not filters, so they stay behind).
 */
export function PortfolioDownload({ state, total }: { state: PortfolioState; total: number }) {
  const { layer, relationship, status, segment, q } = state;
  const filters = { layer, relationship, status, segment, q };
  return (
    <span className="download-buttons">
      <a className="button secondary small" href={hrefWith("/portfolio/download", filters, {})} download data-testid="download-csv" rel="nofollow">
        Download CSV<span className="visually-hidden"> of these {total} companies</span>
      </a>
      <a className="button secondary small" href={hrefWith("/portfolio/download", filters, { format: "xlsx" })} download data-testid="download-xlsx" rel="nofollow">
        Download Excel<span className="visually-hidden"> of these {total} companies</span>
      </a>
    </span>
  );
}
