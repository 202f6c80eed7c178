import { AppLink } from "@/components/app-link";
import { LayerChip } from "@/components/badges";
import { SourceRefs } from "@/components/source-refs";
import type { SectionSourceIndex } from "@/lib/views/section-sources";
import { formatPartialDate } from "@/lib/domain/words";
import { formatNumber, formatQualifiedMoney } from "@/lib/domain/money";
import { dealAnchor } from "@/lib/views/anchors";
import { withAsof } from "@/lib/views/url";
import { StateSequence } from "@/components/history/state-sequence";
import type { DealView, HistoryStep } from "@/lib/views/records";
import { DealKindBadge, DealStatusBadge, DealStatusNote } from "./deal-status-badge";
import styles from "./deals.module.css";

/** One deal; its sources are numbered links to the timeline's list (`sources`). */
export function DealCard({ deal, history, asof, sources }: { deal: DealView; history?: HistoryStep[]; asof?: string; sources: SectionSourceIndex }) {
  const amount = formatQualifiedMoney(deal.amount, deal.currency, deal.qualifier);
  const flagged = deal.status === "rumoured" || deal.status === "denied";
  const label = `${deal.organization.name}, ${formatPartialDate(deal.date, deal.dateQualifier)}`;
  return (
    <li
      className={`card ${styles.deal}${flagged ? ` ${styles.flaggedDeal}` : ""}`}
      id={dealAnchor(deal.slug)}
      data-testid="deal"
      data-slug={deal.slug}
      data-status={deal.status}
      data-kind={deal.kind}
      data-layer={deal.layer ?? ""}
    >
      <div className={styles.head}>
        <time className={styles.date} dateTime={deal.date ?? undefined} data-testid="deal-date">
          {formatPartialDate(deal.date, deal.dateQualifier)}
        </time>
        <h3 className={styles.company}>
          <AppLink href={withAsof(`/companies/${deal.organization.slug}`, asof)}>
            {deal.organization.name}
          </AppLink>
        </h3>
        {deal.layer ? <LayerChip layer={deal.layer} /> : null}
        <DealKindBadge kind={deal.kind} />
        <DealStatusBadge status={deal.status} />
      </div>
      <DealStatusNote status={deal.status} />
      {history?.length ? (
        <div data-testid="deal-history">
          <StateSequence steps={history} asof={asof} compact />
        </div>
      ) : null}
      <p className={styles.description}>{deal.description}</p>
      <dl className={`facts ${styles.facts}`}>
        <dt>Investor</dt>
        <dd>
          <AppLink href={withAsof(`/companies/${deal.investor.slug}`, asof)}>
            {deal.investor.name}
          </AppLink>
        </dd>
        <dt>{flagged ? "Amount reported" : "Amount"}</dt>
        <dd data-testid="deal-amount">
          {amount ? (
            <>
              {amount} <SourceRefs index={sources} citations={deal.citations} label={`Amount of the ${label} deal`} />
            </>
          ) : (
            <span className="muted">not disclosed</span>
          )}
        </dd>
        {deal.stakePercent !== null ? (
          <>
            <dt>{flagged ? "Stake reported" : "Stake"}</dt>
            <dd data-testid="deal-stake">
              {formatNumber(deal.stakePercent)}% <SourceRefs index={sources} citations={deal.citations} label={`Stake in the ${label} deal`} />
            </dd>
          </>
        ) : null}
        {deal.coInvestors.length > 0 ? (
          <>
            <dt>Alongside</dt>
            <dd data-testid="deal-co-investors">
              <ul className={styles.inlineList}>
                {deal.coInvestors.map((c) => (
                  <li key={c.slug}>
                    <AppLink href={withAsof(`/companies/${c.slug}`, asof)}>
                      {c.name}
                    </AppLink>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {deal.terms.length > 0 ? (
          <>
            <dt>Terms</dt>
            <dd>
              <ul className={styles.terms} data-testid="deal-terms">
                {deal.terms.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Sources</dt>
        <dd>
          <SourceRefs index={sources} citations={deal.citations} label={`The ${label} deal`} />
        </dd>
      </dl>
    </li>
  );
}
