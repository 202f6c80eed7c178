import { AppLink } from "@/components/app-link";
import { withAsof } from "@/lib/views/url";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { type SectionSourceIndex, sectionSources } from "@/lib/views/section-sources";
import { listInWords, pledgeContext, spendingAgainstPledge, uniqueCitations } from "@/lib/views/capex";
import { LAYER_LABELS, SCOPE_LABELS, shortPeriod } from "@/lib/domain/words";
import {
  annualiseQualified,
  buildFxTable,
  convertQualified,
  formatNumber,
  formatQualifiedMoneyWords,
  periodYears,
  formatQualifiedMoney,
  qualified,
  rateLabel,
} from "@/lib/domain/money";
import { POSITION_KIND_LABELS, POSITION_KIND_NOTES, POSITION_KINDS, positionKind, positionKindCount, tallyPositionKinds } from "@/lib/domain/position-kinds";
import { countPortfolio, listLayers, listPortfolioTiles, type PositionCitation, positionCitations, positionKindGroups } from "@/lib/db/queries/portfolio";
import { listConflicts } from "@/lib/db/queries/sources";
import { listFxRates, listSpending, type SpendingView } from "@/lib/db/queries/spending";

/** Listings the card names; the rest are a link to the portfolio filtered to them. */
const LISTINGS_NAMED = 12;

const words = (row: SpendingView) => formatQualifiedMoney(row.amount, row.currency, row.qualifier) ?? "no figure";

/**
 * The numbers an analyst asks first, each with what it covers and numbered links to the
 * one list of the articles they come from, under the cards.
 */
export async function HeadlineFigures({ asof }: { asof?: string }) {
  const spending = listSpending({ organization: "alibaba", asof });
  const fxRates = listFxRates();
  const layers = listLayers(asof);
  const kindGroups = positionKindGroups(asof);
  const { pledge, reported } = pledgeContext(spending);
  // Counted and cited over every position; the card names only the first few listings.
  const listingFilter = { status: "listing-in-progress" as const, asof };
  const listingCount = countPortfolio(listingFilter);
  const listings = listPortfolioTiles(listingFilter, { limit: LISTINGS_NAMED });
  const cited = positionCitations(asof);
  const holdings = cited.filter((c) => positionKind(c) === "investment");
  const listingCitations = cited.filter((c) => c.status === "listing-in-progress").map((c) => c.citation);
  const sources = sectionSources(
    "headline",
    uniqueCitations([...(pledge?.citations ?? []), ...(reported?.citations ?? []), ...holdings.map((c) => c.citation), ...listingCitations]),
  );

  return (
    <>
      <div className="grid grid-4" data-testid="headline-figures">
        {pledge && pledge.amount !== null && pledge.currency ? (
          <PledgeCard pledge={pledge} fxRates={fxRates} asof={asof} sources={sources} />
        ) : (
          <div className="card stat">
            <p className="label">Capex pledge</p>
            <p className="value">None recorded</p>
          </div>
        )}

        {pledge && reported ? <ReportedCard pledge={pledge} reported={reported} fxRates={fxRates} sources={sources} /> : null}

        <HoldingsCard layers={layers.map((l) => l.slug)} groups={kindGroups} holdings={holdings} asof={asof} sources={sources} />

        <div className="card stat" data-testid="stat-listings" data-count={listingCount}>
          <p className="label">Listings in progress</p>
          <p className="value" data-testid="stat-listings-value">
            {formatNumber(listingCount)}
          </p>
          <div className="detail">
            {listingCount === 0
              ? "No portfolio company is preparing a listing."
              : listings.map((p, i) => (
                  <span key={p.slug}>
                    {i > 0 ? ", " : null}
                    <AppLink href={withAsof(`/companies/${p.slug}`, asof)} data-testid="stat-listing">
                      {p.name}
                    </AppLink>
                  </span>
                ))}
            {listingCount > listings.length ? (
              <>
                {" "}
                and{" "}
                <AppLink href={withAsof("/portfolio?status=listing-in-progress", asof)} data-testid="stat-listings-more">
                  {formatNumber(listingCount - listings.length)} more
                </AppLink>
              </>
            ) : null}{" "}
            <SourceRefs index={sources} citations={listingCitations} label="Listings in progress" />
          </div>
        </div>
      </div>
      <SectionSources index={sources} />
    </>
  );
}

/**
 * The pledge, its dollar value and its yearly average: both derived figures carry the
 * pledge's own qualifier ("more than 380 bn yuan" is "more than 53 bn dollars").
 */
async function PledgeCard({
  pledge,
  fxRates,
  asof,
  sources,
}: {
  pledge: SpendingView;
  fxRates: Parameters<typeof buildFxTable>[0];
  asof?: string;
  sources: SectionSourceIndex;
}) {
  const conflicts = await listConflicts({ subject: `spending:${pledge.slug}`, asof });
  const usd = convertQualified(qualified(pledge.amount!, pledge.qualifier), pledge.currency!, "USD", buildFxTable(fxRates));
  const perYear = annualiseQualified(usd, pledge.periodStart, pledge.periodEnd);
  const years = periodYears(pledge.periodStart, pledge.periodEnd);
  // The articles' own dollar conversions are the USD claims among the pledge's conflicts.
  const theirs = [
    ...new Set(
      conflicts.flatMap((c) => c.claims.filter((k) => k.unit === "USD" && k.numericValue !== null).map((k) => k.numericValue as number)),
    ),
  ];
  return (
    <div
      className="card stat"
      data-testid="stat-pledge"
      data-amount={pledge.amount ?? ""}
      data-currency={pledge.currency ?? ""}
      data-qualifier={pledge.qualifier}
    >
      <p className="label">
        Capex pledge ({SCOPE_LABELS[pledge.scope]}, {pledge.periodLabel})
      </p>
      <p className="value" data-testid="stat-pledge-value">
        {words(pledge)}
      </p>
      <div className="detail">
        <strong data-testid="stat-pledge-usd">{formatQualifiedMoneyWords(usd, "USD")}</strong>, or{" "}
        <strong data-testid="stat-pledge-per-year">{formatQualifiedMoneyWords(perYear, "USD")}</strong> a year on average over{" "}
        {formatNumber(years)} years ({shortPeriod(pledge.periodStart, pledge.periodEnd)}), at{" "}
        <span data-testid="stat-pledge-rate">{rateLabel(usd.conversion.rate.from)}</span>.{" "}
        <SourceRefs index={sources} citations={pledge.citations} label="Capex pledge" />
      </div>
      {theirs.length > 1 ? (
        <div className="detail" data-testid="stat-pledge-conflict" style={{ marginTop: "var(--space-2)" }}>
          The articles&apos; own conversions disagree: {theirs.map((v) => formatNumber(v / 1e9)).join(" bn, ")} bn US dollars.{" "}
          <AppLink href={`${withAsof("/sources", asof)}#conflicts`}>
            See the conflict
          </AppLink>
          .
        </div>
      ) : null}
    </div>
  );
}

/**
 * Reported spending with its own scope and period beside the pledge's. No bold share:
 * the figure is not progress against the pledge, and the card says why in one sentence.
 */
function ReportedCard({
  pledge,
  reported,
  fxRates,
  sources,
}: {
  pledge: SpendingView;
  reported: SpendingView;
  fxRates: Parameters<typeof buildFxTable>[0];
  sources: SectionSourceIndex;
}) {
  const against = spendingAgainstPledge(pledge, reported, fxRates);
  return (
    <div
      className="card stat"
      data-testid="stat-reported"
      data-amount={reported.amount ?? ""}
      data-currency={reported.currency ?? ""}
      data-qualifier={reported.qualifier}
    >
      <p className="label">Reported spending, {SCOPE_LABELS[reported.scope]}</p>
      <p className="value" data-testid="stat-reported-value">
        {words(reported)}
      </p>
      <dl className="detail" data-testid="stat-reported-periods" style={{ margin: 0 }}>
        <div>
          <dt style={{ display: "inline" }}>Reported: </dt>
          <dd style={{ display: "inline", margin: 0 }} data-testid="stat-reported-scope">
            {SCOPE_LABELS[reported.scope]}, {reported.periodLabel} ({shortPeriod(reported.periodStart, reported.periodEnd)})
          </dd>
        </div>
        <div>
          <dt style={{ display: "inline" }}>Pledge: </dt>
          <dd style={{ display: "inline", margin: 0 }} data-testid="stat-reported-pledge-scope">
            {SCOPE_LABELS[pledge.scope]}, {shortPeriod(pledge.periodStart, pledge.periodEnd)}
          </dd>
        </div>
      </dl>
      {against ? (
        <div className="detail" data-testid="stat-reported-share" style={{ marginTop: "var(--space-2)" }}>
          Not a measure of progress against the pledge
          {against.caveats.length ? `: ${listInWords(against.caveats)}` : ""}; divided by the pledge it would be{" "}
          {against.shareText}.{" "}
          <SourceRefs index={sources} citations={reported.citations} label="Reported spending" />
        </div>
      ) : (
        <SourceRefs index={sources} citations={reported.citations} label="Reported spending" />
      )}
    </div>
  );
}

/**
 * How many companies Alibaba has invested in or owns, by layer, each counted once; the
 * rest of the map (units, partners, a rumour, a non-AI takeover, a merged company) is
 * named and counted beside it, never added in.
 */
function HoldingsCard({
  layers,
  groups,
  holdings,
  asof,
  sources,
}: {
  layers: Parameters<typeof tallyPositionKinds>[1];
  groups: Parameters<typeof tallyPositionKinds>[0];
  /** The sources of the companies counted: those Alibaba has invested in or owns. */
  holdings: PositionCitation[];
  asof?: string;
  sources: SectionSourceIndex;
}) {
  const tally = tallyPositionKinds(groups, layers);
  const others = POSITION_KINDS.filter((k) => k !== "investment" && tally.total[k] > 0);
  return (
    <div className="card stat" data-testid="stat-layers">
      <p className="label">Companies Alibaba has invested in or owns</p>
      <p className="value" data-testid="stat-layers-total" data-count={tally.total.investment}>
        {formatNumber(tally.total.investment)}
      </p>
      <ul className="detail" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {layers.map((l) => (
          <li key={l} data-testid="stat-layer" data-layer={l} data-count={tally.byLayer[l]?.investment ?? 0}>
            <AppLink href={withAsof(`/portfolio?layer=${l}`, asof)}>
              {LAYER_LABELS[l]}
            </AppLink>
            : <strong>{formatNumber(tally.byLayer[l]?.investment ?? 0)}</strong>{" "}
            <SourceRefs
              index={sources}
              citations={holdings.filter((c) => c.layer === l).map((c) => c.citation)}
              label={`${LAYER_LABELS[l]}, companies invested in or owned`}
            />
          </li>
        ))}
      </ul>
      <div className="detail" style={{ marginTop: "var(--space-2)" }} data-testid="stat-kinds">
        Counted separately, not in the {formatNumber(tally.total.investment)}:{" "}
        {others.map((k, i) => (
          <span key={k} data-testid="stat-kind" data-kind={k} data-count={tally.total[k]}>
            {i > 0 ? (i === others.length - 1 ? " and " : ", ") : null}
            {positionKindCount(k, tally.total[k])}
          </span>
        ))}
        .{" "}
        <details className="sources" data-testid="stat-kinds-counted">
          <summary>What is counted</summary>
          <div className="sources-panel" role="note">
            <p style={{ marginTop: 0 }}>Each organisation on the map is counted once, under one of:</p>
            <ul>
              {POSITION_KINDS.map((k) => (
                <li key={k}>
                  <strong>{POSITION_KIND_LABELS[k]}</strong> ({formatNumber(tally.total[k])}): {POSITION_KIND_NOTES[k]}.
                </li>
              ))}
            </ul>
          </div>
        </details>
      </div>
    </div>
  );
}
