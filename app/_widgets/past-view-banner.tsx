import { AppLink } from "@/components/app-link";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { listEstimatedDateFacts } from "@/lib/db/queries/asof";
import { formatPartialDate as formatDay } from "@/lib/domain/words";

/**
 * The notice on every page of a past view: which day, what that means, a way back to
 * today, and the facts whose place in the view rests on a source date we estimated.
 */
export function PastViewBanner({ asof, todayHref }: { asof: string; todayHref: string }) {
  const estimated = listEstimatedDateFacts();
  const counted = estimated.filter((f) => f.knownFrom <= asof);
  const hidden = estimated.filter((f) => f.knownFrom > asof);
  return (
    <div className="past-view" role="status" data-testid="past-view-banner" data-asof={asof}>
      <p>
        <strong>Past view: {formatDay(asof)}.</strong> The record as the sources published by that day had it: facts
        published later are hidden, statuses are as they stood then, disagreements that did not exist yet are not
        shown, and only articles published by then are cited. A fact shown is the record&apos;s today: its description,
        terms and exact date may come from a later article. <AppLink href={todayHref}>Back to today</AppLink>
      </p>
      {estimated.length ? (
        <details data-testid="estimated-dates">
          <summary>
            {formatCount(estimated.length, "fact")} rest on an estimated source date ({formatNumber(counted.length)} shown,{" "}
            {formatNumber(hidden.length)} hidden on this day)
          </summary>
          <p>
            Two articles print no date; we dated them from the events they report. A fact whose earliest source is one of
            them counts from that estimated day, so on a day near it the view may be a few days early or late.
          </p>
          <ul>
            {estimated.map((f) => (
              <li key={`${f.type}:${f.slug}`} data-testid="estimated-fact">
                {f.organization}: {f.type} <code>{f.slug}</code>, from {formatDay(f.knownFrom)} (estimated; {f.sources.join("; ")})
                {f.knownFrom > asof ? " — hidden on this day" : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
