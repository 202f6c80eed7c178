// The full-text index's bulk fill (lib/db/search-index.ts): a larger FTS5 buffer while it
// runs, the default after, and an index FTS5 itself finds consistent.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildSearchIndex, withBulkFtsBuffer } from "@/lib/db/search-index";
import { buildTempDatabase } from "./helpers";

let image: Buffer;

beforeAll(() => {
  const db = new Database(buildTempDatabase());
  // An in-memory image of a WAL database cannot be opened (see summaries.test.ts).
  db.pragma("journal_mode = DELETE");
  image = db.serialize();
  db.close();
});

const hashsize = (db: Database.Database, table: string) => db.prepare(`SELECT v FROM ${table}_config WHERE k = 'hashsize'`).pluck().get() as number | undefined;
const integrity = (db: Database.Database, table: string) => db.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`);

describe("withBulkFtsBuffer", () => {
  it("raises the FTS5 buffer during the fill and sets the default back after, also when the fill throws", () => {
    const db = new Database(image);
    try {
      const during: (number | undefined)[] = [];
      withBulkFtsBuffer(db, ["search_index", "search_terms"], () => {
        during.push(hashsize(db, "search_index"), hashsize(db, "search_terms"));
      });
      expect(during.every((v) => v !== undefined && v > 1024 * 1024)).toBe(true);
      expect([hashsize(db, "search_index"), hashsize(db, "search_terms")]).toEqual([1024 * 1024, 1024 * 1024]);

      expect(() =>
        withBulkFtsBuffer(db, ["organization_names"], () => {
          throw new Error("fill failed");
        }),
      ).toThrow("fill failed");
      expect(hashsize(db, "organization_names")).toBe(1024 * 1024);
    } finally {
      db.close();
    }
  });

  it("rebuilds an index that passes FTS5's integrity check and finds what the seeded one finds", () => {
    const db = new Database(image);
    try {
      const find = (q: string) => db.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid").pluck().all(q);
      const terms = () => db.prepare("SELECT term FROM search_terms ORDER BY term").pluck().all();
      const before = { alibaba: find("alibaba"), robot: find("robot*"), terms: terms() };
      expect(before.alibaba.length).toBeGreaterThan(0);
      db.transaction(() => rebuildSearchIndex(db))();
      integrity(db, "search_index");
      integrity(db, "search_terms");
      expect({ alibaba: find("alibaba"), robot: find("robot*"), terms: terms() }).toEqual(before);
    } finally {
      db.close();
    }
  });
});
