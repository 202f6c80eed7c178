import { getDataAsOf } from "@/lib/queries/meta";
import { formatPartialDate } from "@/lib/format";

/** The newest source date: the honest "as of" for a dataset built from articles. */
export async function DataAsOf() {
  let asOf: string | null = null;
  try {
    asOf = getDataAsOf();
  } catch {
    asOf = null;
  }
  return (
    <span data-testid="data-as-of">
      Data as of {asOf ? <time dateTime={asOf}>{formatPartialDate(asOf)}</time> : "unknown"} (newest source article)
    </span>
  );
}
