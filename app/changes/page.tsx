import type { Metadata } from "next";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { AppLink } from "@/components/app-link";
import { notFound } from "next/navigation";
import { ParamProblems } from "@/components/param-problems";
import { type ChangeEntry, getRevision, listChangesBetween, listRevisionChanges, listRevisions } from "@/lib/db/queries/changes";
import { LIFECYCLE_LABELS, formatPartialDate as formatIsoDate } from "@/lib/domain/words";
import { dealDate } from "@/lib/domain/labels";
import type { LifecycleState } from "@/lib/domain/vocabulary";
import { MIN_ASOF, parseChangesParams, type RawParams } from "@/lib/validation/params";
import { withAsof } from "@/lib/views/url";

export const metadata: Metadata = {
  title: "Changes",
  description: "What was added, changed or resolved between two dates by source date, and what each import changed; also as an Atom feed.",
};

const KIND_TITLES: Record<ChangeEntry["kind"], string> = { added: "Added", changed: "Changed", resolved: "Resolved" };

/** Entries listed at most: the newest; a shorter range shows older ones. */
const CHANGES_SHOWN = 200;

function Entry({ e, asof }: { e: ChangeEntry; asof?: string }) {
  return (
    <li data-testid="change-entry" data-kind={e.kind} data-type={e.type} data-slug={e.slug}>
      <strong>
        {/* A state dated "2015" by its source reads as 2015, not as the 1 January it counts from. */}
        {e.stated ? dealDate(e.stated.date, e.stated.precision, e.stated.qualifier) : formatIsoDate(e.date)}
        {e.estimated ? " (estimated date)" : ""}
      </strong>{" "}
      <AppLink href={withAsof(`/companies/${e.organization.slug}`, asof)}>{e.organization.name}</AppLink>: {e.type} <code>{e.slug}</code>
      {e.state ? <> now <em>{LIFECYCLE_LABELS[e.state as LifecycleState] ?? e.state}</em></> : null}. {e.description}{" "}
      <small data-testid="change-source">
        Source: <AppLink href={`${withAsof("/sources", asof)}#${e.source.slug}`}>{e.source.title}</AppLink>, {e.source.locator}
      </small>
    </li>
  );
}

export default async function ChangesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const parsed = parseChangesParams(await searchParams);
  const header = (
    <header className="page-header">
      <h1>Changes</h1>
      <p>
        What the record gained between two days, by the date of the sources that state it: facts added, states changed
        (a listing moving on, a joint venture built) and questions resolved (a rumour denied). Below, every import with the
        records it added or updated. Follow it in a feed reader: <a href="/feed.xml">Atom feed</a>.
      </p>
    </header>
  );
  if (!parsed.ok) {
    return (
      <>
        {header}
        <ParamProblems problems={parsed.problems} resetHref="/changes" />
      </>
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  const { asof, revision } = parsed.data;
  const to = parsed.data.to ?? asof ?? today;
  const from = parsed.data.from ?? MIN_ASOF;
  const { entries, counts, addedAtLeast } = listChangesBetween(from, to, { limit: CHANGES_SHOWN });
  const total = counts.added + counts.changed + counts.resolved;
  // Past FACTS_COUNTED added facts the log stops counting them: "more than".
  const moreThan = (n: number, capped: boolean) => (capped ? `more than ${formatNumber(n)}` : formatNumber(n));
  const revisions = listRevisions();
  const selected = revision !== undefined ? getRevision(revision) : null;
  if (revision !== undefined && !selected) notFound();

  return (
    <>
      {header}
      <form method="get" action="/changes" className="toolbar" data-testid="changes-form">
        <label htmlFor="changes-from">After</label>
        <input id="changes-from" type="date" name="from" defaultValue={parsed.data.from ?? ""} min={MIN_ASOF} max={today} />
        <label htmlFor="changes-to">up to</label>
        <input id="changes-to" type="date" name="to" defaultValue={parsed.data.to ?? ""} min={MIN_ASOF} max={today} />
        {asof ? <input type="hidden" name="asof" value={asof} /> : null}
        <button type="submit">Show changes</button>
      </form>
      <p data-testid="changes-range">
        {addedAtLeast ? `More than ${formatNumber(total)} changes` : formatCount(total, "change")} after {formatIsoDate(from)} up to {formatIsoDate(to)}, by source date.
        {total > entries.length ? (
          <>
            {" "}
            <strong data-testid="changes-truncated">
              The newest {formatNumber(entries.length)} are listed; choose a shorter range to see older ones.
            </strong>
          </>
        ) : null}
      </p>
      {(["added", "changed", "resolved"] as const).map((kind) => {
        const list = entries.filter((e) => e.kind === kind);
        return (
          <section key={kind} data-testid={`changes-${kind}`}>
            <h2>
              {KIND_TITLES[kind]} ({moreThan(counts[kind], kind === "added" && addedAtLeast)}
              {list.length < counts[kind] ? `, newest ${formatNumber(list.length)} listed` : ""})
            </h2>
            {list.length ? (
              <ul>
                {list.map((e) => (
                  <Entry key={`${e.kind}:${e.type}:${e.slug}:${e.state ?? ""}:${e.date}`} e={e} asof={asof} />
                ))}
              </ul>
            ) : (
              <p>Nothing in this range.</p>
            )}
          </section>
        );
      })}

      <section data-testid="revisions">
        <h2>Imports</h2>
        <div className="table-scroll">
        <table>
          <caption>Every change to the database: the seed from the curated files, then each import, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">File</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Added</th>
              <th scope="col">Updated</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id} data-testid="revision-row" data-revision={r.id} data-kind={r.kind}>
                <td>
                  {r.id} ({r.kind})
                </td>
                <td data-testid="revision-at">{r.at.replace("T", " ").slice(0, 19)}</td>
                <td>{r.fileName}</td>
                <td>
                  <code title={r.fileHash}>{r.fileHash.slice(0, 12)}…</code>
                </td>
                <td>{r.rowsAdded}</td>
                <td>{r.rowsUpdated}</td>
                <td>
                  {r.kind === "import" ? (
                    <>
                      <AppLink href={withAsof(`/changes?revision=${r.id}`, asof)}>list</AppLink> ·{" "}
                      <a href={`/changes/revisions/${r.id}?format=csv`} download>
                        CSV
                      </a>{" "}
                      ·{" "}
                      <a href={`/changes/revisions/${r.id}?format=json`} download>
                        JSON
                      </a>
                    </>
                  ) : (
                    "the curated dataset"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>

      {selected ? (
        <section data-testid="revision-changes">
          <h2>
            Revision {selected.id}: {selected.fileName}
          </h2>
          <ul>
            {listRevisionChanges(selected.id).map((c) => (
              <li key={`${c.recordType}:${c.recordSlug}`} data-testid="revision-change">
                {c.action} {c.recordType} <code>{c.recordSlug}</code>
                {c.fields.length ? `: ${c.fields.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
