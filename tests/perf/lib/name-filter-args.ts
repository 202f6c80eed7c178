import path from "node:path";
import { parseArgs } from "node:util";

/**
 * The options of the in-process measures of a name filter's queries (query-cpu.ts,
 * statement-cost.ts): `--db` (default var/synth.db; the app's queries read it through
 * PORTFOLIO_DB, set here before they are imported), `--q` (default "robot") and `--runs`.
 */
export function nameFilterArgs(defaultRuns: number): { db: string; q: string; runs: number } {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: path.join("var", "synth.db") },
      runs: { type: "string", default: String(defaultRuns) },
      q: { type: "string", default: "robot" },
    },
  });
  process.env.PORTFOLIO_DB = path.resolve(values.db);
  return { db: values.db, q: values.q, runs: Math.max(1, Number(values.runs) || defaultRuns) };
}
