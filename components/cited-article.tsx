import type { CitedArticle } from "@/lib/views/citation-groups";
import { formatPartialDate } from "@/lib/domain/words";

/** An article's outlet and date, "c. ..." with a note when the date is our estimate. */
export function ArticleDate({ article: a }: { article: Pick<CitedArticle, "outlet" | "publishedDate" | "dateEstimated"> }) {
  return (
    <>
      {a.outlet ?? "Outlet unknown"}, {a.publishedDate ? formatPartialDate(a.publishedDate, a.dateEstimated ? "about" : "exact") : "date not printed"}
      {a.dateEstimated ? " (estimated; not printed)" : ""}
    </>
  );
}
