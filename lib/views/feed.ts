import { Feed } from "feed";
import type { ChangeEntry } from "@/lib/db/queries/changes";
import { LIFECYCLE_LABELS } from "@/lib/domain/words";
import type { LifecycleState } from "@/lib/domain/vocabulary";
import { factAnchor } from "./anchors";

/**
 * The change log as an Atom feed, written by the `feed` package: one entry per fact added
 * or state changed, linking to the page that shows the fact and naming its source.
 */
/** Entries a feed carries: the newest; a reader keeps what it has seen. */
export const FEED_ENTRIES = 100;

export function changesAtom(entries: ChangeEntry[], opts: { origin: string; selfPath: string; title: string; id: string }): string {
  const updated = entries[0] ? new Date(`${entries[0].date}T00:00:00Z`) : new Date("2000-01-01T00:00:00Z");
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
  for (const e of entries) {
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
