import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { ConflictsList } from "@/components/company/conflicts-list";
import { DealList } from "@/components/company/deal-list";
import { SelectionDownloads } from "@/components/selection-downloads";
import { companyDeals, companyJoinedDeals, companyLatestDeal } from "@/lib/views/sections/company";
import { FinancialsSection } from "@/components/company/financials-section";
import { ORG_KIND_LABELS, countryName } from "@/lib/domain/labels";
import { PageSources } from "@/components/company/page-sources";
import { Fact } from "@/components/company/fact";
import { Section } from "@/components/section";
import { PartnersList, partnersOf } from "@/components/company/partners-list";
import { SpendingTable } from "@/components/company/spending-table";
import { distinctAliases } from "@/lib/domain/words";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { CompanySummary, SectionIndex } from "@/components/company/company-summary";
import { sectionSources } from "@/lib/views/section-sources";
import styles from "@/components/company/company.module.css";
import { formatPartialDate, segmentLabel } from "@/lib/domain/words";
import { companyPageCitations } from "@/lib/views/company";
import type { DealView } from "@/lib/db/queries/deals";
import { getDataAsOf } from "@/lib/db/queries/meta";
import { formatNumber } from "@/lib/domain/money";
import { getOrganizationBySlug } from "@/lib/db/queries/organizations";
import { listHistory } from "@/lib/db/queries/changes";
import { StateSequence } from "@/components/history/state-sequence";
import { factAnchor } from "@/lib/views/anchors";
import { parseAsofParams, type RawParams } from "@/lib/validation/params";
import { listConflicts } from "@/lib/db/queries/sources";
import { listFinancials, listSpending } from "@/lib/db/queries/spending";
import { slugParam } from "@/lib/validation/params";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

/** A malformed slug cannot name a company, so it is a missing page like an unknown one. */
const organizationFor = cache((slug: string, asof?: string) => {
  const parsed = slugParam.safeParse(slug);
  return parsed.success ? getOrganizationBySlug(parsed.data, asof) : null;
});

/**
 * The organization as of the page's day (in a past view its position, layer and status are
 * the day's) and that day. Metadata and page both need it: with the same arguments, cache()
 * reads it once per request. An unreadable day is answered by the layout with the 400 page;
 * here it is simply absent.
 */
async function loadOrganization({ params, searchParams }: Props) {
  const asofParsed = parseAsofParams(await searchParams);
  const asof = asofParsed.ok ? asofParsed.data.asof : undefined;
  return { org: organizationFor((await params).slug, asof), asof };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { org } = await loadOrganization(props);
  if (!org) return { title: "Company not found" };
  return { title: org.name, description: org.description };
}

export default async function CompanyPage(props: Props) {
  const { org, asof } = await loadOrganization(props);
  if (!org) notFound();

  const { deals, total: dealTotal } = companyDeals(org, asof);
  const history = listHistory(org.slug, asof);
  const { joined, total: joinedTotal, roleOf: joinedRole } = companyJoinedDeals(org, asof);
  const latest = companyLatestDeal(org, asof, { deals, total: dealTotal }, { joined, total: joinedTotal });
  // The summary's latest deal may be past the lists' first DEAL_LIMIT: its sources are numbered in its section all the same.
  const unlisted = (own: boolean) => (latest && latest.own === own && !latest.listed ? [latest.deal] : []);
  const financials = listFinancials({ organization: org.slug, asof });
  const spending = listSpending({ organization: org.slug, asof });
  const conflicts = listConflicts({ organization: org.slug, asof });
  const dataAsOf = getDataAsOf(asof);
  // The downloads are links to the page's download route, with the page's day.
  const download = (table: string) => ({ path: `/companies/${org.slug}/download`, params: { table, asof } });

  const dealsBySlug = new Map<string, DealView>([...deals, ...joined].map((d) => [d.slug, d]));
  const partners = partnersOf(org.slug, dealsBySlug.values());
  const partnersPartial = dealTotal > deals.length || joinedTotal > joined.length;
  const cited = companyPageCitations({ org, deals, joined, financials, spending, conflicts });
  const aliases = distinctAliases(org.name, org.aliases);
  const inPortfolio = org.layer !== null && org.segment !== null && org.relationship !== null && org.status !== null;
  // Sources are collected per section: each figure links to its section's numbered list.
  const src = {
    profile: sectionSources("profile", [...org.citations, ...org.positionCitations]),
    deals: sectionSources("deals", [...deals, ...unlisted(true)].flatMap((d) => d.citations)),
    joined: sectionSources("deals-joined", [...joined, ...unlisted(false)].flatMap((d) => d.citations)),
    financials: sectionSources("financials", financials.flatMap((f) => f.citations)),
    spending: sectionSources("spending", spending.flatMap((s) => s.citations)),
  };
  const sections = [
    { id: "profile", label: "Profile" },
    ...(deals.length ? [{ id: "deals", label: "Deals" }] : []),
    ...(history.length ? [{ id: "history", label: "History" }] : []),
    ...(joined.length ? [{ id: "deals-joined", label: "Deals it took part in" }] : []),
    ...(!deals.length && !joined.length ? [{ id: "deals", label: "Deals" }] : []),
    ...(financials.length ? [{ id: "financials", label: "Financial figures" }] : []),
    ...(spending.length ? [{ id: "spending", label: "Spending" }] : []),
    ...(partners.length ? [{ id: "partners", label: "Partners" }] : []),
    ...(conflicts.length ? [{ id: "conflicts", label: "Disagreements" }] : []),
    { id: "sources", label: "All sources" },
  ];

  return (
    <article data-testid="company" data-slug={org.slug}>
      <nav aria-label="Breadcrumb" className="muted" style={{ marginBottom: "var(--space-2)" }}>
        <AppLink href="/portfolio">Portfolio</AppLink>
        {org.layer ? (
          <>
            {" / "}
            <AppLink href={`/portfolio?layer=${org.layer}`}>{org.layerName ?? org.layer}</AppLink>
          </>
        ) : null}
        {org.layer && org.segment ? (
          <>
            {" / "}
            <AppLink href={`/portfolio?layer=${org.layer}&segment=${org.segment}`}>{segmentLabel(org.segment)}</AppLink>
          </>
        ) : null}
      </nav>
      <header className="page-header">
        <h1 data-testid="company-name">{org.name}</h1>
        {aliases.length ? (
          <p data-testid="company-aliases">
            Also known as {aliases.map((a, i) => (
              <span key={a}>
                {i > 0 ? ", " : null}
                <em>{a}</em>
              </span>
            ))}
          </p>
        ) : null}
        {/* A div, not a p: the sources disclosure is a <details>, which may not sit inside a p. */}
        <div data-testid="company-description" className={styles.lead}>
          {org.description} <SourceRefs index={src.profile} citations={org.citations} label={`About ${org.name}`} />
        </div>
      </header>

      <CompanySummary org={org} inPortfolio={inPortfolio} latestDeal={latest} asof={asof} financials={financials} spending={spending} conflicts={conflicts} sources={src} />
      <SectionIndex sections={sections} />

      <div className="grid grid-2" data-testid="section-profile">
        <section className="card" aria-labelledby="profile-title" data-testid="profile">
          <h2 id="profile-title" style={{ fontSize: "var(--step-1)" }}>
            Profile
          </h2>
          <dl className="facts">
            <Fact term="Kind" citations={org.citations} sources={src.profile} label="Kind of organization" testId="company-kind">
              {ORG_KIND_LABELS[org.kind] ?? org.kind}
            </Fact>
            <Fact term="Country" citations={org.citations} sources={src.profile} label="Country" testId="company-country">
              {countryName(org.country)}
            </Fact>
            <Fact term="Names" citations={org.citations} sources={src.profile} label="Names">
              {[org.name, ...aliases].join(" · ")}
            </Fact>
          </dl>
        </section>

        <section className="card" id={factAnchor("position", org.slug)} aria-labelledby="position-title" data-testid="position">
          <h2 id="position-title" style={{ fontSize: "var(--step-1)" }}>
            Place in Alibaba&apos;s portfolio
          </h2>
          {inPortfolio ? (
            <dl className="facts">
              <Fact term="Layer" citations={org.positionCitations} sources={src.profile} label="Layer" testId="position-layer">
                <LayerChip layer={org.layer!} />
              </Fact>
              <Fact term="Segment" citations={org.positionCitations} sources={src.profile} label="Segment" testId="position-segment">
                {segmentLabel(org.segment!)}
              </Fact>
              <Fact term="Relationship" citations={org.positionCitations} sources={src.profile} label="Relationship with Alibaba" testId="position-relationship">
                <RelationshipBadge relationship={org.relationship!} />
              </Fact>
              <Fact term="Status" citations={org.positionCitations} sources={src.profile} label="Status" testId="position-status">
                <StatusBadge status={org.status!} />
              </Fact>
              <Fact term="Since" citations={org.positionCitations} sources={src.profile} label="Since">
                {org.since ? formatPartialDate(org.since) : <span className="muted">not given by the sources</span>}
              </Fact>
              {org.positionNote ? (
                <Fact term="Note" citations={org.positionCitations} sources={src.profile} label="Position note">
                  {org.positionNote}
                </Fact>
              ) : null}
            </dl>
          ) : (
            <p data-testid="not-in-portfolio">
              {org.kind === "alibaba"
                ? "This is Alibaba itself: the investor behind the portfolio. Its pledges, spending and deals are below."
                : org.kind === "competitor"
                  ? "Not part of the portfolio. The sources name it as a competitor; its spending statements, where given, are below and on the capex page."
                  : "Not part of the portfolio. The sources name it in passing, for instance as an analyst, a co-investor or a point of comparison."}
            </p>
          )}
        </section>
      </div>
      <SectionSources index={src.profile} />

      {deals.length ? (
        <Section
          id="deals"
          title={`Deals in ${org.name}`}
          intro={
            dealTotal > deals.length ? (
              <>
                The first {deals.length} of {formatNumber(dealTotal)}, oldest first; the <AppLink href={`/deals?q=${encodeURIComponent(org.name)}`}>deals page</AppLink> pages through all of
                them.
              </>
            ) : undefined
          }
        >
          <div className="toolbar" data-testid="deals-toolbar" style={{ marginBottom: "var(--space-3)" }}>
            <SelectionDownloads {...download("deals")} what={`the deals in ${org.name}`} />
          </div>
          <DealList deals={deals} self={org.slug} sources={src.deals} />
          <SectionSources index={src.deals} />
        </Section>
      ) : null}

      {history.length ? (
        <Section id="history" title="History" intro="Each state of the position and the deals, in order, with the date at the precision the source gives.">
          <StateSequence steps={history} asof={asof} />
        </Section>
      ) : null}
      <p>
        <a href={`/companies/${org.slug}/feed.xml`} data-testid="company-feed">
          Changes for {org.name} as an Atom feed
        </a>
      </p>

      {joined.length ? (
        <Section
          id="deals-joined"
          title={`Deals ${org.name} took part in`}
          intro={
            <>
              As the investor or a co-investor.
              {joinedTotal > joined.length ? ` The first ${joined.length} of ${formatNumber(joinedTotal)}, oldest first.` : null}
            </>
          }
        >
          <div className="toolbar" data-testid="deals-joined-toolbar" style={{ marginBottom: "var(--space-3)" }}>
            <SelectionDownloads {...download("deals-joined")} what={`the deals ${org.name} took part in`} />
          </div>
          <DealList deals={joined} self={org.slug} roleOf={joinedRole} sources={src.joined} />
          <SectionSources index={src.joined} />
        </Section>
      ) : null}

      {!deals.length && !joined.length ? (
        <Section id="deals" title="Deals">
          <p className="muted" data-testid="no-deals">
            The sources record no deal involving {org.name}.
          </p>
        </Section>
      ) : null}

      {financials.length ? (
        <Section id="financials" title="Financial figures" intro="As the sources state them, in their own units and currencies.">
          <FinancialsSection figures={financials} companyName={org.name} layer={org.layer} dataAsOf={dataAsOf} sources={src.financials} download={download} />
          <SectionSources index={src.financials} />
        </Section>
      ) : null}

      {spending.length ? (
        <Section id="spending" title="Spending statements" intro="Capex and AI-spending pledges, plans and reported spending, each with the scope its source gave.">
          <SpendingTable statements={spending} companyName={org.name} sources={src.spending} download={download("spending")} />
          <SectionSources index={src.spending} />
        </Section>
      ) : null}

      {partners.length ? (
        <Section
          id="partners"
          title="Partners"
          intro={`Organizations that share a deal with this one: investors, co-investors and the companies backed together${partnersPartial ? ", in the deals listed above" : ""}.`}
        >
          <PartnersList partners={partners} deals={dealsBySlug} />
        </Section>
      ) : null}

      {conflicts.length ? (
        <Section id="conflicts" title="Where the sources disagree" intro="Each claim with its source, side by side.">
          <ConflictsList conflicts={conflicts} />
        </Section>
      ) : null}

      <Section id="sources" title="Sources" intro="Every article cited on this page, with the paragraphs used.">
        <PageSources citations={cited} />
      </Section>
    </article>
  );
}
