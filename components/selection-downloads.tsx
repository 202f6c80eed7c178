import { hrefWith } from "@/lib/views/url";

/**
 * "Download CSV" and "Download Excel" of a whole selection: plain links to the server's file
 * with the page's own parameters (a past view's day included), so they work without
 * JavaScript and the file holds exactly what the view selects, in its order.
 */
export function SelectionDownloads({ path, params, what }: { path: string; params: Record<string, string | number | undefined>; what: string }) {
  return (
    <span className="download-buttons">
      <a className="button secondary small" href={hrefWith(path, params, {})} download data-testid="download-csv" rel="nofollow">
        Download CSV<span className="visually-hidden"> of {what}</span>
      </a>
      <a className="button secondary small" href={hrefWith(path, params, { format: "xlsx" })} download data-testid="download-xlsx" rel="nofollow">
        Download Excel<span className="visually-hidden"> of {what}</span>
      </a>
    </span>
  );
}
