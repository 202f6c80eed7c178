import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDatabase } from "@/lib/db/build";
import { prepared, withSnapshot } from "@/lib/db/client";
import { openReader, readDataVersion } from "@/lib/db/connection";
import { importCommand } from "@/lib/db/import/command";
import { listDeals } from "@/lib/db/queries/deals";
import { deals } from "@/lib/db/schema";
import { buildTempDatabase, DATA, MIGRATIONS, tempDir } from "./helpers";

/**
 * Statements built once per connection (lib/db/client.ts, `prepared`): reused by the
 * requests that lease the same connection, never shared between two, and reading whatever
 * data the connection's file holds now: after an import, after db:setup replaced the
 * database in the same file, and on a new file when PORTFOLIO_DB changes.
 */
let file: string;
beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
});

const HEADER = "record,id,organization,investor,date,kind,status,amount,currency,qualifier,description,sources";
function unitreeDeals(marker: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `deal,${marker}-${i},unitree,alibaba,2025-06,equity-investment,completed,${1000 + i},CNY,about,A ${marker} deal.,dingjiao-one-2025-10 ¶34`);
  const p = path.join(tempDir(), `${marker}.csv`);
  writeFileSync(p, `${HEADER}\n${rows.join("\n")}\n`);
  return p;
}

/** A counting statement whose builds are counted, and the connections they were built on. */
function countingStatement() {
  const built: object[] = [];
  const key = `test:deal-count:${Math.random()}`;
  const run = () =>
    prepared(key, (db) => {
      built.push(db);
      return db.select({ n: count() }).from(deals).prepare();
    }).get()!.n;
  return { built, run };
}

// The deals page's statements under a name filter alone are prepared (one per lookup shape).
const namedSlugs = (q: string) => listDeals({ q }, { limit: 500, order: "timeline" }).map((d) => d.slug);

describe("statements prepared once per connection", () => {
  it("are built once on a connection and reused by the requests that lease it next", async () => {
    const s = countingStatement();
    const first = await withSnapshot(() => [s.run(), s.run()]);
    const second = await withSnapshot(s.run);
    expect(first[0]).toBeGreaterThan(0);
    expect(first).toEqual([second, second]);
    expect(s.built).toHaveLength(1);
  });

  it("are never shared by two requests at once: each connection builds its own", async () => {
    const s = countingStatement();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const early = withSnapshot(async () => {
      const n = s.run();
      await gate;
      return n;
    });
    const late = await withSnapshot(s.run);
    release();
    expect(await early).toBe(late);
    expect(s.built).toHaveLength(2);
    expect(s.built[0]).not.toBe(s.built[1]);
  });

  it("read the file's data after an import and after db:setup, and a new PORTFOLIO_DB's on a new connection", async () => {
    const s = countingStatement();
    const before = await withSnapshot(() => namedSlugs("unitree"));
    const short = await withSnapshot(() => namedSlugs("un"));
    const total = await withSnapshot(s.run);
    expect(before.length).toBeGreaterThan(0);
    const other = path.join(tempDir(), "other.db");
    copyFileSync(file, other);

    // An import commits to the same file: the statements built before it see its deals.
    expect((await importCommand([unitreeDeals("prepared", 3), "--db", file], { defaultDb: file })).code).toBe(0);
    const added = ["prepared-0", "prepared-1", "prepared-2"];
    expect(await withSnapshot(() => namedSlugs("unitree"))).toEqual(expect.arrayContaining([...before, ...added]));
    expect(await withSnapshot(() => namedSlugs("unitree"))).toHaveLength(before.length + 3);
    expect(await withSnapshot(() => namedSlugs("un"))).toHaveLength(short.length + 3);
    expect(await withSnapshot(s.run)).toBe(total + 3);

    // db:setup builds a new database into the same file: back to the dataset's deals.
    await buildDatabase({ target: file, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect(await withSnapshot(() => namedSlugs("unitree"))).toEqual(before);
    expect(await withSnapshot(s.run)).toBe(total);
    expect(s.built).toHaveLength(1);

    // Another file: a new connection, whose statements are its own.
    expect((await importCommand([unitreeDeals("elsewhere", 2), "--db", other], { defaultDb: other })).code).toBe(0);
    process.env.PORTFOLIO_DB = other;
    try {
      expect(await withSnapshot(() => namedSlugs("unitree"))).toEqual(expect.arrayContaining(["elsewhere-0", "elsewhere-1"]));
      expect(await withSnapshot(s.run)).toBe(total + 2);
      expect(s.built).toHaveLength(2);
    } finally {
      process.env.PORTFOLIO_DB = file;
    }
    expect(await withSnapshot(s.run)).toBe(total);
    expect(s.built).toHaveLength(3);
  });

  it("the data version, read by a statement compiled once per connection, follows an import and db:setup", async () => {
    const reader = openReader(file);
    try {
      const first = readDataVersion(reader);
      expect(first).toBeTruthy();
      expect(readDataVersion(reader)).toBe(first);
      expect((await importCommand([unitreeDeals("version", 1), "--db", file], { defaultDb: file })).code).toBe(0);
      const second = readDataVersion(reader);
      expect(second).not.toBe(first);
      await buildDatabase({ target: file, dataDir: DATA, migrationsDir: MIGRATIONS });
      expect(readDataVersion(reader)).not.toBe(second);
    } finally {
      reader.close();
    }
  });
});
