/**
 * Citations as a reader checks them: one entry per article, each cited paragraph once,
 * in paragraph order, with what the paragraph supports. Pure, for the sources panel and
 * its tests.
 */

import type { CitationView } from "../db/queries/citations";
import { citationPlace } from "../domain/words";

export interface CitedParagraph {
  /** The paragraph ("¶5"), or for a citation backing a count, how many deals it is cited for. */
  locator: string;
  /** True when this is a place in the article, so a list can say "at ¶5". */
  isParagraph: boolean;
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
    const place = citationPlace(c);
    let p = a.byLocator.get(place);
    if (!p) {
      p = { locator: place, isParagraph: c.dealCount == null, paraphrases: [] };
      a.byLocator.set(place, p);
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
