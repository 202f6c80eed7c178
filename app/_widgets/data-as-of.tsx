import { getDataAsOf } from "@/lib/db/queries/meta";
import { countSources } from "@/lib/db/queries/sources";
import { formatCount } from "@/lib/domain/money";
import { formatPartialDate } from "@/lib/domain/words";

/**
 * A footer line reads the database on every page, the error pages included, where the file
 * may be missing or unreadable: the line then says less, and the page still renders.
 */
function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The newest source date (in a past view, the newest by that day): the honest "as of" for a dataset built from articles. */
export async function DataAsOf({ asof }: { asof?: string }) {
  const asOf = readOrNull(() => getDataAsOf(asof));
  return (
    <span data-testid="data-as-of">
      Data as of {asOf ? <time dateTime={asOf}>{formatPartialDate(asOf)}</time> : "unknown"} (newest source article)
    </span>
  );
}

/** What the record is built from: the articles (an import adds to them; a past view counts those published by its day). */
export async function BuiltFrom({ asof }: { asof?: string }) {
  const n = readOrNull(() => countSources(asof));
  return (
    <span data-testid="built-from">
      Built from {n === null ? "news articles" : formatCount(n, "news article")}; every figure links to its source. See{" "}
      <a href="/sources">Sources</a>, or take the data with the <a href="/api">read API</a>.
    </span>
  );
}
