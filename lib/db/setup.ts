import { parseArgs } from "node:util";
import { DatasetError } from "./dataset";
import { buildDatabase, migrateOnly } from "./build";
import { databasePath } from "./paths";

const { values } = parseArgs({
  options: {
    "no-seed": { type: "boolean", default: false },
    db: { type: "string" },
    quiet: { type: "boolean", short: "q", default: false },
  },
});

const target = values.db ?? databasePath();
try {
  if (values["no-seed"]) {
    migrateOnly(target);
    console.log(`Migrations applied to ${target}.`);
  } else {
    const { counts } = buildDatabase({ target });
    if (!values.quiet) {
      console.log(`Database ready at ${target}`);
      console.table(counts);
    }
  }
} catch (err) {
  if (err instanceof DatasetError) {
    console.error(err.message);
    console.error(`Nothing was written; ${target} is unchanged.`);
  } else {
    console.error(`db:setup failed: ${(err as Error).message}`);
    console.error(`${target} is unchanged.`);
  }
  process.exit(1);
}
