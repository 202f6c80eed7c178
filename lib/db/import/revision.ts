import type Database from "better-sqlite3";
import { PLAN_TABLE } from "./plan";

export interface RevisionInfo {
  fileName: string;
  fileHash: string;
  /** ISO timestamp of the write; now unless a test fixes it. */
  at?: string;
}

/**
 * Records an import as a revision with one row per record it added or updated, inside the
 * import's own transaction, so a rolled-back import leaves no revision behind. Read
 * set-based from the staged plan (see ImportPlanner), in the order the import wrote.
 */
export function recordRevision(db: Database.Database, info: RevisionInfo, counts: { insert: number; update: number }): number {
  const { insert: added, update: updated } = counts;
  const rev = db
    .prepare("INSERT INTO revisions (kind, at, file_name, file_hash, rows_added, rows_updated) VALUES ('import', ?, ?, ?, ?, ?)")
    .run(info.at ?? new Date().toISOString(), info.fileName, info.fileHash, added, updated);
  const id = Number(rev.lastInsertRowid);
  db.prepare(
    `INSERT INTO revision_changes (revision_id, record_type, record_slug, action, fields)
     SELECT ?, type, key, CASE action WHEN 'insert' THEN 'added' ELSE 'updated' END, fields
     FROM ${PLAN_TABLE} WHERE action <> 'unchanged' ORDER BY type_order, row`,
  ).run(id);
  return id;
}
