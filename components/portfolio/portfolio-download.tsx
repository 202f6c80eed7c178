import { hrefWith } from "@/lib/views/url";
import { type PortfolioState } from "@/lib/views/portfolio-url";

/**
 * "Download CSV" of the whole selection, whichever view is open: a link to the server's
 * CSV with the same filters (the view and page are not filters, so they stay behind).
 */
export function PortfolioDownload({ state, total }: { state: PortfolioState; total: number }) {
  const { layer, relationship, status, segment, q } = state;
  const href = hrefWith("/portfolio/download", { layer, relationship, status, segment, q }, {});
  return (
    <a className="button secondary small" href={href} download data-testid="download-csv" rel="nofollow">
      Download CSV<span className="visually-hidden"> of these {total} companies</span>
    </a>
  );
}
