import Link from "next/link";
import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart-figure";
import { CompetitorChart } from "@/app/(overview)/_widgets/competitor-chart";
import { HeadlineFigures } from "@/app/(overview)/_widgets/headline-figures";
import { PledgeChart } from "@/app/(overview)/_widgets/pledge-chart";
import { PortfolioChart } from "@/app/(overview)/_widgets/portfolio-chart";
import { RecentDeals } from "@/app/(overview)/_widgets/recent-deals";
import styles from "@/app/(overview)/overview.module.css";

/**
 * Each widget below the headline figures reads its own data inside its own Suspense
 * boundary, so the reads run side by side and a slow one never holds back the others.
 */
export default function OverviewPage() {
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
        {/* Not streamed: the cards are the first thing on screen, and a skeleton of a guessed
            height swapped for them pushed the charts down (CLS). Their reads are fast. */}
        <HeadlineFigures />
      </section>

      <section className="section grid grid-2" aria-label="Charts">
        <Suspense fallback={<ChartSkeleton />}>
          <PledgeChart />
        </Suspense>
        <Suspense fallback={<ChartSkeleton />}>
          <PortfolioChart />
        </Suspense>
      </section>

      <section className="section">
        <Suspense fallback={<ChartSkeleton tall />}>
          <CompetitorChart />
        </Suspense>
      </section>

      <section className="section" aria-labelledby="recent-deals-title">
        <div className="toolbar" style={{ justifyContent: "space-between", marginBottom: "var(--space-3)" }}>
          <h2 id="recent-deals-title" style={{ margin: 0 }}>
            Recent deals
          </h2>
          <Link href="/deals" prefetch={false}>
            All deals on the timeline →
          </Link>
        </div>
        <Suspense fallback={<div className="skeleton" style={{ height: "16rem" }} />}>
          <RecentDeals />
        </Suspense>
      </section>
    </>
  );
}
