import { copyFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importCommand } from "@/lib/db/import/command";
import { readDataset } from "@/lib/db/dataset";
import { buildTempDatabase, DATA, REPO, tempDir } from "./helpers";

let db: string;
beforeAll(() => {
  db = buildTempDatabase();
  process.env.PORTFOLIO_DB = db;
});

const { dataset } = readDataset(DATA);
const search = async (q: string) => (await import("@/lib/db/queries/search")).searchAll(q);

describe("full-text search", () => {
  it("finds every organization by its name and by each alias", async () => {
    for (const org of dataset.organizations) {
      for (const name of [org.name, ...org.aliases]) {
        const r = await search(name);
        expect(r.organizations.map((o) => o.ref), `${name}`).toContain(org.slug);
      }
    }
  });

  // searchAll spells a prefix out as the dictionary's words that start with it (an OR of
  // exact words, read lazily) instead of FTS5's prefix query: the two must match the same rows.
  it("spells a prefix out as words that match exactly what FTS5's prefix query matches", async () => {
    const Database = (await import("better-sqlite3")).default;
    const sqlite = new Database(db, { readonly: true });
    try {
      const words = sqlite.prepare("SELECT term FROM search_vocab WHERE length(term) >= 4 ORDER BY term").pluck().all() as string[];
      expect(words.length).toBeGreaterThan(100);
      const rows = (match: string) => sqlite.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid").pluck().all(match);
      let checked = 0;
      for (let i = 0; i < words.length; i += Math.ceil(words.length / 60)) {
        for (const prefix of [words[i]!.slice(0, 3), words[i]!.slice(0, 4)]) {
          const spelt = (sqlite.prepare("SELECT term FROM search_terms").pluck().all() as string[]).filter((t) => t.startsWith(prefix));
          expect(spelt.length, prefix).toBeGreaterThan(0);
          expect(rows(spelt.map((t) => `"${t}"`).join(" OR ")), prefix).toEqual(rows(`"${prefix}"*`));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    } finally {
      sqlite.close();
    }
  });

  it("is case-insensitive and matches the start of a word", async () => {
    expect((await search("YUEZHI ANMIAN")).organizations[0]!.ref).toBe("moonshot-ai");
    expect((await search("unitr")).organizations.map((o) => o.ref)).toContain("unitree");
  });

  it("ranks the organizations named by the query before those that only mention it, the name made most of the query first", async () => {
    const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const named = new Map(dataset.organizations.map((o) => [o.slug, words([o.name, ...o.aliases].join(" "))]));
    for (const q of ["alibaba", "cloud", "robotics", "semiconductor", "ai"]) {
      const refs = (await search(q)).organizations.map((o) => o.ref);
      // A word of three letters or more also matches as the start of a word.
      const byName = refs.map((ref) => named.get(ref)!.some((w) => (q.length >= 3 ? w.startsWith(q) : w === q)));
      expect(byName.some(Boolean), q).toBe(true);
      // Every organization named by the query comes before every one that only mentions it.
      expect(byName, `${q}: ${refs.join(", ")}`).toEqual([...byName].sort((a, b) => Number(b) - Number(a)));
    }
    expect((await search("alibaba cloud")).organizations[0]!.ref).toBe("alibaba-cloud");
  });

  it("tolerates typos and says what it searched for", async () => {
    const r = await search("Untiree");
    expect(r.organizations[0]!.ref).toBe("unitree");
    expect(r.correctedTo).toBe("unitree");
    expect((await search("deepsek")).deals.map((d) => d.ref)).toEqual(
      dataset.deals.filter((d) => d.organization === "deepseek").map((d) => d.id),
    );
  });

  it("groups results by kind, and a company's deals and sources come along", async () => {
    const r = await search("kaola");
    expect(r.organizations.map((o) => o.kind)).toEqual(r.organizations.map(() => "organization"));
    expect(r.deals.map((d) => d.companySlug)).toContain("kaola");
    expect(r.sources.length).toBeGreaterThan(0);
  });

  it("returns nothing for punctuation and never throws on FTS syntax", async () => {
    for (const q of ['"', "*", "AND OR NOT", "(", "a:b", "-", "NEAR(x y)", "'; DROP TABLE deals; --"]) {
      await expect(search(q)).resolves.toBeDefined();
    }
    expect((await search("!!!")).organizations).toEqual([]);
  });

  it("a word the index does not know, even a typo away, finds nothing without querying the index; corrections of the others are still shown", async () => {
    // Counts the statements that read search_index (SEARCH_WORKERS=0: they run here, on
    // the connection getSqlite() gives outside a request).
    process.env.SEARCH_WORKERS = "0";
    const { getSqlite } = await import("@/lib/db/client");
    const sqlite = getSqlite();
    const prepare = sqlite.prepare;
    const onIndex: string[] = [];
    sqlite.prepare = ((text: string) => {
      if (/FROM search_index\b/.test(text)) onIndex.push(text);
      return prepare.call(sqlite, text);
    }) as typeof sqlite.prepare;
    try {
      const r = await search("Untiree qzxqzvw");
      expect([r.organizations, r.deals, r.sources]).toEqual([[], [], []]);
      expect(r.correctedTo).toBe("unitree qzxqzvw");
      expect(onIndex).toEqual([]);
      // And the index agrees: it has no record with that word or any word near it.
      const direct = prepare.call(sqlite, "SELECT count(*) FROM search_index WHERE search_index MATCH ?").pluck();
      expect(direct.get('"qzxqzvw"*')).toBe(0);
      // A search whose words the index knows does query it.
      expect((await search("Untiree")).organizations[0]!.ref).toBe("unitree");
      expect(onIndex.length).toBeGreaterThan(0);
    } finally {
      sqlite.prepare = prepare;
      delete process.env.SEARCH_WORKERS;
    }
  });

  it("remembers a misspelt word's near words until the data changes", async () => {
    const copy = path.join(tempDir(), "copy.db");
    copyFileSync(db, copy);
    process.env.PORTFOLIO_DB = copy;
    process.env.SEARCH_WORKERS = "0";
    const { getSqlite } = await import("@/lib/db/client");
    const sqlite = getSqlite();
    const prepare = sqlite.prepare;
    let candidateQueries = 0;
    sqlite.prepare = ((text: string) => {
      if (/FROM search_terms .*ORDER BY rank/s.test(text)) candidateQueries++;
      return prepare.call(sqlite, text);
    }) as typeof sqlite.prepare;
    try {
      expect((await search("Exrrobo")).organizations).toEqual([]);
      expect(candidateQueries).toBe(1);
      expect((await search("Exrrobo")).organizations).toEqual([]);
      expect(candidateQueries).toBe(1);
      // The import writes a new data version: the word is looked up again and now corrected.
      const r = await importCommand([path.join(REPO, "data/examples/new-article.csv"), "--db", copy], { defaultDb: copy });
      expect(r.code, r.out).toBe(0);
      const after = await search("Exrrobo");
      expect(candidateQueries).toBe(2);
      expect(after.correctedTo).toBe("exrobo");
      expect(after.organizations.map((o) => o.ref)).toEqual(["example-robotics"]);
    } finally {
      sqlite.prepare = prepare;
      delete process.env.SEARCH_WORKERS;
      process.env.PORTFOLIO_DB = db;
    }
  });

  it("an import makes new records findable", async () => {
    const copy = path.join(tempDir(), "copy.db");
    copyFileSync(db, copy);
    const r = await importCommand([path.join(REPO, "data/examples/new-article.csv"), "--db", copy], { defaultDb: copy });
    expect(r.code, r.out).toBe(0);
    process.env.PORTFOLIO_DB = copy;
    try {
      expect((await search("ExRobo")).organizations.map((o) => o.ref)).toEqual(["example-robotics"]);
      expect((await search("example robotics")).deals.map((d) => d.ref)).toContain("example-robotics-2025");
    } finally {
      process.env.PORTFOLIO_DB = db;
    }
  });
});

describe("searches on worker threads", () => {
  const QUERIES = ["unitree", "moonshot ai", "yuezhi anmian", "zhipu qwen robotics chips", "unitre robotcs", "kaola", "alibaba cloud"];

  it("the workers find exactly what the request thread finds, in a past view too", async () => {
    const { readPoolAvailable } = await import("@/lib/db/read-pool");
    expect(readPoolAvailable()).toBe(true);
    const onWorkers = [];
    for (const q of QUERIES) onWorkers.push(await (await import("@/lib/db/queries/search")).searchAll(q), await (await import("@/lib/db/queries/search")).searchAll(q, 20, "2024-06-30"));
    process.env.SEARCH_WORKERS = "0";
    try {
      expect((await import("@/lib/db/read-pool")).readPoolAvailable()).toBe(false);
      const inline = [];
      for (const q of QUERIES) inline.push(await (await import("@/lib/db/queries/search")).searchAll(q), await (await import("@/lib/db/queries/search")).searchAll(q, 20, "2024-06-30"));
      expect(onWorkers).toEqual(inline);
    } finally {
      delete process.env.SEARCH_WORKERS;
    }
    expect(onWorkers.some((r) => r.organizations.length > 0 && r.deals.length > 0)).toBe(true);
    expect(onWorkers.some((r) => r.correctedTo !== null)).toBe(true);
  });

  it("refuses batches past the queue's cap with ReadPoolBusyError, and runs the rest", async () => {
    const { MAX_QUEUED, ReadPoolBusyError, readOnWorker } = await import("@/lib/db/read-pool");
    const all = await Promise.allSettled(Array.from({ length: MAX_QUEUED + 20 }, () => readOnWorker([{ sql: "SELECT count(*) FROM organizations", params: [], pluck: true }])));
    const refused = all.filter((r) => r.status === "rejected");
    expect(refused.length).toBe(20);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ReadPoolBusyError);
    const counts = new Set(all.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<unknown[][]>).value[0]![0]));
    expect(counts).toEqual(new Set([dataset.organizations.length]));
  });

  it("refuses searches past MAX_SEARCHES with SearchBusyError (the page says so), never an unexplained error", async () => {
    const { MAX_SEARCHES } = await import("@/lib/db/search-load");
    const { SearchBusyError, searchAll } = await import("@/lib/db/queries/search");
    const all = await Promise.allSettled(Array.from({ length: MAX_SEARCHES + 5 }, (_, i) => searchAll(`unitree ${i}`)));
    const refused = all.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(refused.length).toBe(5);
    for (const r of refused) expect(r.reason).toBeInstanceOf(SearchBusyError);
    // The count goes back down: a search after them runs.
    expect((await searchAll("unitree")).organizations.map((o) => o.ref)).toContain("unitree");
  });

  it("a database that is missing is reported as such from a worker too", async () => {
    const { DatabaseMissingError } = await import("@/lib/db/connection");
    const { readOnWorker } = await import("@/lib/db/read-pool");
    process.env.PORTFOLIO_DB = path.join(tempDir(), "none.db");
    try {
      await expect(readOnWorker([{ sql: "SELECT 1", params: [] }])).rejects.toBeInstanceOf(DatabaseMissingError);
    } finally {
      process.env.PORTFOLIO_DB = db;
    }
  });
});
