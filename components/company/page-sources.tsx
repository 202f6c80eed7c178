import { AppLink } from "@/components/app-link";
import { formatPartialDate } from "@/lib/domain/words";

interface CitedSource {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  locator: string;
}

interface SourceEntry {
  slug: string;
  title: string;
  outlet: string | null;
  publishedDate: string | null;
  locators: string[];
}

/** Paragraph locators ("¶5", "¶14-17") sort by their first number, others after. */
function locatorOrder(a: string, b: string): number {
  const n = (s: string) => Number(/\d+/.exec(s)?.[0] ?? Number.MAX_SAFE_INTEGER);
  return n(a) - n(b) || a.localeCompare(b);
}

/** Every article cited anywhere on a page, once each, with the places it was cited. */
function collectSources(citations: CitedSource[]): SourceEntry[] {
  const bySlug = new Map<string, SourceEntry>();
  for (const c of citations) {
    const entry = bySlug.get(c.sourceSlug) ?? {
      slug: c.sourceSlug,
      title: c.sourceTitle,
      outlet: c.outlet,
      publishedDate: c.publishedDate,
      locators: [],
    };
    if (!entry.locators.includes(c.locator)) entry.locators.push(c.locator);
    bySlug.set(c.sourceSlug, entry);
  }
  return [...bySlug.values()]
    .map((e) => ({ ...e, locators: e.locators.sort(locatorOrder) }))
    .sort((a, b) => (b.publishedDate ?? "").localeCompare(a.publishedDate ?? "") || a.title.localeCompare(b.title));
}

export function PageSources({ citations }: { citations: CitedSource[] }) {
  const sources = collectSources(citations);
  if (!sources.length) return <p className="muted">Nothing on this page cites a source.</p>;
  return (
    <ol data-testid="page-sources" style={{ paddingLeft: "var(--space-5)", margin: 0 }}>
      {sources.map((s) => (
        <li key={s.slug} data-testid="page-source" data-source={s.slug} style={{ marginBottom: "var(--space-3)" }}>
          <AppLink href={`/sources#${s.slug}`}>{s.title}</AppLink>
          <div className="muted">
            {s.outlet ?? "Outlet unknown"}, {s.publishedDate ? formatPartialDate(s.publishedDate) : "date not printed"}. Cited at{" "}
            {s.locators.join(", ")}.
          </div>
        </li>
      ))}
    </ol>
  );
}
