import { describe, expect, it } from "vitest";
import { paragraphsOf } from "@/lib/db/draft/article";
import { extractCandidates, type MoneyMention, type PercentMention } from "@/lib/db/draft/extract";

const known = [
  { slug: "alibaba", names: ["Alibaba", "Alibaba Group"] },
  { slug: "meta", names: ["Meta", "Meta Platforms"] },
  { slug: "moonshot-ai", names: ["Moonshot AI", "Yuezhi Anmian"] },
];
const extract = (text: string) => extractCandidates(paragraphsOf(text), { refDate: new Date("2025-02-24T00:00:00Z"), known }).flatMap((s) => s.candidates);

describe("draft extraction", () => {
  it("reads amounts with currency and qualifier", () => {
    const money = extract(
      "Alibaba will invest more than 380 billion yuan, approximately $53 billion, in three years.\nMeta anticipates spending up to $65 billion in 2025. Smart Voice raised a 500 - million - yuan round; one billion yuan in revenue.",
    ).filter((c): c is MoneyMention => c.kind === "money");
    expect(money.map((m) => [m.amount, m.currency, m.qualifier, m.paragraph])).toEqual([
      [380e9, "CNY", "more-than", 1],
      [53e9, "USD", "about", 1],
      [65e9, "USD", "up-to", 2],
      [500e6, "CNY", "exact", 2],
      [1e9, "CNY", "exact", 2],
    ]);
    expect(money[0]!.phrase).toBe("more than 380 billion yuan");
  });

  it("reads percentages with what they measure", () => {
    const pct = extract("Shares dipped by as much as 3% in Hong Kong. Alibaba would take a 10% stake. Revenue rose 17.2% year on year.").filter(
      (c): c is PercentMention => c.kind === "percent",
    );
    expect(pct.map((p) => [p.value, p.qualifier, p.measures])).toEqual([
      [3, "as-much-as", "share-price change"],
      [10, "exact", "stake"],
      [17.2, "exact", "change"],
    ]);
  });

  it("reads dates at their precision, a missing year from the paragraph or the article's date", () => {
    const dates = extract("Shares fell on February 24. In 2019 it was bought; in September of the same year it was renamed. Since 2023 it grew. In the first quarter of 2025 it lost money.")
      .filter((c) => c.kind === "date")
      .map((d) => (d.kind === "date" ? [d.value, d.precision, d.qualifier] : null));
    expect(dates).toEqual([
      ["2025-02-24", "day", "exact"],
      ["2019", "year", "exact"],
      ["2019-09", "month", "exact"],
      ["2023", "year", "on-or-after"],
      ["2025-01", "quarter", "exact"],
    ]);
  });

  it("matches organisations by name and alias and proposes unknown ones", () => {
    const orgs = extract("Yuezhi Anmian and Meta Platforms met Example Robotics Ltd in Hangzhou.").filter((c) => c.kind === "organization");
    expect(orgs.map((o) => (o.kind === "organization" ? [o.slug, o.name] : null))).toEqual([
      ["moonshot-ai", "Yuezhi Anmian"],
      ["meta", "Meta Platforms"],
      [null, "Example Robotics Ltd"],
    ]);
  });
});

