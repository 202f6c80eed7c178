import path from "node:path";

/** The database file: `PORTFOLIO_DB` points the app and the CLI tools at any file. */
export function databasePath(): string {
  // The file is chosen at run time, not bundled: tell Turbopack not to trace either path
  // (a traced default would copy var/ into a standalone build, via the proxy's trace).
  const fallback = path.join(/*turbopackIgnore: true*/ "var", "portfolio.db");
  return path.resolve(/*turbopackIgnore: true*/ process.env.PORTFOLIO_DB || fallback);
}
