import type { DealView, HistoryStep } from "@/lib/views/records";
import { formatCount } from "@/lib/domain/money";
import { SectionSources } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import { DealCard } from "./deal-card";
import styles from "./deals.module.css";

interface YearGroup {
  key: string;
  heading: string;
  deals: DealView[];
}

/** Deals arrive in timeline order (oldest first, undated last); group them as they come. */
function groupByYear(deals: DealView[]): YearGroup[] {
  const groups: YearGroup[] = [];
  for (const deal of deals) {
    const key = deal.sortDate ? deal.sortDate.slice(0, 4) : "undated";
    let group = groups.at(-1);
    if (!group || group.key !== key) {
      group = { key, heading: key === "undated" ? "Date not given" : key, deals: [] };
      groups.push(group);
    }
    group.deals.push(deal);
  }
  return groups;
}

/** The page's deals by year; their sources are numbered once, in one list after the deals. */
export function DealTimeline({ deals, histories = {}, asof }: { deals: DealView[]; histories?: Record<string, HistoryStep[]>; asof?: string }) {
  const sources = sectionSources("deals", deals.flatMap((d) => d.citations));
  return (
    <div className={styles.timeline} data-testid="deal-timeline">
      {groupByYear(deals).map((g) => (
        <section
          key={g.key}
          className={styles.year}
          aria-labelledby={`year-${g.key}`}
          data-testid="deal-year"
          data-year={g.key}
        >
          <h2 id={`year-${g.key}`} className={styles.yearHeading}>
            {g.heading}
            <span className="muted">
              {" "}
              {formatCount(g.deals.length, "deal")}
            </span>
          </h2>
          {g.key === "undated" ? (
            <p className="muted">No source gives a date for these deals, so they sit outside the timeline and any year filter.</p>
          ) : null}
          <ol className={styles.deals}>
            {g.deals.map((d) => (
              <DealCard key={d.id} deal={d} history={histories[d.slug]} asof={asof} sources={sources} />
            ))}
          </ol>
        </section>
      ))}
      <SectionSources index={sources} />
    </div>
  );
}
