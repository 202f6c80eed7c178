import { cpSync, readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { buildDatabase, migrateOnly, tableCounts } from "@/lib/db/build";
import { pendingMigrations } from "@/scripts/pending-migrations.mjs";
import { exportTables } from "@/lib/db/export-data";
import { DatasetError } from "@/lib/db/dataset";
import { spawnSync } from "node:child_process";
import { importCommand } from "@/lib/db/import/command";
import { copyData, DATA, MIGRATIONS, readJson, REPO, tempDir, writeJson } from "./helpers";

function version(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

function dump(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return { tables: exportTables(db), counts: tableCounts(db) };
  } finally {
    db.close();
  }
}

describe("db:setup", () => {
  it("refuses to rebuild over imports data/ does not have, unless forced, and writes nothing", async () => {
    const target = path.join(tempDir(), "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const setup = (...extra: string[]) =>
      spawnSync(path.join(REPO, "node_modules", ".bin", "tsx"), ["lib/db/setup.ts", "--quiet", "--db", target, ...extra], { cwd: REPO, encoding: "utf8" });
    // A database built from data/ alone is rebuilt without a word.
    expect(setup().status).toBe(0);

    expect((await importCommand([path.join(REPO, "data/examples/new-article.csv"), "--db", target], { defaultDb: target })).code).toBe(0);
    const imported = readFileSync(target);
    const refused = setup();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/holds 1 import\(s\) \(the latest: .*new-article\.csv\) that data\/ does not have.*--force.*Nothing was written/);
    expect(readFileSync(target).equals(imported)).toBe(true);

    expect(setup("--force").status).toBe(0);
    const db = new Database(target, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM revisions WHERE kind = 'import'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it("builds a database whose row counts match the dataset files", async () => {
    const target = path.join(tempDir(), "portfolio.db");
    const { counts } = await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    for (const name of ["sources", "layers", "organizations", "positions", "deals", "financials", "spending", "conflicts"]) {
      expect(counts[name], name).toBe(readJson(DATA, name).length);
    }
    expect(counts.fx_rates).toBe(readJson(DATA, "fx-rates").length);
    expect(counts.citations).toBeGreaterThan(counts.organizations!);
  });

  it("is idempotent: a second run gives the same rows, under a new data version", async () => {
    const target = path.join(tempDir(), "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const first = dump(target);
    const firstVersion = version(target);
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect(dump(target)).toEqual(first);
    expect(version(target)).not.toBe(firstVersion);
  });

  it("leaves an existing database untouched when the data is invalid", async () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const before = readFileSync(target);

    const broken = copyData();
    const deals = readJson(broken, "deals");
    deals[0]!.currency = "DOGE";
    writeJson(broken, "deals", deals);
    await expect(buildDatabase({ target, dataDir: broken, migrationsDir: MIGRATIONS })).rejects.toThrow(DatasetError);

    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["portfolio.db"]);
  });

  it("rolls back and removes its temporary file when a later step fails", async () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const before = readFileSync(target);
    const emptyMigrations = tempDir();
    await expect(buildDatabase({ target, dataDir: DATA, migrationsDir: emptyMigrations })).rejects.toThrow();
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["portfolio.db"]);
  });

  it("creates the folder and the file when neither exists", async () => {
    const target = path.join(tempDir(), "nested", "var", "portfolio.db");
    await buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect(existsSync(target)).toBe(true);
  });
});

describe("npm start on a database the code has moved past", () => {
  // The journal of the code minus its last migration: a database set up before that migration landed.
  function olderMigrations(): string {
    const dir = path.join(tempDir(), "migrations");
    cpSync(MIGRATIONS, dir, { recursive: true });
    const journal = readJson<{ entries: { tag: string }[] }>(path.join(dir, "meta"), "_journal");
    journal.entries.pop();
    writeJson(path.join(dir, "meta"), "_journal", journal);
    return dir;
  }

  it("sees the migrations it lacks, and none once they are applied, keeping the rows", () => {
    const target = path.join(tempDir(), "portfolio.db");
    const journal = path.join(MIGRATIONS, "meta", "_journal.json");
    migrateOnly(target, olderMigrations());
    const db = new Database(target);
    db.prepare("INSERT INTO sources (slug, title, summary) VALUES ('kept', 'Kept', 'An analyst added it')").run();
    db.close();
    expect(pendingMigrations(target, journal)).toBe(1);
    migrateOnly(target);
    expect(pendingMigrations(target, journal)).toBe(0);
    const after = new Database(target, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM sources WHERE slug = 'kept'").get()).toEqual({ n: 1 });
    after.close();
  });

  it("counts every migration as lacking in a file drizzle never migrated", () => {
    const target = path.join(tempDir(), "empty.db");
    new Database(target).close();
    const entries = readJson<{ entries: unknown[] }>(path.join(MIGRATIONS, "meta"), "_journal").entries.length;
    expect(pendingMigrations(target, path.join(MIGRATIONS, "meta", "_journal.json"))).toBe(entries);
  });
});
