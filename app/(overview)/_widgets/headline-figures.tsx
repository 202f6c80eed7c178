import Link from "next/link";
import { SourcesBadge } from "@/components/sources-badge";
import { pledgeContext, uniqueCitations } from "@/lib/views/capex";
import { LAYER_LABELS, SCOPE_LABELS } from "@/lib/domain/words";
import { buildFxTable, convert, formatMoneyWords, formatNumber, formatQualifiedMoney, rateLabel } from "@/lib/domain/money";
import { listLayers, listPortfolio } from "@/lib/db/queries/portfolio";
import { listConflicts } from "@/lib/db/queries/sources";
import { listFxRates, listSpending, type SpendingView } from "@/lib/db/queries/spending";


const words = (row: SpendingView) => formatQualifiedMoney(row.amount, row.currency, row.qualifier) ?? "no figure";

/** The four numbers an analyst asks first, each with where it comes from. */
export async function HeadlineFigures() {
  const spending = listSpending({ organization: "alibaba" });
  const fxRates = listFxRates();
  const layers = listLayers();
  const portfolio = listPortfolio();
  const { pledge, reported } = pledgeContext(spending);
  const table = buildFxTable(fxRates);
  const listings = portfolio.filter((p) => p.status === "listing-in-progress");

  return (
    <div className="grid grid-4" data-testid="headline-figures">
      {pledge && pledge.amount !== null && pledge.currency ? (
        <PledgeCard pledge={pledge} usd={convert(pledge.amount, pledge.currency, "USD", table)} />
      ) : (
        <div className="card stat">
          <p className="label">Capex pledge</p>
          <p className="value">None recorded</p>
        </div>
      )}

      {pledge && reported && reported.amount !== null && pledge.amount !== null && reported.currency && pledge.currency ? (
        <div className="card stat" data-testid="stat-reported" data-amount={reported.amount} data-currency={reported.currency}>
          <p className="label">Reported spent so far ({SCOPE_LABELS[reported.scope]})</p>
          <p className="value" data-testid="stat-reported-value">
            {words(reported)}
          </p>
          <div className="detail">
            {reported.periodLabel}. About{" "}
            <strong data-testid="stat-reported-share">
              {formatNumber(
                (100 * convert(reported.amount, reported.currency, pledge.currency, table).value) / pledge.amount,
                { maximumFractionDigits: 0 },
              )}
              %
            </strong>{" "}
            of the pledge, as an indication only: the scope differs ({SCOPE_LABELS[reported.scope]} against the
            pledge&apos;s {SCOPE_LABELS[pledge.scope]})
            {reported.periodStart < pledge.periodStart ? " and the period starts before the pledge's" : ""}.{" "}
            <SourcesBadge citations={reported.citations} label="Reported spending" />
          </div>
        </div>
      ) : null}

      <div className="card stat" data-testid="stat-layers">
        <p className="label">Companies per layer</p>
        <p className="value" data-testid="stat-layers-total">
          {formatNumber(layers.reduce((n, l) => n + l.companyCount, 0))}
        </p>
        <ul className="detail" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {layers.map((l) => (
            <li key={l.slug} data-testid="stat-layer" data-layer={l.slug} data-count={l.companyCount}>
              <Link href={`/portfolio?layer=${l.slug}`} prefetch={false}>
                {LAYER_LABELS[l.slug]}
              </Link>
              : <strong>{l.companyCount}</strong>{" "}
              <SourcesBadge
                citations={uniqueCitations(portfolio.filter((p) => p.layer === l.slug).flatMap((p) => p.citations))}
                label={LAYER_LABELS[l.slug]}
              />
            </li>
          ))}
        </ul>
      </div>

      <div className="card stat" data-testid="stat-listings" data-count={listings.length}>
        <p className="label">Listings in progress</p>
        <p className="value" data-testid="stat-listings-value">
          {listings.length}
        </p>
        <div className="detail">
          {listings.length === 0
            ? "No portfolio company is preparing a listing."
            : listings.map((p, i) => (
                <span key={p.slug}>
                  {i > 0 ? ", " : null}
                  <Link href={`/companies/${p.slug}`} prefetch={false} data-testid="stat-listing">
                    {p.name}
                  </Link>
                </span>
              ))}{" "}
          <SourcesBadge citations={uniqueCitations(listings.flatMap((p) => p.citations))} label="Listings in progress" />
        </div>
      </div>
    </div>
  );
}

/** The pledge, its dollar value at our rate, and the articles' own, conflicting, dollar values. */
async function PledgeCard({ pledge, usd }: { pledge: SpendingView; usd: ReturnType<typeof convert> }) {
  const conflicts = await listConflicts({ subject: `spending:${pledge.slug}` });
  // The articles' own dollar conversions are the USD claims among the pledge's conflicts.
  const theirs = [
    ...new Set(
      conflicts.flatMap((c) => c.claims.filter((k) => k.unit === "USD" && k.numericValue !== null).map((k) => k.numericValue as number)),
    ),
  ];
  return (
    <div className="card stat" data-testid="stat-pledge" data-amount={pledge.amount ?? ""} data-currency={pledge.currency ?? ""}>
      <p className="label">Capex pledge ({SCOPE_LABELS[pledge.scope]}, {pledge.periodLabel})</p>
      <p className="value" data-testid="stat-pledge-value">
        {words(pledge)}
      </p>
      <div className="detail">
        About <strong data-testid="stat-pledge-usd">{formatMoneyWords(usd.value, "USD")}</strong> at{" "}
        <span data-testid="stat-pledge-rate">{rateLabel(usd.rate.from)}</span>.{" "}
        <SourcesBadge citations={pledge.citations} label="Capex pledge" />
      </div>
      {theirs.length > 1 ? (
        <div className="detail" data-testid="stat-pledge-conflict" style={{ marginTop: "var(--space-2)" }}>
          The articles&apos; own conversions disagree:{" "}
          {theirs.map((v) => formatNumber(v / 1e9)).join(" bn, ")} bn US dollars.{" "}
          <Link href="/sources#conflicts" prefetch={false}>
            See the conflict
          </Link>
          .
        </div>
      ) : null}
    </div>
  );
}
