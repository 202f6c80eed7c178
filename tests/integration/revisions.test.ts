import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { importCommand } from "@/lib/db/import/command";
import { buildTempDatabase, REPO } from "./helpers";

const EXAMPLE = path.join(REPO, "data", "examples", "new-article.csv");

describe("an import is recorded as a revision", () => {
  it("records time, file name, hash and the records added and updated; a dry run and an import that changes nothing record no revision", async () => {
    const db = buildTempDatabase();
    const revisions = () => new Database(db, { readonly: true }).prepare("SELECT * FROM revisions ORDER BY id").all() as Record<string, unknown>[];
    expect(revisions().map((r) => r.kind)).toEqual(["seed"]);

    expect((await importCommand([EXAMPLE, "--db", db, "--dry-run"], { defaultDb: db })).code).toBe(0);
    expect(revisions()).toHaveLength(1);

    const r = await importCommand([EXAMPLE, "--db", db], { defaultDb: db });
    expect(r.code, r.out).toBe(0);
    const [, rev] = revisions();
    expect(rev).toMatchObject({
      kind: "import",
      file_name: "new-article.csv",
      file_hash: createHash("sha256").update(readFileSync(EXAMPLE)).digest("hex"),
      rows_added: 5,
      rows_updated: 0,
    });
    expect(Date.now() - Date.parse(rev!.at as string)).toBeLessThan(60_000);
    const changes = new Database(db, { readonly: true })
      .prepare("SELECT record_type, record_slug, action FROM revision_changes WHERE revision_id = ? ORDER BY id")
      .all(rev!.id) as { record_type: string; record_slug: string; action: string }[];
    expect(changes.map((c) => `${c.action} ${c.record_type} ${c.record_slug}`)).toEqual([
      "added source example-weekly-2025-12",
      "added organization example-robotics",
      "added deal example-robotics-2025",
      "added financial example-robotics-revenue-2024",
      "added spending example-alibaba-capex-q3-2025",
    ]);

    // The same file again changes nothing, so it is no revision.
    expect((await importCommand([EXAMPLE, "--db", db], { defaultDb: db })).code).toBe(0);
    expect(revisions()).toHaveLength(2);
  });
});
