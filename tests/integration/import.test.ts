import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { importCommand } from "@/lib/db/import/command";
import { buildTempDatabase, REPO, tempDir } from "./helpers";

const TSX = path.join(REPO, "node_modules", ".bin", "tsx");
let pristine: Buffer;
let pristinePath: string;

beforeAll(() => {
  pristinePath = buildTempDatabase();
  pristine = readFileSync(pristinePath);
});

/** A fresh copy of the seeded database in its own folder, so backups are easy to see. */
function freshDb(): { db: string; dir: string } {
  const dir = tempDir("import-");
  const db = path.join(dir, "portfolio.db");
  writeFileSync(db, pristine);
  return { db, dir };
}

/** In-process: the same function the CLI runs, without a process start per case. */
function runImport(file: string, db: string, ...extra: string[]) {
  return importCommand([file, "--db", db, ...extra], { defaultDb: db });
}

const count = (db: string, sql: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};

const HEADER = "record,id,organization,investor,date,kind,status,amount,currency,qualifier,description,sources";
const GOOD_DEAL = "deal,test-deal-1,unitree,alibaba,2025-06,equity-investment,completed,1000000,CNY,about,A test deal used by the import tests.,dingjiao-one-2025-10 ¶34";

function file(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Each malformed file: its content, and a fragment the message must contain. */
const MALFORMED: { name: string; file: string; content: string | Buffer; expect: RegExp }[] = [
  { name: "wrong type", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("1000000", "two million")}\n`, expect: /row 2, column "amount".*expected a plain number/ },
  { name: "a precision the date does not have", file: "a.csv", content: `${HEADER},date_precision\n${GOOD_DEAL},day\n`, expect: /row 2, column "date_precision".*"day" does not fit the date 2025-06 \(a date written YYYY-MM is a month or a quarter\)/ },
  { name: "unknown organization", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("unitree", "no-such-co")}\n`, expect: /row 2, column "organization".*unknown organization "no-such-co"/ },
  { name: "unknown source", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("dingjiao-one-2025-10", "mystery-blog")}\n`, expect: /column "sources".*unknown source "mystery-blog"/ },
  { name: "bad currency", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace(",CNY,", ",EUR,")}\n`, expect: /column "currency"/ },
  { name: "negative amount", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("1000000", "-5")}\n`, expect: /column "amount".*must be a positive number/ },
  { name: "absurd amount", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("1000000", "900000000000000000000")}\n`, expect: /column "amount".*beyond any plausible/ },
  { name: "impossible date", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("2025-06", "2025-02-30")}\n`, expect: /column "date".*2025-02-30 is not a date on the calendar/ },
  {
    name: "duplicate of a fact in the database",
    file: "a.csv",
    content: `${HEADER}\ndeal,kaola-again,kaola,alibaba,2019-09,acquisition,completed,2000000000,USD,exact,The Kaola purchase entered a second time.,dingjiao-one-2025-10 ¶56\n`,
    expect: /column "id".*duplicates deal "[a-z0-9-]+" already in the database/,
  },
  { name: "duplicate inside the file", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL}\n${GOOD_DEAL}\n`, expect: /row 3, column "id".*same deal id as row 2/ },
  { name: "truncated CSV", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL}\ndeal,test-deal-2,unitree,ali`, expect: /cannot be read \(line 3\).*cut short/ },
  { name: "unclosed quote", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL}\ndeal,"test-deal-2,unitree`, expect: /cannot be read.*never closed/ },
  { name: "wrong delimiter", file: "a.csv", content: `${HEADER.replaceAll(",", ";")}\n${GOOD_DEAL.replaceAll(",", ";")}\n`, expect: /seems to use ";" between cells/ },
  { name: "BOM with a bad row", file: "a.csv", content: `\uFEFF${HEADER}\n${GOOD_DEAL.replace("completed", "finished")}\n`, expect: /row 2, column "status"/ },
  { name: "empty file", file: "a.csv", content: "", expect: /the file is empty/ },
  { name: "blank lines only", file: "a.csv", content: "\n\n  \n", expect: /the file is empty/ },
  { name: "header only", file: "a.csv", content: `${HEADER}\n`, expect: /header but no rows/ },
  { name: "unknown column", file: "a.csv", content: `${HEADER},valuation\n${GOOD_DEAL},5\n`, expect: /unknown column "valuation"/ },
  { name: "formula-looking cell", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal used by the import tests.", '"=HYPERLINK(""http://x"")"')}\n`, expect: /column "description".*starts like a spreadsheet formula/ },
  { name: "missing required field", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal used by the import tests.", "")}\n`, expect: /column "description"/ },
  { name: "locator past the end", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("¶34", "¶900")}\n`, expect: /¶900 is past the end/ },
  { name: "JSON that is not an array", file: "a.json", content: '{"record": "deal"}', expect: /expected a JSON array of rows/ },
  { name: "broken JSON", file: "a.json", content: '[{"record": "deal",', expect: /not valid JSON/ },
  { name: "not UTF-8 (Latin-1)", file: "a.csv", content: Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(GOOD_DEAL.replace("A test", "Caf\xe9 test"), "latin1")]), expect: /a\.csv, row 2, column "description".*not UTF-8.*Latin-1/ },
];

/** Hostile files (issue 15): each must be refused naming the file, the row and the column. */
const GOOD_JSON_DEAL = {
  record: "deal", id: "test-deal-1", organization: "unitree", investor: "alibaba", date: "2025-06", kind: "equity-investment",
  status: "completed", amount: 1000000, currency: "CNY", qualifier: "about", description: "A test deal used by the import tests.",
  sources: [{ source: "dingjiao-one-2025-10", locator: "¶34" }],
};
const jsonWith = (extra: string) => `[${JSON.stringify(GOOD_JSON_DEAL).slice(0, -1)},${extra}}]`;
const HOSTILE: typeof MALFORMED = [
  { name: "NUL byte in a cell", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal", "A test\u0000 deal")}\n`, expect: /a\.csv, row 2, column "description".*control character, U\+0000 \(NUL\)/ },
  { name: "escape character in a cell", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal", "A test\u001b[31m deal")}\n`, expect: /a\.csv, row 2, column "description".*control character, U\+001B/ },
  { name: "C1 control character in a JSON cell", file: "a.json", content: JSON.stringify([{ ...GOOD_JSON_DEAL, description: "A test deal\u0085 used by the import tests." }]), expect: /a\.json, row 1, column "description".*control character, U\+0085/ },
  { name: "formula behind a leading space", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal used by the import tests.", '" =HYPERLINK(""http://x"")"')}\n`, expect: /a\.csv, row 2, column "description".*starts like a spreadsheet formula/ },
  { name: "formula behind a tab and a quote", file: "a.csv", content: `${HEADER}\n${GOOD_DEAL.replace("A test deal used by the import tests.", '"\t\'=1+2"')}\n`, expect: /a\.csv, row 2, column "description".*starts like a spreadsheet formula/ },
  { name: "formula behind a double quote in JSON", file: "a.json", content: JSON.stringify([{ ...GOOD_JSON_DEAL, description: '"@SUM(A1:A9)' }]), expect: /a\.json, row 1, column "description".*starts like a spreadsheet formula/ },
  { name: "__proto__ key in JSON", file: "a.json", content: jsonWith('"__proto__": {"kind": "acquisition"}'), expect: /a\.json, row 1, column "__proto__".*not a field name an import accepts/ },
  { name: "constructor key in JSON", file: "a.json", content: jsonWith('"constructor": "x"'), expect: /a\.json, row 1, column "constructor".*not a field name an import accepts/ },
  { name: "nested object in a JSON cell", file: "a.json", content: jsonWith('"terms": {"a": {"b": 1}}').replace('"terms"', '"stake_percent"'), expect: /a\.json, row 1, column "stake_percent".*nested object or list/ },
  { name: "JSON nested 100,000 deep", file: "a.json", content: `[${JSON.stringify(GOOD_JSON_DEAL).slice(0, -1)},"terms": ${"[".repeat(100_000)}${"]".repeat(100_000)}}]`, expect: /a\.json, row 1, column "terms".*nests 5 levels deep/ },
  { name: "UTF-16 with a byte-order mark", file: "a.csv", content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${GOOD_DEAL}\n`, "utf16le")]), expect: /a\.csv, row 1, column "record".*UTF-16 text \(little-endian, with a byte-order mark\)/ },
  { name: "UTF-16 without a byte-order mark", file: "a.csv", content: Buffer.from(`${HEADER}\n${GOOD_DEAL}\n`, "utf16le"), expect: /a\.csv, row 1, column "record".*UTF-16 text/ },
  { name: "Windows-1252 JSON", file: "a.json", content: Buffer.from(JSON.stringify([{ ...GOOD_JSON_DEAL, description: "A caf\u00e9 deal used by the import tests." }]), "latin1"), expect: /a\.json, row 1.*not UTF-8/ },
  { name: "wrong file type", file: "a.xlsx", content: "PK\x03\x04", expect: /expected a \.csv or \.json file/ },
];

describe("db:import refuses malformed files and leaves the database byte-identical", () => {
  it.each([...MALFORMED, ...HOSTILE])("$name", async ({ file: name, content, expect: pattern }) => {
    const { db, dir } = freshDb();
    const r = await runImport(file(dir, name, content), db);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(pattern);
    expect(r.out).toContain("nothing was written");
    expect(readFileSync(db).equals(pristine)).toBe(true);
    expect(existsSync(path.join(dir, "backups"))).toBe(false);
  });

  it("refuses a huge file before reading it", async () => {
    const { db, dir } = freshDb();
    const p = file(dir, "huge.csv", "");
    truncateSync(p, 300 * 1024 * 1024); // sparse: costs no disk, reports 300 MB
    const r = await runImport(p, db);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/the file is 300 MB; the limit is 256 MB/);
    expect(readFileSync(db).equals(pristine)).toBe(true);
  });

  it("reports every problem of a file at once", async () => {
    const { db, dir } = freshDb();
    const content = `${HEADER}\n${GOOD_DEAL.replace("CNY", "EUR")}\n${GOOD_DEAL.replace("test-deal-1", "test-deal-2").replace("unitree", "nobody")}\n`;
    const r = await runImport(file(dir, "a.csv", content), db);
    expect(r.out).toMatch(/2 problem\(s\)/);
    expect(r.out).toMatch(/row 2, column "currency"/);
    expect(r.out).toMatch(/row 3, column "organization"/);
  });
});

describe("db:import writes good files", () => {
  it("gives an imported position a kind: the file's position_kind, else one read from the relationship", async () => {
    const { db, dir } = freshDb();
    const header = "record,id,name,kind,country,description,layer,segment,relationship,status,position_kind,sources";
    const rows = [
      "organization,test-partner-co,Test Partner Co,partner,CN,A made-up carmaker that uses Alibaba Cloud.,application,automotive,partnership,active,,dingjiao-one-2025-10 ¶29",
      "organization,test-old-shop,Test Old Shop,portfolio,CN,A made-up shop Alibaba bought before the AI era.,application,e-commerce,acquisition,wound-down,non-ai-holding,dingjiao-one-2025-10 ¶56",
    ];
    const r = await runImport(file(dir, "kinds.csv", `${header}\n${rows.join("\n")}\n`), db);
    expect(r.code, r.out).toBe(0);
    const kindOf = (slug: string) => {
      const d = new Database(db, { readonly: true });
      try {
        return (d.prepare("SELECT p.kind FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE o.slug = ?").get(slug) as { kind: string }).kind;
      } finally {
        d.close();
      }
    };
    expect(kindOf("test-partner-co")).toBe("partner");
    expect(kindOf("test-old-shop")).toBe("non-ai-holding");
    // A merged position must name a unit that exists; nothing is written otherwise.
    const merged = `${header},merged_into\norganization,test-merged-co,Test Merged Co,portfolio,CN,A made-up chip firm folded into another unit.,basic,chips,acquisition,integrated,merged,dingjiao-one-2025-10 ¶43,no-such-unit\n`;
    const bad = await runImport(file(dir, "merged.csv", merged), db);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/column "merged_into".*unknown organization "no-such-unit"/);
  });

  it("runs as a command: exit code and message", () => {
    const { db } = freshDb();
    const r = spawnSync(TSX, ["lib/db/import/cli.ts", "data/examples/new-article.csv", "--db", db, "--dry-run"], { cwd: REPO, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/5 to add/);
    const bad = spawnSync(TSX, ["lib/db/import/cli.ts"], { cwd: REPO, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/give exactly one file/);
  });

  it("answers --help with its usage, and says when a new source has no date", async () => {
    const { db, dir } = freshDb();
    expect(await runImport("--help", db)).toEqual({ code: 0, out: expect.stringMatching(/^Usage: npm run db:import/) });
    const undated = file(dir, "undated.csv", readFileSync(path.join(REPO, "data/examples/new-article.csv"), "utf8").replace(",Example Weekly,2025-12-01,", ",Example Weekly,,"));
    const note = /Note: source "example-weekly-2025-12" \(row 2\) has no published_date.*past views, \/changes and the feeds leave them out/;
    expect((await runImport(undated, db, "--dry-run")).out).toMatch(note);
    const done = await runImport(undated, db);
    expect(done.out).toMatch(/5 added/);
    expect(done.out).toMatch(note);
    // A dated source says nothing of the kind.
    expect((await runImport(path.join(REPO, "data/examples/new-article.csv"), freshDb().db, "--dry-run")).out).not.toMatch(/Note: source/);
  });

  it("a dry run reports the changes and writes nothing", async () => {
    const { db } = freshDb();
    const r = await runImport(path.join(REPO, "data/examples/new-article.csv"), db, "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 to add, 0 to update, 0 unchanged/);
    expect(readFileSync(db).equals(pristine)).toBe(true);
  });

  it("imports the example CSV with citations, keeps a backup when asked, and a second run changes nothing", async () => {
    const { db, dir } = freshDb();
    const r = await runImport(path.join(REPO, "data/examples/new-article.csv"), db, "--backup");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/5 added, 0 updated/);
    expect(r.out).toMatch(/Backup of the previous database: .*backups/);
    const backups = readdirSync(path.join(dir, "backups"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(dir, "backups", backups[0]!)).equals(pristine)).toBe(true);
    expect(count(db, "SELECT count(*) AS n FROM deals WHERE slug = 'example-robotics-2025'")).toBe(1);
    expect(
      count(db, "SELECT count(*) AS n FROM citations c JOIN deals d ON d.id = c.deal_id WHERE d.slug = 'example-robotics-2025'"),
    ).toBe(2);
    expect(count(db, "SELECT count(*) AS n FROM deal_co_investors dc JOIN deals d ON d.id = dc.deal_id WHERE d.slug = 'example-robotics-2025'")).toBe(1);
    expect(count(db, "SELECT count(*) AS n FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE o.slug = 'example-robotics'")).toBe(1);
    const after = readFileSync(db);
    const again = await runImport(path.join(REPO, "data/examples/new-article.csv"), db);
    expect(again.out).toMatch(/Nothing to change/);
    expect(readFileSync(db).equals(after)).toBe(true);
  });

  it("copies no backup unless asked (the transaction is what protects the file)", async () => {
    const { db, dir } = freshDb();
    const r = await runImport(path.join(REPO, "data/examples/new-article.csv"), db);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/Backup/);
    expect(existsSync(path.join(dir, "backups"))).toBe(false);
    const elsewhere = path.join(dir, "kept");
    const again = await runImport(path.join(REPO, "data/examples/new-article.csv").replace("new-article.csv", "new-article.json"), freshDb().db, "--backup-dir", elsewhere);
    expect(again.code, again.out).toBe(0);
    expect(readdirSync(elsewhere)).toHaveLength(1);
  });

  it("the JSON example imports the same records as the CSV one", async () => {
    const { db } = freshDb();
    const r = await runImport(path.join(REPO, "data/examples/new-article.json"), db);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/5 added/);
  });

  it("updates an existing record by its id and says which fields change", async () => {
    const { db, dir } = freshDb();
    await runImport(path.join(REPO, "data/examples/new-article.csv"), db);
    const changed = readFileSync(path.join(REPO, "data/examples/new-article.csv"), "utf8").replace("300000000", "350000000");
    const p = file(dir, "update.csv", changed);
    expect((await runImport(p, db, "--dry-run")).out).toMatch(/update deal "example-robotics-2025" \(row 4\): amount/);
    expect((await runImport(p, db)).out).toMatch(/0 added, 1 updated, 4 unchanged/);
    expect(count(db, "SELECT amount AS n FROM deals WHERE slug = 'example-robotics-2025'")).toBe(350000000);
  });

  it("an update that changes only a list (co-investors, terms, aliases) is an update, and the dry run names the list", async () => {
    const { db, dir } = freshDb();
    const example = readFileSync(path.join(REPO, "data/examples/new-article.csv"), "utf8");
    await runImport(path.join(REPO, "data/examples/new-article.csv"), db);
    const coInvestors = () =>
      new Database(db, { readonly: true })
        .prepare("SELECT o.slug FROM deal_co_investors c JOIN deals d ON d.id = c.deal_id JOIN organizations o ON o.id = c.organization_id WHERE d.slug = 'example-robotics-2025' ORDER BY o.slug")
        .pluck()
        .all();
    expect(coInvestors()).toEqual(["tencent"]);

    // One more co-investor, nothing else: written, not "unchanged".
    const more = file(dir, "more.csv", example.replace(",tencent,", ",tencent; geely,"));
    const moreDry = (await runImport(more, db, "--dry-run")).out;
    expect(moreDry).toMatch(/update deal "example-robotics-2025" \(row 4\): co_investors\n {6}co_investors: adds geely$/m);
    expect((await runImport(more, db)).out).toMatch(/0 added, 1 updated, 4 unchanged/);
    expect(coInvestors()).toEqual(["geely", "tencent"]);

    // The list emptied beside a changed description: the dry run says the list goes too.
    const fewer = file(dir, "fewer.csv", example.replace("alongside Tencent.", "alone.").replace(",tencent,", ",,").replace(",Part paid in cloud credits,", ",,"));
    const fewerDry = (await runImport(fewer, db, "--dry-run")).out;
    expect(fewerDry).toMatch(/update deal "example-robotics-2025" \(row 4\): description, co_investors, terms$/m);
    expect(fewerDry).toMatch(/^ {6}co_investors: drops geely; tencent$/m);
    expect(fewerDry).toMatch(/^ {6}terms: drops Part paid in cloud credits$/m);
    expect(coInvestors()).toEqual(["geely", "tencent"]);

    // An alias reordered is the same set; one dropped is a change.
    const reordered = file(dir, "reordered.csv", example.replace("Shili Jiqiren; ExRobo", "ExRobo; Shili Jiqiren").replace(",tencent,", ",tencent; geely,"));
    expect((await runImport(reordered, db, "--dry-run")).out).toMatch(/0 to add, 0 to update, 5 unchanged/);
    const dropped = file(dir, "dropped.csv", example.replace("Shili Jiqiren; ExRobo", "ExRobo").replace(",tencent,", ",tencent; geely,"));
    expect((await runImport(dropped, db, "--dry-run")).out).toMatch(/update organization "example-robotics" \(row 3\): aliases\n {6}aliases: drops Shili Jiqiren$/m);
    // Sources too: the dry run names the citations an update takes away.
    const recited = file(dir, "recited.csv", example.replace("example-weekly-2025-12 ¶3; example-weekly-2025-12 ¶4,example-robotics,alibaba", "example-weekly-2025-12 ¶4,example-robotics,alibaba").replace(",tencent,", ",tencent; geely,"));
    expect((await runImport(recited, db, "--dry-run")).out).toMatch(/: sources\n {6}sources: drops example-weekly-2025-12 ¶3$/m);
  });

  it("accepts CRLF line endings and a BOM", async () => {
    const { db, dir } = freshDb();
    const p = file(dir, "crlf.csv", `\uFEFF${HEADER}\r\n${GOOD_DEAL}\r\n`);
    const r = await runImport(p, db);
    expect(r.code, r.out).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM deals WHERE slug = 'test-deal-1'")).toBe(1);
  });
});

describe("db:import survives being killed mid-write", () => {
  it("SIGKILL inside the transaction leaves the old database, intact; a rerun gives the new one", async () => {
    const { db, dir } = freshDb();
    const rows = Array.from({ length: 4000 }, (_, i) =>
      GOOD_DEAL.replace("test-deal-1", `crash-deal-${i}`).replace("1000000", String(1000000 + i)),
    );
    const p = file(dir, "big.csv", `${HEADER}\n${rows.join("\n")}\n`);
    const before = count(db, "SELECT count(*) AS n FROM deals");

    // One process (not the tsx wrapper, which forks a child), so SIGKILL hits the writer itself.
    const child = spawn(process.execPath, ["--import", "tsx", "lib/db/import/cli.ts", p, "--db", db], {
      cwd: REPO,
      env: { ...process.env, PORTFOLIO_IMPORT_PAUSE_AT: "2000" },
    });
    await new Promise<void>((resolve, reject) => {
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        if (err.includes("PAUSED")) resolve();
      });
      child.on("exit", () => reject(new Error(`import exited before pausing: ${err}`)));
    });
    // The rows are written inside the open transaction (new deals go in a chunk at a time,
    // so the pause comes after the chunk holding row 2,000); a reader (WAL mode) meanwhile
    // reads the old data without waiting for the writer.
    expect(count(db, "SELECT count(*) AS n FROM deals")).toBe(before);
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));

    // No hot journal to roll back: the uncommitted part of the log is ignored, fully old.
    const d = new Database(db);
    expect(d.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((d.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n).toBe(before);
    expect((d.prepare("SELECT count(*) AS n FROM deals WHERE slug LIKE 'crash-deal-%'").get() as { n: number }).n).toBe(0);
    d.close();

    const r = await runImport(p, db);
    expect(r.code, r.out).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM deals")).toBe(before + 4000);
  });
});

describe("db:import in bulk", () => {
  const deals = (n: number, prefix = "bulk-deal") =>
    Array.from({ length: n }, (_, i) => GOOD_DEAL.replace("test-deal-1", `${prefix}-${i}`).replace("1000000", String(2000000 + i)));

  it("gives new deals the sort date a partial date means (its first day), as the seed does", async () => {
    const { db, dir } = freshDb();
    const dated = ["2021", "2021-03", "2021-03-05", ""].map((date, i) =>
      GOOD_DEAL.replace("test-deal-1", `dated-deal-${i}`).replace(",2025-06,", `,${date},`).replace("1000000", String(3000000 + i)),
    );
    const r = await runImport(file(dir, "dated.csv", `${HEADER}\n${dated.join("\n")}\n`), db);
    expect(r.code, r.out).toBe(0);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT slug, date, sort_date AS sortDate FROM deals WHERE slug LIKE 'dated-deal-%' ORDER BY slug").all();
    d.close();
    expect(rows).toEqual([
      { slug: "dated-deal-0", date: "2021", sortDate: "2021-01-01" },
      { slug: "dated-deal-1", date: "2021-03", sortDate: "2021-03-01" },
      { slug: "dated-deal-2", date: "2021-03-05", sortDate: "2021-03-05" },
      { slug: "dated-deal-3", date: null, sortDate: null },
    ]);
  });

  it("a write that fails in the middle of a large file rolls back: the file is byte-identical, no journal left", async () => {
    const { db, dir } = freshDb();
    // A real SQLite error half-way through the write, which validation cannot foresee.
    const d = new Database(db);
    d.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON deals WHEN NEW.slug = 'bulk-deal-2500'
            BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END`);
    d.close();
    const before = readFileSync(db);
    const p = file(dir, "big.csv", `${HEADER}\n${deals(5000).join("\n")}\n`);
    const r = await runImport(p, db);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/writing failed and was rolled back.*refused by the test trigger/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-journal`)).toBe(false);
  });

  it("a reference broken during the write is caught at COMMIT and rolled back", async () => {
    const { db, dir } = freshDb();
    // Foreign keys are deferred to COMMIT; this trigger leaves a term pointing at no deal.
    const d = new Database(db);
    d.exec(`CREATE TRIGGER dangle AFTER INSERT ON deals WHEN NEW.slug = 'bulk-deal-7'
            BEGIN INSERT INTO deal_terms (deal_id, sort_order, term) VALUES (999999999, 0, 'dangling'); END`);
    d.close();
    const before = readFileSync(db);
    const r = await runImport(file(dir, "a.csv", `${HEADER}\n${deals(20).join("\n")}\n`), db);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/rolled back.*would break a reference/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("reports a row that repeats an id for that alone, and a repeated fact after the row's own problems", async () => {
    // The rules the duplicate checks keep (set-based since import12, tests/perf/README.md):
    // an id counts from the first row that parses with it, twin or not; a row that repeats
    // one is checked no further; a fact repeats among the rows that repeat no id and are no twin.
    const { db, dir } = freshDb();
    const twin = "deal,kaola-again,kaola,alibaba,2019-09,acquisition,completed,2000000000,USD,exact,The Kaola purchase entered a second time.,dingjiao-one-2025-10 ¶900";
    const rows = [
      GOOD_DEAL,
      GOOD_DEAL.replace("unitree", "no-such-co").replace("¶34", "¶900"),
      twin,
      "deal,kaola-again,unitree,alibaba,2020,acquisition,completed,,,exact,Repeats the twin's id.,dingjiao-one-2025-10 ¶1",
      GOOD_DEAL.replace("test-deal-1", "test-deal-2").replace("¶34", "¶900"),
    ];
    const r = await runImport(file(dir, "a.csv", `${HEADER}\n${rows.join("\n")}\n`), db);
    expect(r.code, r.out).toBe(1);
    expect(r.out.split("\n").slice(1).map((l) => l.replace(/^- [^,]+, /, ""))).toEqual([
      'row 3, column "id" (record "test-deal-1"): the same deal id as row 2; give each record once',
      'row 4, column "sources" (record "kaola-again"): ¶900 is past the end of "dingjiao-one-2025-10" (68 paragraphs)',
      expect.stringMatching(/^row 4, column "id" \(record "kaola-again"\): duplicates deal "[a-z0-9-]+" already in the database/),
      'row 5, column "id" (record "kaola-again"): the same deal id as row 4; give each record once',
      'row 6, column "sources" (record "test-deal-2"): ¶900 is past the end of "dingjiao-one-2025-10" (68 paragraphs)',
      'row 6, column "id" (record "test-deal-2"): states the same deal as row 2',
    ]);
    expect(r.out).toMatch(/^db:import: 6 problem\(s\)/);
    expect(readFileSync(db).equals(pristine)).toBe(true);
  });

  it("reports duplicates inside a large file and against the database with their rows, and writes nothing", async () => {
    const { db, dir } = freshDb();
    const rows = deals(3000);
    rows[1999] = rows[9]!.replace("bulk-deal-9", "bulk-deal-1999"); // same fact as row 11, other id
    rows[2999] = rows[4]!; // same id as row 6
    rows[1499] = "deal,kaola-again,kaola,alibaba,2019-09,acquisition,completed,2000000000,USD,exact,The Kaola purchase entered a second time.,dingjiao-one-2025-10 ¶56";
    const r = await runImport(file(dir, "a.csv", `${HEADER}\n${rows.join("\n")}\n`), db);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/3 problem\(s\)/);
    expect(r.out).toMatch(/row 1501, column "id" \(record "kaola-again"\): duplicates deal "[a-z0-9-]+" already in the database/);
    expect(r.out).toMatch(/row 2001, column "id" \(record "bulk-deal-1999"\): states the same deal as row 11/);
    expect(r.out).toMatch(/row 3001, column "id" \(record "bulk-deal-4"\): the same deal id as row 6/);
    expect(readFileSync(db).equals(pristine)).toBe(true);
  });

  it("imports a large file with companies and sources from the same file, and finds an alias-named duplicate", async () => {
    const { db, dir } = freshDb();
    const header = "record,id,name,kind,organization,investor,date,status,amount,currency,qualifier,description,sources,title,summary";
    const lines = [
      header,
      "source,bulk-source,,,,,,,,,,,,Bulk source title,A source added by the bulk import test.",
      "organization,bulk-co,Bulk Co,portfolio,,,,,,,,A company added by the bulk import test.,bulk-source ¶1,,",
      ...Array.from({ length: 1500 }, (_, i) => `deal,bulk-co-deal-${i},,equity-investment,bulk-co,alibaba,2024-05,completed,${3000000 + i},USD,exact,A bulk deal for the import test.,bulk-source ¶1,,`),
    ];
    const r = await runImport(file(dir, "a.csv", `${lines.join("\n")}\n`), db);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/1502 added/);
    expect(count(db, "SELECT count(*) AS n FROM deals d JOIN organizations o ON o.id = d.organization_id WHERE o.slug = 'bulk-co'")).toBe(1500);
    expect(count(db, "SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'bulk'")).toBeGreaterThanOrEqual(1502);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    d.close();
    // A new company named like an existing one's alias is a duplicate, as before batching.
    const alias = new Database(db, { readonly: true }).prepare("SELECT a.alias, o.slug FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id LIMIT 1").get() as { alias: string; slug: string };
    const twin = await runImport(
      file(dir, "b.csv", `record,id,name,kind,description,sources\norganization,alias-twin,${alias.alias.toUpperCase()},portfolio,Named like an existing alias.,bulk-source ¶1\n`),
      db,
    );
    expect(twin.code).toBe(1);
    expect(twin.out).toContain(`duplicates organization "${alias.slug}" already in the database`);
  });
});
