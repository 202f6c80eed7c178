// A bulk import drops the summary triggers for its write and keeps the summaries set-based
// (withSummariesSetBased): after imports that add, update, move a company to another layer
// and re-cite deals, every derived table must equal a full recomputation, the triggers
// must be back as they were, and the import must be recorded as a revision.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { importCommand } from "@/lib/db/import/command";
import { rebuildSearchIndex } from "@/lib/db/search-index";
import { SUMMARY_TABLES, rebuildSummaries, summaryRows } from "@/lib/db/summaries";
import { buildTempDatabase, REPO, tempDir } from "./helpers";

const EXAMPLE = path.join(REPO, "data/examples/new-article.csv");
let db: string;
let dir: string;
let copies = 0;

beforeAll(() => {
  db = buildTempDatabase();
  dir = tempDir("import-derived-");
});

function derived(d: Database.Database) {
  return {
    ...Object.fromEntries(SUMMARY_TABLES.map((t) => [t, summaryRows(d, t)])),
    search_index: d.prepare("SELECT rowid, kind, ref, title, body FROM search_index ORDER BY rowid").all(),
  };
}

/** The derived tables as they are, and as a full recomputation from the base tables gives them. */
function compare() {
  const d = new Database(db, { readonly: true });
  const copyFile = path.join(dir, `recount-${++copies}.db`);
  let now;
  try {
    now = derived(d);
    d.prepare("VACUUM INTO ?").run(copyFile);
  } finally {
    d.close();
  }
  const copy = new Database(copyFile);
  try {
    rebuildSummaries(copy);
    copy.transaction(() => rebuildSearchIndex(copy))();
    return { now, recomputed: derived(copy) };
  } finally {
    copy.close();
  }
}

const triggers = () => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
  } finally {
    d.close();
  }
};

async function run(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const r = await importCommand([file, "--db", db], { defaultDb: db });
  expect(r.code, r.out).toBe(0);
  return r;
}

describe("a bulk import keeps every derived table equal to a full recomputation", () => {
  it("after adding, updating, moving a company's layer and re-citing deals", async () => {
    const before = triggers();
    const example = readFileSync(EXAMPLE, "utf8").trimEnd().split(/\r?\n/);
    const header = example[0]!;
    const cols = header.split(",");
    const row = (cells: Record<string, string>) => cols.map((c) => cells[c] ?? "").join(",");

    // 1. The example: a new source, a company with a position, a deal citing two
    //    paragraphs of one source, a figure and a spending row; plus 3,000 deals in bulk.
    const bulk = Array.from({ length: 3000 }, (_, i) =>
      row({
        record: "deal", id: `derived-bulk-${i}`, organization: i % 3 ? "unitree" : "example-robotics", investor: "alibaba",
        date: `${2018 + (i % 8)}-0${1 + (i % 9)}`, kind: i % 2 ? "equity-investment" : "acquisition",
        status: ["completed", "announced", "reported"][i % 3]!, amount: String(5_000_001 + i), currency: "CNY", qualifier: "about",
        description: `Bulk deal ${i} for the derived-table test.`,
        sources: i % 4 ? "dingjiao-one-2025-10 ¶34" : "example-weekly-2025-12 ¶3; dingjiao-one-2025-10 ¶34; example-weekly-2025-12 ¶4",
      }),
    );
    await run("one.csv", `${[...example, ...bulk].join("\n")}\n`);
    let { now, recomputed } = compare();
    expect(now).toEqual(recomputed);
    expect(triggers()).toEqual(before);

    // 2. Updates: the company moves from application to basic (its deals' layer moves with
    //    it), the example deal changes status and cites another source, some bulk deals
    //    change year and status, new deals arrive, and the new source is dated before the
    //    one the bulk deals also cite (which of the two dated each deal first moves, 0020).
    const moved = example.map((line) =>
      line.startsWith("source,example-weekly-2025-12,")
        ? line.replace(",2025-12-01,", ",2025-09-01,")
        : line.startsWith("organization,example-robotics,")
        ? line.replace(",application,robotics,", ",basic,chips,")
        : line.startsWith("deal,example-robotics-2025,")
          ? line.replace(",completed,", ",announced,").replace("example-weekly-2025-12 ¶3; example-weekly-2025-12 ¶4", "dingjiao-one-2025-10 ¶34")
          : line,
    );
    const changed = bulk.slice(0, 500).map((line) => line.replace(/,(20\d\d)-0/, ",2017-0").replace(/,(completed|announced|reported),/, ",rumoured,"));
    const more = bulk.slice(0, 200).map((line, i) => line.replace(/derived-bulk-\d+/, `derived-more-${i}`).replace(/,5\d{6},/, `,${7_000_001 + i},`));
    const second = await run("two.csv", `${[...moved, ...changed, ...more].join("\n")}\n`);
    expect(second.out).toMatch(/200 added, 503 updated/);
    ({ now, recomputed } = compare());
    expect(now).toEqual(recomputed);
    expect(triggers()).toEqual(before);

    // The history records both imports with every record they added or updated.
    const d = new Database(db, { readonly: true });
    try {
      const revs = d.prepare("SELECT id, rows_added, rows_updated FROM revisions WHERE kind = 'import' ORDER BY id DESC LIMIT 2").all() as { id: number; rows_added: number; rows_updated: number }[];
      expect(revs.map((r) => [r.rows_added, r.rows_updated])).toEqual([[200, 503], [3005, 0]]);
      const n = d.prepare("SELECT count(*) FROM revision_changes WHERE revision_id = ?").pluck();
      expect(n.get(revs[0]!.id)).toBe(703);
      expect(n.get(revs[1]!.id)).toBe(3005);
    } finally {
      d.close();
    }
  }, 120_000);
});

describe("a JSON file is read a row at a time", () => {
  it("rows that straddle the reader's 1 MB chunks, with brackets and escaped quotes in strings, all arrive", async () => {
    const deals = Array.from({ length: 3000 }, (_, i) => ({
      record: "deal", id: `json-stream-${i}`, organization: "unitree", investor: "alibaba", date: "2024-05", kind: "equity-investment",
      status: "completed", amount: 9_000_001 + i, currency: "CNY", qualifier: "about",
      description: `Row ${i}: a "quoted" [bracketed] {braced} \\ description, long enough to make the file span several chunks of the reader.`,
      sources: [{ source: "dingjiao-one-2025-10", locator: "¶34" }],
    }));
    const text = JSON.stringify(deals, null, 1);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const r = await run("rows.json", text);
    expect(r.out).toMatch(/3000 added/);
    const d = new Database(db, { readonly: true });
    try {
      expect(d.prepare("SELECT count(*) FROM deals WHERE slug LIKE 'json-stream-%'").pluck().get()).toBe(3000);
      expect(d.prepare("SELECT description FROM deals WHERE slug = 'json-stream-2999'").pluck().get()).toBe(deals[2999]!.description);
    } finally {
      d.close();
    }
    const { now, recomputed } = compare();
    expect(now).toEqual(recomputed);
  }, 120_000);
});
