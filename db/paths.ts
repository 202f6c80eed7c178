import path from "node:path";

/** The database file: `PORTFOLIO_DB` points the app and the CLI tools at any file. */
export function databasePath(): string {
  return path.resolve(process.env.PORTFOLIO_DB || path.join("var", "portfolio.db"));
}
