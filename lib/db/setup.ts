import { parseArgs } from "node:util";
import { DatasetError } from "./dataset";
import { rmSync } from "node:fs";
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
  },
});

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
