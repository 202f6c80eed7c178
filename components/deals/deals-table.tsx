import { AppLink } from "@/components/app-link";
import { LayerChip } from "@/components/badges";
import { SectionSources, SourceRefs } from "@/components/source-refs";
import { sectionSources } from "@/lib/views/section-sources";
import { formatPartialDate } from "@/lib/domain/words";
import { type FxTable, formatMoney, formatNumber, withQualifier } from "@/lib/domain/money";
import type { DealView } from "@/lib/views/records";
import { hrefWith, withAsof } from "@/lib/views/url";
import type { DealsUrlState } from "@/lib/views/deals-url";
import { dealUsd } from "@/lib/views/csv/deals";
import { DealKindBadge, DealStatusBadge } from "./deal-status-badge";

const COLUMNS = [
  { key: "date", label: "Date" },
  { key: "company", label: "Company" },
  { key: "layer", label: "Layer" },
  { key: "kind", label: "Kind" },
  { key: "status", label: "Status" },
  { key: "amount", label: "Amount (as stated)", numeric: true },
  { key: "usd", label: "Amount in USD", numeric: true },
] as const;

/** A column's heading by its sort key (the URL's `sort` without its sign). */
const labelOf = (key: string): string | undefined => COLUMNS.find((c) => c.key === key)?.label;

/**
 * The screener's table: one row per deal, sorted on the server by the column the URL names,
 * so sorting is a link and works without JavaScript. The USD column says which rate made it.
 * Sources are numbered links to one list after the table. Dense: a row is one line until
 * opened; each description shows its first line and opens in place (a native <details>, so
 * without JavaScript too), and each rate is named in full once, under the table.
 */
export function DealsTable({
  deals,
  state,
  fx,
  declined,
}: {
  deals: DealView[];
  state: DealsUrlState;
  fx: FxTable;
  /** The URL's sort, not applied: too many deals match to sort them (boundedDealSort). */
  declined?: { key: string; descending: boolean; matching: number; limit: number };
}) {
  // A declined sort leaves the deals in timeline order, which is the date column ascending.
  const current = declined ? "date" : (state.sort ?? "date");
  const descending = current.startsWith("-");
  const key = descending ? current.slice(1) : current;
  const sources = sectionSources("deals", deals.flatMap((d) => d.citations));
  const rates = [...new Set(deals.flatMap((d) => dealUsd(d, fx)?.rate ?? []))].filter((r) => r !== "as stated in US dollars");
  const declinedLabel = declined ? `“${labelOf(declined.key) ?? declined.key}”` : undefined;
  return (
    <>
      {declined ? (
        <div className="notice" role="status" data-testid="sort-declined" data-sort={declined.key}>
          <p>
            <strong>
              Not sorted by {declinedLabel}
              {declined.descending ? ", descending" : ""}.
            </strong>{" "}
            {formatNumber(declined.matching)} deals match these filters, and the table sorts by this column only up to{" "}
            {formatNumber(declined.limit)} of them: sorting more would hold the server for seconds for every visitor. The deals
            below are in date order, oldest first.
          </p>
          <p>
            Narrow the filters (a layer, kind, status, years or a company name) to {formatNumber(declined.limit)} deals or fewer
            to sort by {declinedLabel}.
          </p>
        </div>
      ) : null}
      <div className="table-scroll">
        <table data-testid="deals-table" className="deals-screener">
          <caption className="visually-hidden">Deals matching the filters, sorted by {labelOf(key)?.toLowerCase() ?? "date"}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = c.key === key;
                const next = active && !descending ? `-${c.key}` : c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={"numeric" in c ? "num" : undefined}
                    aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
                  >
                    <AppLink
                      href={hrefWith("/deals", { ...state }, { sort: next === "date" ? null : next })}
                      className="sort-link"
                      data-sort={c.key}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (descending ? " ▼" : " ▲") : ""}</span>
                      <span className="visually-hidden">{active ? `, sorted ${descending ? "descending" : "ascending"}; sort ${descending ? "ascending" : "descending"}` : ", sort"}</span>
                    </AppLink>
                  </th>
                );
              })}
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {deals.map((d) => {
              const usd = dealUsd(d, fx);
              return (
                <tr key={d.id} data-testid="deal-row" data-slug={d.slug}>
                  <td className="num" data-col="date">
                    {formatPartialDate(d.date, d.dateQualifier)}
                  </td>
                  <td data-col="company">
                    <AppLink href={withAsof(`/companies/${d.organization.slug}`, state.asof)}>{d.organization.name}</AppLink>
                    {d.description ? (
                      <details className="deal-description" data-testid="deal-description">
                        <summary>{d.description}</summary>
                      </details>
                    ) : null}
                  </td>
                  <td data-col="layer">{d.layer ? <LayerChip layer={d.layer} /> : <span className="muted">none</span>}</td>
                  <td data-col="kind">
                    <DealKindBadge kind={d.kind} />
                  </td>
                  <td data-col="status">
                    <DealStatusBadge status={d.status} />
                  </td>
                  <td className="num" data-col="amount">
                    {d.amount !== null && d.currency ? (
                      withQualifier(d.qualifier, formatMoney(d.amount, d.currency))
                    ) : (
                      <span className="muted">not disclosed</span>
                    )}
                  </td>
                  <td className="num" data-col="usd" data-value={usd ? Math.round(usd.value) : ""}>
                    {usd ? (
                      <>
                        {formatMoney(usd.value, "USD")}
                        <div className="muted" data-testid="deal-rate" title={usd.rate}>
                          {usd.short}
                        </div>
                      </>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td>
                    <SourceRefs index={sources} citations={d.citations} label={`${d.organization.name} deal`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rates.length ? (
        <p className="muted" data-testid="deals-rates" style={{ fontSize: "var(--step--1)" }}>
          Amounts in US dollars at: {rates.join("; ")}.
        </p>
      ) : null}
      <SectionSources index={sources} />
    </>
  );
}
