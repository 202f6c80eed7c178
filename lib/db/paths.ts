import path from "node:path";

/** The database file: `PORTFOLIO_DB` points the app and the CLI tools at any file. */
export function databasePath(): string {
  // The file is chosen at run time, not bundled: tell Turbopack not to trace it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.PORTFOLIO_DB || path.join("var", "portfolio.db"));
}
