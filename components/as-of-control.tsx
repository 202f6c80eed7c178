import { MIN_ASOF } from "@/lib/validation/params";
import { AsOfDateField } from "./as-of-date-field";

/**
 * The header's "as of" date: a plain GET form, so it works without JavaScript and from the
 * keyboard (the day field, then Enter or the button). It keeps the page's other
 * parameters as hidden fields, except the page number, which a new day makes meaningless.
 */
export function AsOfControl({ path, params, asof, today }: { path: string; params: [string, string][]; asof?: string; today: string }) {
  const kept = params.filter(([k]) => k !== "asof" && k !== "page");
  return (
    <form action={path} method="get" className="asof-control" data-testid="asof-control">
      {kept.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor="asof-date">As of</label>
      <AsOfDateField id="asof-date" value={asof ?? ""} min={MIN_ASOF} max={today} />
      <button type="submit" data-testid="asof-submit">
        Show
      </button>
    </form>
  );
}
