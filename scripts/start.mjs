// `npm start`: create and seed the database when missing, build when the sources changed
// since the last build, then serve on $PORT (default 3000). One command for a new user.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const dbFile = path.resolve(process.env.PORTFOLIO_DB || path.join("var", "portfolio.db"));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

if (!existsSync(dbFile)) {
  console.log(`No database at ${dbFile}: creating and seeding it.`);
  run("npx", ["tsx", "db/setup.ts"]);
} else if (newest(path.join(root, "data")) > statSync(dbFile).mtimeMs) {
  // Reseeding would drop rows an analyst imported, so only say so.
  console.log(`Note: data/ changed after ${dbFile} was built. Run "npm run db:setup" to reseed it.`);
}

const buildId = path.join(root, ".next", "BUILD_ID");
const inputs = ["app", "components", "lib", "db", "public", "next.config.ts", "package.json", "tsconfig.json"];
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (!builtAt || Math.max(...inputs.map((p) => newest(path.join(root, p)))) > builtAt) {
  console.log("Building the dashboard (next build)...");
  run("npx", ["next", "build"]);
}

run("npx", ["next", "start", "-p", process.env.PORT || "3000"]);
