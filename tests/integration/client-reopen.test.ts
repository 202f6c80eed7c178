import { copyFileSync, renameSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, expect, it } from "vitest";
import { getSqlite } from "@/lib/db/client";
import { buildTempDatabase } from "./helpers";

let file: string;

beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
});

const marker = () => (getSqlite().prepare("SELECT value FROM meta WHERE key = 'swap-check'").get() as { value: string } | undefined)?.value;

it("reads a database swapped in by rename on the very next query", () => {
  expect(marker()).toBeUndefined();
  // What db:setup does: build a complete file beside the target, then rename it over.
  const next = path.join(path.dirname(file), "next.db");
  copyFileSync(file, next);
  const w = new Database(next);
  w.prepare("INSERT INTO meta (key, value) VALUES ('swap-check', 'new file')").run();
  w.close();
  renameSync(next, file);
  // No wait: the server's response cache drops its pages at once, so the connection must follow at once.
  expect(marker()).toBe("new file");
});
