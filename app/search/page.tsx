import type { Metadata } from "next";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { AppLink } from "@/components/app-link";
import { LayerChip } from "@/components/badges";
import { ParamProblems } from "@/components/param-problems";
import { withAsof } from "@/lib/views/url";
import { formatPartialDate } from "@/lib/domain/words";
import { type SearchHit, type SearchResult, SearchBusyError, searchAll } from "@/lib/db/queries/search";
import { parseParams, type RawParams, searchParamsSchema } from "@/lib/validation/params";

export const metadata: Metadata = {
  title: "Search",
  description: "Find companies by any of their names (English or pinyin), deals and source articles.",
};

function hrefOf(h: SearchHit, asof: string | undefined): string {
  return h.kind === "source" ? `${withAsof("/sources", asof)}#${h.ref}` : withAsof(`/companies/${h.companySlug}`, asof);
}

function Group({ title, hits, testId, asof }: { title: string; hits: SearchHit[]; testId: string; asof?: string }) {
  return (
    <section className="search-group" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>
        {title} <span className="muted">({formatNumber(hits.length)})</span>
      </h2>
      {hits.length === 0 ? (
        <p className="muted">No matches.</p>
      ) : (
        <ul className="search-hits">
          {hits.map((h) => (
            <li key={h.ref} data-testid="search-hit" data-ref={h.ref}>
              <AppLink href={hrefOf(h, asof)}>{h.title}</AppLink>{" "}
              {h.layer ? <LayerChip layer={h.layer} /> : null}
              {h.date ? <span className="muted"> · {formatPartialDate(h.date)}</span> : null}
              {h.detail ? <div className="muted">{h.detail}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const parsed = parseParams(searchParamsSchema, await searchParams);
  if (!parsed.ok) return <ParamProblems problems={parsed.problems} resetHref="/search" />;
  const { q, asof } = parsed.data;
  // A past view finds only what the sources published by that day had named.
  let result: SearchResult | null = null;
  let busy = false;
  try {
    result = q ? await searchAll(q, 20, asof) : null;
  } catch (error) {
    // Too many searches at once (proxy.ts refuses most of these with a 503 before rendering).
    if (!(error instanceof SearchBusyError)) throw error;
    busy = true;
  }
  const total = result ? result.organizations.length + result.deals.length + result.sources.length : 0;
  return (
    <>
      <header className="page-header">
        <h1>Search</h1>
        <form action="/search" method="get" role="search" className="search-form">
          <label htmlFor="search-q" className="visually-hidden">
            Search
          </label>
          {asof ? <input type="hidden" name="asof" value={asof} /> : null}
          <input id="search-q" type="search" name="q" defaultValue={q ?? ""} maxLength={80} placeholder="A company, alias, deal or article" />
          <button type="submit">Search</button>
        </form>
      </header>
      {busy ? (
        <p role="status" data-testid="search-busy">
          Too many searches are running right now; nothing was searched. Try again in a moment.
        </p>
      ) : result === null ? (
        <p className="muted">Type any name: English or pinyin (Moonshot AI or Yuezhi Anmian), with or without typos.</p>
      ) : (
        <>
          <p data-testid="search-summary">
            {formatCount(total, "result")} for <strong>{result.query}</strong>
            {result.correctedTo ? (
              <>
                {" "}
                (showing matches for <strong data-testid="search-corrected">{result.correctedTo}</strong>)
              </>
            ) : null}
            .
          </p>
          <Group title="Companies and organizations" hits={result.organizations} testId="search-organizations" asof={asof} />
          <Group title="Deals" hits={result.deals} testId="search-deals" asof={asof} />
          <Group title="Sources" hits={result.sources} testId="search-sources" asof={asof} />
        </>
      )}
    </>
  );
}
