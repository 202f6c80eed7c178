import { existsSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { draftCommand } from "@/lib/db/draft/command";
import { importCommand } from "@/lib/db/import/command";
import { buildTempDatabase, tempDir } from "./helpers";

describe("db:draft command", () => {
  let db: string;
  let dir: string;
  beforeAll(() => {
    db = buildTempDatabase();
    dir = tempDir("draft-");
  });
  const run = (file: string, ...extra: string[]) =>
    draftCommand([file, "--source", "example-weekly-2026", "--db", db, "--out", path.join(dir, "out.csv"), ...extra], { defaultDb: db, defaultOutDir: dir });

  it("writes an import file that db:import --dry-run reads, with empty descriptions and known facts marked", async () => {
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
    const dry = await importCommand([path.join(dir, "out.csv"), "--db", db, "--dry-run"], { defaultDb: db });
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(/column "description"/);
    expect(dry.out).toMatch(/column "summary"/);
    expect(dry.out).not.toMatch(/unknown column|does not apply/);
    // The next step it prints checks the file against the database the draft was read from.
    expect(r.out).toContain(`--dry-run --db ${path.relative(process.cwd(), db)}`);
  });

  it("answers --help with its usage, not an error", () => {
    const r = draftCommand(["--help"], { defaultDb: db, defaultOutDir: dir });
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: npm run db:draft/) });
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
