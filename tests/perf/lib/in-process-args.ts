import path from "node:path";
import { parseArgs } from "node:util";

/**
 * The options every in-process measure of the app's queries shares (query-cpu.ts,
 * statement-cost.ts, page-statements.ts): `--db` (default var/synth.db; the app's queries read
 * it through PORTFOLIO_DB, set here before they are imported), `--runs`, `--q` (default
 * "robot"), `--plans`, and paths as positionals for the tools that take them.
 */
export function inProcessArgs(defaultRuns: number): { db: string; q: string; runs: number; plans: boolean; paths: string[] } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: "string", default: path.join("var", "synth.db") },
      runs: { type: "string", default: String(defaultRuns) },
      q: { type: "string", default: "robot" },
      plans: { type: "boolean", default: false },
    },
  });
  process.env.PORTFOLIO_DB = path.resolve(values.db);
  return { db: values.db, q: values.q, runs: Math.max(1, Number(values.runs) || defaultRuns), plans: values.plans, paths: positionals };
}

/** The name filter's measures take no paths and no --plans. */
export function nameFilterArgs(defaultRuns: number): { db: string; q: string; runs: number } {
  const { db, q, runs } = inProcessArgs(defaultRuns);
  return { db, q, runs };
}
