import { Feed } from "feed";
import type { ChangeEntry, RevisionView } from "@/lib/db/queries/changes";
import { formatCount } from "@/lib/domain/money";
import { LIFECYCLE_LABELS } from "@/lib/domain/words";
import type { LifecycleState } from "@/lib/domain/vocabulary";
import { factAnchor } from "./anchors";

/**
 * The change log as an Atom feed, written by the `feed` package: one entry per fact added
 * or state changed, linking to the page that shows the fact and naming its source.
 */
/** Entries a feed carries: the newest; a reader keeps what it has seen. */
export const FEED_ENTRIES = 100;

/**
 * `imports`: the database's import revisions, for the whole record's feed. An import that
 * corrects a record adds no fact and changes no state, so by source date alone a reader
 * would never hear of it; each import is an entry of its own, at its time, linking to the
 * list of what it changed.
 */
export function changesAtom(
  entries: ChangeEntry[],
  opts: { origin: string; selfPath: string; title: string; id: string; imports?: RevisionView[] },
): string {
  const imports = (opts.imports ?? []).filter((r) => r.kind === "import");
  const dated = [
    ...entries.map((e) => ({ at: new Date(`${e.date}T00:00:00Z`), e, r: null })),
    ...imports.map((r) => ({ at: new Date(r.at), e: null, r })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, FEED_ENTRIES);
  const updated = dated[0]?.at ?? new Date("2000-01-01T00:00:00Z");
  const feed = new Feed({
    title: opts.title,
    description: "New and changed facts about Alibaba's AI investments, each with its source.",
    id: opts.id,
    link: `${opts.origin}/changes`,
    language: "en",
    updated,
    copyright: "Figures from the cited articles; descriptions written for this dashboard.",
    feedLinks: { atom: `${opts.origin}${opts.selfPath}` },
  });
  for (const { e, r } of dated) {
    if (r) {
      feed.addItem({
        title: `Import of ${r.fileName}: ${formatCount(r.rowsAdded, "record")} added, ${formatCount(r.rowsUpdated, "record")} updated`,
        id: `${opts.origin}/changes?revision=${r.id}`,
        link: `${opts.origin}/changes?revision=${r.id}`,
        date: new Date(r.at),
        description: `What the import of ${r.fileName} (SHA-256 ${r.fileHash}) added and changed, record by record, with each changed field.`,
        category: [{ name: "import" }],
      });
      continue;
    }
    if (!e) continue;
    const what = e.state ? `${e.type} ${e.slug}: ${LIFECYCLE_LABELS[e.state as LifecycleState] ?? e.state}` : `${e.type} ${e.slug} added`;
    const link = `${opts.origin}/companies/${e.organization.slug}#${factAnchor(e.type, e.slug)}`;
    feed.addItem({
      title: `${e.organization.name}: ${what}`,
      id: `${opts.origin}/changes#${e.kind}-${e.type}-${e.slug}-${e.state ?? "fact"}`,
      link,
      date: new Date(`${e.date}T00:00:00Z`),
      description: `${e.description} Source: ${e.source.title}, ${e.source.locator}${e.estimated ? " (source date estimated)" : ""}.`,
      category: [{ name: e.kind }, { name: e.type }],
      author: [{ name: e.source.title }],
    });
  }
  return feed.atom1();
}
