// `npm start`: create and seed the database when missing, migrate it when the code brings
// new migrations, build when the sources changed since the last build, then run Next's
// production server (`next start`) on $PORT (default 3000). One command for a new user.
// Arguments are passed to `next start` (e.g. `npm start -- --keepAliveTimeout 70000`).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pendingMigrations } from "./pending-migrations.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const dbFile = path.resolve(process.env.PORTFOLIO_DB || path.join("var", "portfolio.db"));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function files(p) {
  if (!existsSync(p)) return [];
  const st = statSync(p);
  if (!st.isDirectory()) return [[p, st.size, st.mtimeMs]];
  return readdirSync(p).sort().flatMap((name) => files(path.join(p, name)));
}

if (!existsSync(dbFile)) {
  console.log(`No database at ${dbFile}: creating and seeding it.`);
  run("npx", ["tsx", "lib/db/setup.ts"]);
} else {
  // New code can bring a new table its pages read: without it they would answer 500.
  // Migrating keeps every row (an analyst's imports included) and writes a new data version.
  let pending;
  try {
    pending = pendingMigrations(dbFile, path.join(root, "lib", "db", "migrations", "meta", "_journal.json"));
  } catch (err) {
    console.error(`${dbFile} cannot be read as the dashboard's database (${err.message}). Move it away, or run "npm run db:setup" to build a new one.`);
    process.exit(1);
  }
  if (pending > 0) {
    console.log(`${dbFile} lacks ${pending} migration(s) of this code: applying them (rows are kept).`);
    run("npm", ["run", "--silent", "db:migrate"]);
  }
  const newestData = Math.max(0, ...files(path.join(root, "data")).map((f) => f[2]));
  // Reseeding would drop rows an analyst imported, so only say so.
  if (newestData > statSync(dbFile).mtimeMs) {
    console.log(`Note: data/ changed after ${dbFile} was built. Run "npm run db:setup" to reseed it.`);
  }
}

// The build is current when the list of source files, their sizes and times are the same
// as at the last build: a hash of that list notices edits, additions and deletions.
const inputs = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
const stamp = createHash("sha256").update(JSON.stringify(inputs.flatMap((p) => files(path.join(root, p))))).digest("hex");
const stampFile = path.join(root, ".next", "source-stamp");
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  console.log("Building the dashboard (next build)...");
  run("npx", ["next", "build"]);
  writeFileSync(stampFile, stamp);
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
run(process.execPath, [nextBin, "start", "--port", process.env.PORT || "3000", ...process.argv.slice(2)]);
