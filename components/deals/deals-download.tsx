import { SelectionDownloads } from "@/components/selection-downloads";
import { formatCount } from "@/lib/domain/money";
import { type DealsUrlState } from "@/lib/views/deals-url";

/** The deals downloads: every filter, the sort (the file lists the table's order) and the day; not the view or the page. */
export function DealsDownload({ state, total }: { state: DealsUrlState; total: number }) {
  const { view: _view, ...rest } = state;
  void _view;
  return <SelectionDownloads path="/deals/download" params={rest} what={`these ${formatCount(total, "deal")}`} />;
}
