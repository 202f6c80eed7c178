import { AppLink } from "@/components/app-link";
import { CompetitorChart } from "@/app/(overview)/_widgets/competitor-chart";
import { HeadlineFigures } from "@/app/(overview)/_widgets/headline-figures";
import { PledgeChart } from "@/app/(overview)/_widgets/pledge-chart";
import { PortfolioChart } from "@/app/(overview)/_widgets/portfolio-chart";
import { RecentDeals } from "@/app/(overview)/_widgets/recent-deals";
import styles from "@/app/(overview)/overview.module.css";
import { withAsof } from "@/lib/views/url";
import { parseAsofParams, type RawParams } from "@/lib/validation/params";

/**
 * Each widget reads its own data. None sits in a Suspense boundary: React sends a streamed
 * boundary (or a large finished one) in a hidden element that only a script reveals, so
 * without JavaScript the charts' tables and the recent deals would never show. The reads
 * are synchronous SQLite queries of a few milliseconds, so streaming gained little.
 */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  // A past view: every figure as the sources published by that day had it. An unreadable day
  // is answered by the layout with the 400 page; here it is simply absent.
  const parsed = parseAsofParams(await searchParams);
  const asof = parsed.ok ? parsed.data.asof : undefined;
  return (
    <>
      <header className="page-header">
        <h1>Alibaba&apos;s AI bets at a glance</h1>
        <p>
          What Alibaba has pledged and spent on AI, where its portfolio sits in the AI stack, and how its spending
          compares with its competitors. Every figure opens onto the article it comes from.
        </p>
      </header>

      <section aria-labelledby="headline-title">
        <h2 id="headline-title" className={styles.visuallyHidden}>
          Headline figures
        </h2>
        <HeadlineFigures asof={asof} />
      </section>

      <section className="section grid grid-2" aria-label="Charts">
        <PledgeChart asof={asof} />
        <PortfolioChart asof={asof} />
      </section>

      <section className="section">
        <CompetitorChart asof={asof} />
      </section>

      <section className="section" aria-labelledby="recent-deals-title">
        <div className="toolbar" style={{ justifyContent: "space-between", marginBottom: "var(--space-3)" }}>
          <h2 id="recent-deals-title" style={{ margin: 0 }}>
            Recent deals
          </h2>
          <AppLink href={withAsof("/deals", asof)}>
            All deals on the timeline →
          </AppLink>
        </div>
        <RecentDeals asof={asof} />
      </section>
    </>
  );
}
