import { existsSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { paragraphsOf } from "@/lib/draft/article";
import { draftCommand } from "@/lib/draft/command";
import { extractCandidates, type MoneyMention, type PercentMention } from "@/lib/draft/extract";
import { importCommand } from "@/lib/import/command";
import { buildTempDatabase, tempDir } from "./helpers";

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

describe("db:draft command", () => {
  let db: string;
  let dir: string;
  beforeAll(() => {
    db = buildTempDatabase();
    dir = tempDir("draft-");
  });
  const run = (file: string, ...extra: string[]) =>
    draftCommand([file, "--source", "example-weekly-2026", "--db", db, "--out", path.join(dir, "out.csv"), ...extra], { defaultDb: db, defaultOutDir: dir });

  it("writes an import file that db:import --dry-run reads, with empty descriptions and known facts marked", () => {
    const article = path.join(dir, "article.txt");
    writeFileSync(
      article,
      "Example Weekly looks at Alibaba\n\nAlibaba said it will spend more than 380 billion yuan over three years on AI infrastructure.\n\nIn March 2026 Alibaba invested $120 million in Example Robotics Ltd for a 15% stake.\n",
    );
    const r = run(article);
    expect(r.code, r.out).toBe(0);
    const csv = readFileSync(path.join(dir, "out.csv"), "utf8");
    expect(csv).toContain("source,example-weekly-2026,Example Weekly looks at Alibaba");
    expect(csv).toContain("organization,example-robotics-ltd,");
    // The pledge is already in the database: kept under its id, now also citing this article.
    expect(csv).toMatch(/spending,alibaba-380bn-pledge,.*example-weekly-2026 ¶2/);
    const deal = r.draft!.rows.find((x) => x.cells.record === "deal")!;
    expect(deal.cells).toMatchObject({ amount: "120000000", currency: "USD", stake_percent: "15", date: "2026-03", date_precision: "month", organization: "example-robotics-ltd", sources: "example-weekly-2026 ¶3", description: "" });
    expect(r.out).toContain('already in the database as spending "alibaba-380bn-pledge"');
    // The import reads it and asks for what the analyst must write: descriptions, the source's summary.
    const dry = importCommand([path.join(dir, "out.csv"), "--db", db, "--dry-run"], { defaultDb: db });
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(/column "description"/);
    expect(dry.out).toMatch(/column "summary"/);
    expect(dry.out).not.toMatch(/unknown column|does not apply/);
  });

  const refused = (name: string, content: Buffer | string | null, message: RegExp, size?: number) =>
    it(`refuses ${name} with a message and writes no draft`, () => {
      const file = path.join(dir, `bad-${name.replace(/\W+/g, "-")}.txt`);
      const out = path.join(dir, `bad-${name.replace(/\W+/g, "-")}.csv`);
      writeFileSync(file, content ?? "");
      if (size) truncateSync(file, size);
      const r = draftCommand([file, "--source", "x-2026", "--db", db, "--out", out], { defaultDb: db, defaultOutDir: dir });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(message);
      expect(r.out).toContain("No draft was written");
      expect(existsSync(out)).toBe(false);
    });
  refused("an empty file", "", /is empty/);
  refused("a file of blank lines", "\n \n\t\n", /only blank lines/);
  refused("a binary file", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary/);
  refused("a Latin-1 file", Buffer.from("Alibaba investit 380 milliards de yuans \u00e0 P\u00e9kin, d\u00e9j\u00e0 \u00e9voqu\u00e9.\n", "latin1"), /not UTF-8 text.*ISO-8859|not UTF-8 text/);
  refused("a UTF-16 file", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Alibaba\n", "utf16le")]), /UTF-16/);
  refused("a 50 MB file", "x", /50\.0 MB/, 50 * 1024 * 1024);
  it("asks for --source", () => {
    const r = draftCommand([path.join(dir, "x.txt")], { defaultDb: db, defaultOutDir: dir });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--source/);
  });
});
