import { AppLink } from "@/components/app-link";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { SourceRefs } from "@/components/source-refs";
import { DealStatusBadge } from "@/components/deals/deal-status-badge";
import { dealDate } from "@/lib/domain/labels";
import { formatQualifiedFigure, metricLabel } from "@/lib/domain/figures";
import { formatQualifiedMoney } from "@/lib/domain/money";
import { DEAL_KIND_LABELS, SPENDING_KIND_LABELS, segmentLabel } from "@/lib/domain/words";
import type { ConflictView, FinancialView, SpendingView } from "@/lib/views/records";
import type { OrganizationProfile } from "@/lib/db/queries/organizations";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { hrefWith } from "@/lib/views/url";
import type { LatestDeal } from "@/lib/views/sections/company";

type Sources = Record<"profile" | "deals" | "joined" | "financials" | "spending", SectionSourceIndex>;

/**
 * Where the summary's latest deal links: its card on the page, or past the lists' first
 * DEAL_LIMIT, the deals table of its company newest first, which has it at the top (or just
 * under that company's newer deals with other investors, for one this company took part in).
 */
function latestDealHref({ deal, listed }: LatestDeal, asof: string | undefined): string {
  return listed ? `#deal-${deal.slug}` : hrefWith("/deals", { q: deal.organization.name, view: "table", sort: "-date", asof }, {});
}

/**
 * The figure a reader most likely came for: the largest pledge, else the latest figure the
 * sources report, else the latest stated spending.
 */
function keyFigure(financials: FinancialView[], spending: SpendingView[], sources: Sources) {
  const withAmount = spending.filter((s) => s.amount !== null && s.currency !== null);
  const pledge = withAmount.filter((s) => s.kind === "pledge").sort((a, b) => b.amount! - a.amount!)[0];
  if (pledge) return { text: `${SPENDING_KIND_LABELS[pledge.kind]}: ${formatQualifiedMoney(pledge.amount, pledge.currency, pledge.qualifier)}, ${pledge.periodLabel}`, citations: pledge.citations, index: sources.spending, anchor: `spending-${pledge.slug}` };
  const figure = [...financials].sort((a, b) => (b.periodEnd ?? "").localeCompare(a.periodEnd ?? ""))[0];
  if (figure) return { text: `${metricLabel(figure.metric)}: ${formatQualifiedFigure(figure.value, figure.unit, figure.metric, figure.qualifier)}, ${figure.periodLabel}`, citations: figure.citations, index: sources.financials, anchor: `financial-${figure.slug}` };
  const stated = [...withAmount].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
  if (stated) return { text: `${SPENDING_KIND_LABELS[stated.kind]}: ${formatQualifiedMoney(stated.amount, stated.currency, stated.qualifier)}, ${stated.periodLabel}`, citations: stated.citations, index: sources.spending, anchor: `spending-${stated.slug}` };
  return null;
}

/** What a reader wants first: where the company sits, its latest deal, its key figure and what is still disputed. */
export function CompanySummary({
  org,
  inPortfolio,
  latestDeal,
  asof,
  financials,
  spending,
  conflicts,
  sources,
}: {
  org: OrganizationProfile;
  inPortfolio: boolean;
  /** The latest dated deal, own or joined (companyLatestDeal). */
  latestDeal: LatestDeal | null;
  asof?: string;
  financials: FinancialView[];
  spending: SpendingView[];
  conflicts: ConflictView[];
  sources: Sources;
}) {
  const latest = latestDeal?.deal ?? null;
  // A deal of the company's own is listed (and sourced) in its deals section, others in the joined one.
  const latestIndex = latestDeal?.own ? sources.deals : sources.joined;
  const key = keyFigure(financials, spending, sources);
  const open = conflicts.filter((c) => !c.resolution).length;
  return (
    <section className="card company-summary" aria-label="Summary" data-testid="company-summary">
      <dl className="facts">
        <dt>Position</dt>
        <dd data-testid="summary-position">
          {inPortfolio ? (
            <>
              <LayerChip layer={org.layer!} /> {segmentLabel(org.segment!)} · <RelationshipBadge relationship={org.relationship!} /> <StatusBadge status={org.status!} />{" "}
              <SourceRefs index={sources.profile} citations={org.positionCitations} label="Position" />
            </>
          ) : (
            <span className="muted">not in Alibaba&apos;s portfolio</span>
          )}
        </dd>
        <dt>Latest deal</dt>
        <dd data-testid="summary-latest-deal">
          {latestDeal && latest ? (
            <>
              <AppLink href={latestDealHref(latestDeal, asof)}>
                {DEAL_KIND_LABELS[latest.kind]}: {latest.investor.name} in {latest.organization.name}
              </AppLink>
              , {dealDate(latest.date, latest.datePrecision, latest.dateQualifier)}
              {formatQualifiedMoney(latest.amount, latest.currency, latest.qualifier) ? `, ${formatQualifiedMoney(latest.amount, latest.currency, latest.qualifier)}` : ""}{" "}
              {/* A rumour, a report or a denial is not a deal that happened: its status (of the view's day) goes with it, as in the deals table. */}
              {latest.status === "completed" || latest.status === "announced" ? null : (
                <>
                  <DealStatusBadge status={latest.status} />{" "}
                </>
              )}
              <SourceRefs index={latestIndex} citations={latest.citations} label="Latest deal" />
            </>
          ) : (
            <span className="muted">no dated deal in the sources</span>
          )}
        </dd>
        <dt>Key figure</dt>
        <dd data-testid="summary-key-figure">
          {key ? (
            <>
              <a href={`#${key.anchor}`}>{key.text}</a> <SourceRefs index={key.index} citations={key.citations} label="Key figure" />
            </>
          ) : (
            <span className="muted">the sources give no figure</span>
          )}
        </dd>
        <dt>Disagreements</dt>
        <dd data-testid="summary-conflicts">
          {conflicts.length ? (
            <a href="#conflicts-title">
              {open === 0 ? `${conflicts.length} settled, none open` : `${open} open of ${conflicts.length}`}
            </a>
          ) : (
            <span className="muted">none recorded</span>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The page's sections as anchor links, so a long page can be read in any order. */
export function SectionIndex({ sections }: { sections: { id: string; label: string }[] }) {
  return (
    <nav aria-label="On this page" className="section-index" data-testid="section-index">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}-title`}>{s.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
