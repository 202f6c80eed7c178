import { describe, expect, it } from "vitest";
import { refsOf, sectionSources, sourceAnchor } from "../../lib/views/section-sources";
import type { CitationView } from "../../lib/db/queries/citations";

const cite = (source: string, locator: string): CitationView => ({
  sourceSlug: source,
  sourceTitle: `Title ${source}`,
  outlet: null,
  publishedDate: "2025-02-24",
  dateEstimated: false,
  locator,
  note: null,
  paraphrase: null,
});

describe("sectionSources and refsOf", () => {
  it("numbers each article once, in the order the section first cites it", () => {
    const index = sectionSources("deals", [cite("b", "¶2"), cite("a", "¶1"), cite("b", "¶9")]);
    expect(index.articles.map((a) => a.sourceSlug)).toEqual(["b", "a"]);
    expect(index.articles[0]!.paragraphs.map((p) => p.locator)).toEqual(["¶2", "¶9"]);
  });

  it("gives a figure the numbers of its own articles, each once, pointing to the section's anchors", () => {
    const index = sectionSources("spending", [cite("b", "¶2"), cite("a", "¶1"), cite("c", "¶4")]);
    expect(refsOf(index, [cite("c", "¶4"), cite("b", "¶3"), cite("c", "¶5")])).toEqual([
      { n: 1, sourceSlug: "b", anchor: "src-spending-b" },
      { n: 3, sourceSlug: "c", anchor: "src-spending-c" },
    ]);
    expect(refsOf(index, [])).toEqual([]);
    expect(refsOf(index, [cite("elsewhere", "¶1")])).toEqual([]);
    expect(sourceAnchor("deals-joined", "x")).toBe("src-deals-joined-x");
  });
});
