import { getDataAsOf } from "@/lib/db/queries/meta";
import { formatPartialDate } from "@/lib/domain/words";

/** The newest source date (in a past view, the newest by that day): the honest "as of" for a dataset built from articles. */
export async function DataAsOf({ asof }: { asof?: string }) {
  let asOf: string | null = null;
  try {
    asOf = getDataAsOf(asof);
  } catch {
    asOf = null;
  }
  return (
    <span data-testid="data-as-of">
      Data as of {asOf ? <time dateTime={asOf}>{formatPartialDate(asOf)}</time> : "unknown"} (newest source article)
    </span>
  );
}
