import { describe, expect, it } from "vitest";
import { groupCitationsByArticle } from "../../lib/views/citation-groups";
import { citationText, formatPartialDate } from "../../lib/domain/words";
import { isEstimatedDate, type CitationView } from "../../lib/db/queries/citations";

const cite = (source: string, locator: string, paraphrase: string | null = null, extra: Partial<CitationView> = {}): CitationView => ({
  sourceSlug: source,
  sourceTitle: `Title ${source}`,
  outlet: null,
  publishedDate: "2025-02-24",
  dateEstimated: false,
  locator,
  note: paraphrase,
  paraphrase,
  ...extra,
});

describe("groupCitationsByArticle", () => {
  it("gives one entry per article and each paragraph once, in paragraph order, with its paraphrases", () => {
    const groups = groupCitationsByArticle([
      cite("a", "¶21", "the pledge restated"),
      cite("b", "¶5"),
      cite("a", "¶3", "the pledge announced"),
      cite("a", "¶21", "the pledge restated"),
      cite("a", "¶21", "its three uses"),
      cite("a", "¶12-13"),
    ]);
    expect(groups.map((g) => g.sourceSlug)).toEqual(["a", "b"]);
    expect(groups[0]!.paragraphs.map((p) => p.locator)).toEqual(["¶3", "¶12-13", "¶21"]);
    expect(groups[0]!.paragraphs.find((p) => p.locator === "¶21")!.paraphrases).toEqual(["the pledge restated", "its three uses"]);
    expect(groups[1]!.paragraphs).toEqual([{ locator: "¶5", isParagraph: true, paraphrases: [] }]);
  });

  it("words a citation that backs a count of deals, and does not call it a paragraph", () => {
    const groups = groupCitationsByArticle([cite("a", "", null, { dealCount: 13 }), cite("b", "", null, { dealCount: 1 })]);
    expect(groups.map((g) => g.paragraphs)).toEqual([
      [{ locator: "cited for 13 deals", isParagraph: false, paraphrases: [] }],
      [{ locator: "cited for 1 deal", isParagraph: false, paraphrases: [] }],
    ]);
    expect(citationText(cite("a", "", null, { dealCount: 2 }))).toBe("Title a (outlet unknown, 2025-02-24) cited for 2 deals");
  });
});

describe("estimated dates", () => {
  it("reads an estimate from the source's date note and shows it as c.", () => {
    expect(isEstimatedDate("2025-02-24", "Not printed. Estimated: around 24 February 2025.")).toBe(true);
    expect(isEstimatedDate("2025-07-16", "Date printed under the headline.")).toBe(false);
    expect(isEstimatedDate(null, "Estimated after September 2025")).toBe(false);
    expect(formatPartialDate("2025-02-24", "about")).toBe("c. 24 Feb 2025");
    expect(citationText(cite("a", "¶3", "the pledge announced", { dateEstimated: true }))).toBe("Title a (outlet unknown, c. 2025-02-24) ¶3: the pledge announced");
  });
});
