import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildNewDatabase } from "@/lib/db/build";

export const REPO = path.resolve(__dirname, "../..");
export const DATA = path.join(REPO, "data");
export const MIGRATIONS = path.join(REPO, "lib", "db", "migrations");

export function tempDir(prefix = "portfolio-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A database built by the real migrations and seed from the real dataset, in a temp folder. */
export function buildTempDatabase(dataDir = DATA): string {
  const target = path.join(tempDir(), "portfolio.db");
  buildNewDatabase({ target, dataDir, migrationsDir: MIGRATIONS });
  return target;
}

/** A scratch copy of data/ that a test may break. */
export function copyData(): string {
  const dir = path.join(tempDir("portfolio-data-"), "data");
  cpSync(DATA, dir, { recursive: true });
  return dir;
}

export function readJson<T = Record<string, unknown>[]>(dir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8")) as T;
}

export function writeJson(dir: string, name: string, value: unknown): void {
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(value, null, 2));
}

/** The SQL texts the app's connection prepares while `run` runs. */
export async function preparedDuring(run: () => void | Promise<void>): Promise<string[]> {
  const { getSqlite } = await import("@/lib/db/client");
  const sqlite = getSqlite();
  const prepare = sqlite.prepare;
  const statements: string[] = [];
  sqlite.prepare = ((text: string) => {
    statements.push(text);
    return prepare.call(sqlite, text);
  }) as typeof sqlite.prepare;
  try {
    await run();
  } finally {
    sqlite.prepare = prepare;
  }
  return statements;
}
