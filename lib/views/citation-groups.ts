/**
 * Citations as a reader checks them: one entry per article, each cited paragraph once,
 * in paragraph order, with what the paragraph supports. Pure, for the sources panel and
 * its tests.
 */

import type { CitationView } from "../db/queries/citations";

export interface CitedParagraph {
  locator: string;
  /** Distinct paraphrases of this paragraph across the facts citing it. */
  paraphrases: string[];
}

export interface CitedArticle {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  dateEstimated: boolean;
  paragraphs: CitedParagraph[];
}

/** "¶12-13" sorts by 12, then 13; anything else after every numbered paragraph. */
function locatorKey(locator: string): [number, number] {
  const m = /^¶(\d+)(?:-(\d+))?$/.exec(locator);
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : [Number.MAX_SAFE_INTEGER, 0];
}

export function groupCitationsByArticle(citations: readonly CitationView[]): CitedArticle[] {
  const articles = new Map<string, CitedArticle & { byLocator: Map<string, CitedParagraph> }>();
  for (const c of citations) {
    let a = articles.get(c.sourceSlug);
    if (!a) {
      a = {
        sourceSlug: c.sourceSlug,
        sourceTitle: c.sourceTitle,
        outlet: c.outlet,
        publishedDate: c.publishedDate,
        dateEstimated: c.dateEstimated,
        paragraphs: [],
        byLocator: new Map(),
      };
      articles.set(c.sourceSlug, a);
    }
    let p = a.byLocator.get(c.locator);
    if (!p) {
      p = { locator: c.locator, paraphrases: [] };
      a.byLocator.set(c.locator, p);
      a.paragraphs.push(p);
    }
    const text = c.paraphrase ?? c.note;
    if (text && !p.paraphrases.includes(text)) p.paraphrases.push(text);
  }
  return [...articles.values()].map(({ byLocator: _unused, ...a }) => {
    void _unused;
    const paragraphs = [...a.paragraphs].sort((x, y) => {
      const [x1, x2] = locatorKey(x.locator);
      const [y1, y2] = locatorKey(y.locator);
      return x1 - y1 || x2 - y2 || x.locator.localeCompare(y.locator);
    });
    return { ...a, paragraphs };
  });
}
