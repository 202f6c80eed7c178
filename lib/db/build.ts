import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readDataset } from "./dataset";
import { seedDatabase } from "./seed";

// CLI-only paths: kept out of lib/db/paths.ts, which the web server imports and Next traces.
export const MIGRATIONS_DIR = path.join(process.cwd(), "lib", "db", "migrations");
export const DATA_DIR = path.join(process.cwd(), "data");

export interface BuildOptions {
  target: string;
  dataDir?: string;
  migrationsDir?: string;
}

export interface BuildResult {
  target: string;
  counts: Record<string, number>;
  hash: string;
}

export const COUNTED_TABLES = [
  "sources",
  "layers",
  "organizations",
  "organization_aliases",
  "positions",
  "deals",
  "deal_co_investors",
  "deal_terms",
  "financials",
  "spending",
  "citations",
  "conflicts",
  "claims",
  "fx_rates",
] as const;

export function tableCounts(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(
    COUNTED_TABLES.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

/** Fails loudly when the seeded file breaks a constraint SQLite only checks on demand. */
export function assertSound(sqlite: Database.Database): void {
  const fk = sqlite.prepare("PRAGMA foreign_key_check").all();
  if (fk.length) throw new Error(`foreign key check failed: ${JSON.stringify(fk.slice(0, 5))}`);
  const integrity = sqlite.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") throw new Error(`integrity check failed: ${String(integrity)}`);
}

/**
 * Validates the dataset, then builds a complete database beside the target and renames it
 * into place. Invalid data throws before any file is touched; a failure half-way removes
 * the temporary file; the rename is atomic, so readers see the old or the new file, never
 * a mix.
 */
export function buildDatabase({ target, dataDir = DATA_DIR, migrationsDir = MIGRATIONS_DIR }: BuildOptions): BuildResult {
  const { dataset, hash } = readDataset(dataDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(tmp);
    sqlite.pragma("journal_mode = DELETE");
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir });
    seedDatabase(sqlite, dataset, hash);
    assertSound(sqlite);
    const counts = tableCounts(sqlite);
    sqlite.close();
    sqlite = null;
    renameSync(tmp, target);
    return { target, counts, hash };
  } catch (err) {
    sqlite?.close();
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    throw err;
  }
}

/** Applies pending migrations to an existing database in place (no reseed). */
export function migrateOnly(target: string, migrationsDir = MIGRATIONS_DIR): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const sqlite = new Database(target);
  try {
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir });
  } finally {
    sqlite.close();
  }
}
