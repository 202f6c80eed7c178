import { AppLink } from "@/components/app-link";
import { formatPartialDate } from "@/lib/domain/words";
import { type FxRate, formatNumber } from "@/lib/domain/money";
import { FX_BASIS_LABELS as BASIS } from "@/lib/views/csv/sources";

/** The exchange rates conversions use, with where each comes from; the default is marked. */
export function FxRateTable({ rates, sourceTitles }: { rates: FxRate[]; sourceTitles: Map<string, string> }) {
  return (
    <div className="table-scroll">
      <table data-testid="fx-rates-table">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Per US dollar
            </th>
            <th scope="col">As of</th>
            <th scope="col">Basis</th>
            <th scope="col">Sources</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r, i) => (
            <tr key={`${r.currency}-${r.asOf}-${i}`} data-testid="fx-rate" data-currency={r.currency} data-default={r.isDefault ? "true" : "false"}>
              <th scope="row">
                {r.currency}
                {r.isDefault ? (
                  <>
                    {" "}
                    <span className="badge">used for conversions</span>
                  </>
                ) : null}
              </th>
              <td className="num">{formatNumber(r.perUsd, { maximumFractionDigits: 4 })}</td>
              <td>
                <time dateTime={r.asOf}>{formatPartialDate(r.asOf)}</time>
              </td>
              <td>{BASIS[r.basis]}</td>
              <td>
                {r.sources.length === 0 ? (
                  <span className="muted">no article</span>
                ) : (
                  r.sources.map((slug, j) => (
                    <span key={slug}>
                      {j > 0 ? "; " : null}
                      <AppLink href={`#${slug}`}>{sourceTitles.get(slug) ?? slug}</AppLink>
                    </span>
                  ))
                )}
              </td>
              <td>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
