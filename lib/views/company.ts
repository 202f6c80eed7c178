import type { CitationView } from "@/lib/db/queries/citations";
import type { DealView } from "@/lib/db/queries/deals";
import type { OrganizationProfile } from "@/lib/db/queries/organizations";
import type { ConflictView } from "@/lib/db/queries/sources";
import type { FinancialView, SpendingView } from "@/lib/db/queries/spending";

type Cited = Pick<CitationView, "sourceSlug" | "sourceTitle" | "outlet" | "publishedDate" | "locator">;

/** Every citation behind a company page, in the order of its sections, for the sources panel. */
export function companyPageCitations(page: {
  org: Pick<OrganizationProfile, "citations" | "positionCitations">;
  deals: DealView[];
  joined: DealView[];
  financials: FinancialView[];
  spending: SpendingView[];
  conflicts: ConflictView[];
}): Cited[] {
  return [
    ...page.org.citations,
    ...page.org.positionCitations,
    ...[...page.deals, ...page.joined, ...page.financials, ...page.spending].flatMap((r) => r.citations),
    ...page.conflicts.flatMap((c) => c.claims),
  ];
}
