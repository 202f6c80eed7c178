import { readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { buildDatabase, tableCounts } from "@/lib/db/build";
import { exportTables } from "@/lib/db/export-data";
import { DatasetError } from "@/lib/db/dataset";
import { copyData, DATA, MIGRATIONS, readJson, tempDir, writeJson } from "./helpers";

function dump(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return { tables: exportTables(db), counts: tableCounts(db) };
  } finally {
    db.close();
  }
}

describe("db:setup", () => {
  it("builds a database whose row counts match the dataset files", () => {
    const target = path.join(tempDir(), "portfolio.db");
    const { counts } = buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    for (const name of ["sources", "layers", "organizations", "positions", "deals", "financials", "spending", "conflicts"]) {
      expect(counts[name], name).toBe(readJson(DATA, name).length);
    }
    expect(counts.fx_rates).toBe(readJson(DATA, "fx-rates").length);
    expect(counts.citations).toBeGreaterThan(counts.organizations!);
  });

  it("is idempotent: a second run gives the same database", () => {
    const target = path.join(tempDir(), "portfolio.db");
    buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const first = dump(target);
    const firstBytes = readFileSync(target);
    buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect(dump(target)).toEqual(first);
    expect(readFileSync(target).equals(firstBytes)).toBe(true);
  });

  it("leaves an existing database untouched when the data is invalid", () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const before = readFileSync(target);

    const broken = copyData();
    const deals = readJson(broken, "deals");
    deals[0]!.currency = "DOGE";
    writeJson(broken, "deals", deals);
    expect(() => buildDatabase({ target, dataDir: broken, migrationsDir: MIGRATIONS })).toThrow(DatasetError);

    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["portfolio.db"]);
  });

  it("rolls back and removes its temporary file when a later step fails", () => {
    const dir = tempDir();
    const target = path.join(dir, "portfolio.db");
    buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    const before = readFileSync(target);
    const emptyMigrations = tempDir();
    expect(() => buildDatabase({ target, dataDir: DATA, migrationsDir: emptyMigrations })).toThrow();
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["portfolio.db"]);
  });

  it("creates the folder and the file when neither exists", () => {
    const target = path.join(tempDir(), "nested", "var", "portfolio.db");
    buildDatabase({ target, dataDir: DATA, migrationsDir: MIGRATIONS });
    expect(existsSync(target)).toBe(true);
  });
});
