import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDatabase, installDatabase } from "@/lib/db/build";
import { getSqlite, withSnapshot } from "@/lib/db/client";
import { importCommand } from "@/lib/db/import/command";
import { buildTempDatabase, DATA, MIGRATIONS, tempDir } from "./helpers";

/**
 * The server's reads: one snapshot per request across writers, WAL mode, and crash safety.
 * (Pages get their snapshot from React's render scope; withSnapshot is the same lease.)
 */
let file: string;
beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
});

const HEADER = "record,id,organization,investor,date,kind,status,amount,currency,qualifier,description,sources";
function dealsCsv(dir: string, marker: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `deal,${marker}-${i},unitree,alibaba,2025-06,equity-investment,completed,${1000 + i},CNY,about,A ${marker} deal.,dingjiao-one-2025-10 ¶34`);
  const p = path.join(dir, `${marker}.csv`);
  writeFileSync(p, `${HEADER}\n${rows.join("\n")}\n`);
  return p;
}

const deals = () => (getSqlite().prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n;
const version = () => (getSqlite().prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value;

describe("one snapshot per request", () => {
  it("a request reads the data as it was when it began, across an import and a db:setup; the next request sees the new data", async () => {
    const dir = tempDir();
    const before = await withSnapshot(deals);
    const first = await withSnapshot(version);

    await withSnapshot(async () => {
      expect(deals()).toBe(before);
      expect((await importCommand([dealsCsv(dir, "mid-request", 5), "--db", file], { defaultDb: file })).code).toBe(0);
      // The import committed while this request was reading: it still sees the old data.
      expect(deals()).toBe(before);
      expect(version()).toBe(first);
    });
    expect(await withSnapshot(deals)).toBe(before + 5);
    const second = await withSnapshot(version);
    expect(second).not.toBe(first);

    await withSnapshot(async () => {
      expect(deals()).toBe(before + 5);
      await buildDatabase({ target: file, dataDir: DATA, migrationsDir: MIGRATIONS });
      expect(deals()).toBe(before + 5);
      expect(version()).toBe(second);
    });
    expect(await withSnapshot(deals)).toBe(before);
    expect(await withSnapshot(version)).not.toBe(second);
  });

  it("interleaved requests each keep their own snapshot", async () => {
    const dir = tempDir();
    const before = await withSnapshot(deals);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const early = withSnapshot(async () => {
      const a = deals();
      await gate;
      return [a, deals()];
    });
    expect((await importCommand([dealsCsv(dir, "interleaved", 3), "--db", file], { defaultDb: file })).code).toBe(0);
    const late = await withSnapshot(deals);
    release();
    expect(await early).toEqual([before, before]);
    expect(late).toBe(before + 3);
  });
});

describe("db:setup installs a new database without renaming over an open one", () => {
  it("keeps the file (same inode) in WAL mode and leaves no temporary files", async () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const inode = statSync(target).ino;
    const reader = new Database(target);
    reader.exec("BEGIN");
    const old = (reader.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value;
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect((reader.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value).toBe(old);
    reader.exec("COMMIT");
    expect((reader.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value).not.toBe(old);
    expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(reader.pragma("integrity_check", { simple: true })).toBe("ok");
    reader.close();
    expect(statSync(target).ino).toBe(inode);
    expect(existsSync(`${target}.tmp-${process.pid}`)).toBe(false);
  });

  it("installs a database file given with --from the same way", async () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const other = path.join(dir, "other.db");
    copyFileSync(target, other);
    const w = new Database(other);
    w.prepare("UPDATE meta SET value = 'from-other' WHERE key = 'data_version'").run();
    w.close();
    const staged = path.join(dir, "staged.db");
    copyFileSync(other, staged);
    await installDatabase(staged, target);
    const r = new Database(target, { readonly: true });
    expect((r.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value).toBe("from-other");
    r.close();
    expect(existsSync(staged)).toBe(false);
  });
});

describe("a write cut off in the middle of its COMMIT", () => {
  it("leaves readers on the last committed data, and the next import proceeds", async () => {
    const dir = tempDir();
    const db = path.join(dir, "portfolio.db");
    copyFileSync(file, db);
    // Hold a reader open so the import's commit stays in the WAL (no checkpoint into the
    // file), then copy the database and its WAL as a kill -9 during COMMIT would leave
    // them: every frame of the transaction but the last, which carries the commit mark.
    const holder = new Database(db);
    holder.pragma("journal_mode = WAL");
    holder.exec("BEGIN");
    const before = (holder.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n;
    const walBefore = existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
    expect((await importCommand([dealsCsv(dir, "torn-commit", 400), "--db", db], { defaultDb: db })).code).toBe(0);
    const wal = readFileSync(`${db}-wal`);
    expect(wal.length).toBeGreaterThan(walBefore);
    const pageSize = holder.pragma("page_size", { simple: true }) as number;
    const crashed = path.join(dir, "crashed.db");
    copyFileSync(db, crashed);
    writeFileSync(`${crashed}-wal`, wal.subarray(0, wal.length - (pageSize + 24)));
    holder.exec("COMMIT");
    holder.close();

    const reader = new Database(crashed, { readonly: true });
    expect(reader.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((reader.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n).toBe(before);
    reader.close();
    const r = await importCommand([dealsCsv(dir, "after-crash", 4), "--db", crashed], { defaultDb: crashed });
    expect(r.code, r.out).toBe(0);
    const after = new Database(crashed, { readonly: true });
    expect((after.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n).toBe(before + 4);
    after.close();
  });
});
