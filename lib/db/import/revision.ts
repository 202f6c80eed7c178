import type Database from "better-sqlite3";
import type { PlannedChange } from "./plan";

export interface RevisionInfo {
  fileName: string;
  fileHash: string;
  /** ISO timestamp of the write; now unless a test fixes it. */
  at?: string;
}

/**
 * Records an import as a revision with one row per record it added or updated, inside the
 * import's own transaction, so a rolled-back import leaves no revision behind.
 */
export function recordRevision(db: Database.Database, info: RevisionInfo, changes: PlannedChange[]): number {
  const written = changes.filter((c) => c.action !== "unchanged");
  const added = written.filter((c) => c.action === "insert").length;
  const rev = db
    .prepare("INSERT INTO revisions (kind, at, file_name, file_hash, rows_added, rows_updated) VALUES ('import', ?, ?, ?, ?, ?)")
    .run(info.at ?? new Date().toISOString(), info.fileName, info.fileHash, added, written.length - added);
  const id = Number(rev.lastInsertRowid);
  const insert = db.prepare("INSERT INTO revision_changes (revision_id, record_type, record_slug, action, fields) VALUES (?, ?, ?, ?, ?)");
  for (const c of written) insert.run(id, c.type, c.key, c.action === "insert" ? "added" : "updated", c.fields.join(","));
  return id;
}
