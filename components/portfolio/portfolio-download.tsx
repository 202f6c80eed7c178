import { SelectionDownloads } from "@/components/selection-downloads";
import { formatCount } from "@/lib/domain/money";
import { type PortfolioState } from "@/lib/views/portfolio-url";

/** The portfolio downloads, whichever view is open: the filters and the day; the view and page are not filters. */
export function PortfolioDownload({ state, total }: { state: PortfolioState; total: number }) {
  const { view: _view, page: _page, ...filters } = state;
  void _view;
  void _page;
  return <SelectionDownloads path="/portfolio/download" params={filters} what={`these ${formatCount(total, "company", "companies")}`} />;
}
