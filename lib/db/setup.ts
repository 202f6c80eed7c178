import { parseArgs } from "node:util";
import { DatasetError } from "./dataset";
import { existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { assertSound, buildDatabase, installDatabase, migrateOnly } from "./build";
import { databasePath } from "./paths";

const { values } = parseArgs({
  options: {
    "no-seed": { type: "boolean", default: false },
    db: { type: "string" },
    quiet: { type: "boolean", short: "q", default: false },
    // A database built elsewhere (another machine's db:setup): checked, then copied in the
    // way db:setup installs its own, so a running server switches to it safely.
    from: { type: "string" },
    // Rebuild from data/ even when the database holds imports that data/ does not have.
    force: { type: "boolean", default: false },
  },
});

/**
 * The imports a rebuild from data/ would drop: db:setup builds the database from data/*.json
 * alone, so the rows of every db:import since the last build would go without a word. Null
 * when there is nothing to lose (no file yet, or a file that is not a dashboard database:
 * the build then says what is wrong with it, or replaces it).
 */
function importsHeld(file: string): { count: number; latest: string } | null {
  if (!existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const r = db.prepare("SELECT count(*) AS count, max(at || ', ' || file_name) AS latest FROM revisions WHERE kind = 'import'").get() as { count: number; latest: string | null };
      return r.count > 0 ? { count: r.count, latest: r.latest ?? "" } : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

const target = values.db ?? databasePath();
// Not top-level await: tsx runs this file as CommonJS.
async function main(): Promise<void> {
  if (values["no-seed"]) {
    migrateOnly(target);
    console.log(`Migrations applied to ${target}.`);
  } else if (values.from) {
    const staged = `${target}.from-${process.pid}`;
    try {
      // Through SQLite, not a file copy: the source may be in WAL mode with data in its log.
      const source = new Database(values.from, { readonly: true, fileMustExist: true });
      try {
        await source.backup(staged);
      } finally {
        source.close();
      }
      const check = new Database(staged, { fileMustExist: true });
      try {
        assertSound(check);
        check.pragma("journal_mode = WAL");
      } finally {
        check.close();
      }
    } catch (err) {
      for (const f of [staged, `${staged}-wal`, `${staged}-shm`]) rmSync(f, { force: true });
      throw err;
    }
    await installDatabase(staged, target);
    if (!values.quiet) console.log(`Database at ${target} replaced by a copy of ${values.from}.`);
  } else {
    const held = values.force ? null : importsHeld(target);
    if (held) {
      console.error(
        `db:setup: ${target} holds ${held.count} import(s) (the latest: ${held.latest}) that data/ does not have; a rebuild from data/ would drop their rows. ` +
          `Add those rows to data/*.json first (they are listed on /changes, downloadable per import), or rebuild anyway with "npm run db:setup -- --force". Nothing was written.`,
      );
      process.exit(1);
    }
    const { counts } = await buildDatabase({ target });
    if (!values.quiet) {
      console.log(`Database ready at ${target}`);
      console.table(counts);
    }
  }
}

main().catch((err: unknown) => {
  if (err instanceof DatasetError) {
    console.error(err.message);
    console.error(`Nothing was written; ${target} is unchanged.`);
  } else {
    console.error(`db:setup failed: ${(err as Error).message}`);
    console.error(`${target} is unchanged.`);
  }
  process.exit(1);
});
