import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readDataset } from "./dataset";
import { writeDataVersion } from "./connection";
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
  "paragraphs",
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
 * Validates the dataset and builds a complete database in a new file beside the target.
 * Invalid data throws before any file is touched; a failure half-way removes the file.
 * The result is in WAL mode (see installDatabase) and carries a new data version.
 */
function buildFile(target: string, dataDir: string, migrationsDir: string): BuildResult & { file: string } {
  const { dataset, hash } = readDataset(dataDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const file = `${target}.tmp-${process.pid}`;
  removeDatabaseFiles(file);
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file);
    sqlite.pragma("journal_mode = DELETE");
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir });
    seedDatabase(sqlite, dataset, hash);
    writeDataVersion(sqlite);
    assertSound(sqlite);
    const counts = tableCounts(sqlite);
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
    sqlite = null;
    return { file, target, counts, hash };
  } catch (err) {
    sqlite?.close();
    removeDatabaseFiles(file);
    throw err;
  }
}

function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/**
 * Puts the complete database `file` in place of `target`, for readers that may have the
 * target open right now.
 *
 * Renaming a new file over a WAL database that is open would be wrong: the readers keep
 * the old inode, and the next connection would open the new file with the old file's
 * `-wal` and `-shm` beside it, applying the old log to the new pages. So an existing target
 * is overwritten through SQLite's online backup instead: the copy is one write transaction
 * on the target, appended to its WAL. A reader in the middle of a request keeps the
 * snapshot it started with; its next request sees the new data whole. Only a target that
 * does not exist yet (no reader can have it open) gets the new file by rename.
 */
export async function installDatabase(file: string, target: string): Promise<void> {
  try {
    if (!existsSync(target)) {
      for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
      renameSync(file, target);
      return;
    }
    const live = new Database(target, { fileMustExist: true });
    try {
      live.pragma("busy_timeout = 10000");
      // A database written before WAL mode was the default here switches once.
      if (live.pragma("journal_mode", { simple: true }) !== "wal") live.pragma("journal_mode = WAL");
    } finally {
      live.close();
    }
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      // Every page in one step: the target's readers see the old or the new database.
      await source.backup(target, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
  } finally {
    removeDatabaseFiles(file);
  }
}

/** Builds the database from the dataset and installs it at `target` (see installDatabase). */
export async function buildDatabase({ target, dataDir = DATA_DIR, migrationsDir = MIGRATIONS_DIR }: BuildOptions): Promise<BuildResult> {
  const { file, ...result } = buildFile(target, dataDir, migrationsDir);
  await installDatabase(file, target);
  return result;
}

/** Builds the database at a path where none exists yet: synchronous, for tests and tools. */
export function buildNewDatabase({ target, dataDir = DATA_DIR, migrationsDir = MIGRATIONS_DIR }: BuildOptions): BuildResult {
  if (existsSync(target)) throw new Error(`${target} exists; use buildDatabase to replace a database`);
  const { file, ...result } = buildFile(target, dataDir, migrationsDir);
  for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  renameSync(file, target);
  return result;
}

/** Applies pending migrations to an existing database in place (no reseed). */
export function migrateOnly(target: string, migrationsDir = MIGRATIONS_DIR): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const sqlite = new Database(target);
  try {
    sqlite.pragma("busy_timeout = 10000");
    if (sqlite.pragma("journal_mode", { simple: true }) !== "wal") sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir });
    // A new schema can change what pages show: a new version, so no cache keeps the old ones.
    if (sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get()) writeDataVersion(sqlite);
  } finally {
    sqlite.close();
  }
}
