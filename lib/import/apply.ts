import type Database from "better-sqlite3";
import { reindexRecords } from "../../db/search-index";
import { sortDateOf } from "../../db/seed";
import { citationsOf, columnsOf, type PlannedChange } from "./plan";

export interface ApplyResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes a validated plan in one transaction: all of it or, on any error (or a killed
 * process), none of it. Rows are upserted by their slug; a record's aliases, co-investors,
 * terms and citations are replaced by the file's, since the file states the fact anew.
 */
/** `onRow` runs after each written row, inside the transaction (progress output, and the crash test's pause). */
export function applyPlan(db: Database.Database, changes: PlannedChange[], onRow?: (done: number) => void): ApplyResult {
  db.pragma("foreign_keys = ON");
  const orgIdStmt = db.prepare("SELECT id FROM organizations WHERE slug = ?");
  const sourceIdStmt = db.prepare("SELECT id FROM sources WHERE slug = ?");
  const orgCache = new Map<string, number>();
  const sourceCache = new Map<string, number>();
  const orgId = (slug: string) => {
    let id = orgCache.get(slug);
    if (id === undefined) {
      id = (orgIdStmt.get(slug) as { id: number } | undefined)?.id;
      if (id === undefined) throw new Error(`organization "${slug}" vanished during the import`);
      orgCache.set(slug, id);
    }
    return id;
  };
  const sourceId = (slug: string) => {
    let id = sourceCache.get(slug);
    if (id === undefined) {
      id = (sourceIdStmt.get(slug) as { id: number } | undefined)?.id;
      if (id === undefined) throw new Error(`source "${slug}" vanished during the import`);
      sourceCache.set(slug, id);
    }
    return id;
  };

  // Prepared once per statement text; better-sqlite3 statements are cheap to reuse.
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const upsert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    const conflict = table === "positions" ? "organization_id" : "slug";
    return stmt(
      `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
       ON CONFLICT(${conflict}) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(", ")}
       RETURNING id`,
    ).get(...cols.map((c) => row[c])) as { id: number };
  };
  const replaceCitations = (column: string, id: number, change: PlannedChange) => {
    stmt(`DELETE FROM citations WHERE ${column} = ?`).run(id);
    for (const c of citationsOf(change.record)) {
      stmt(`INSERT INTO citations (source_id, locator, ${column}) VALUES (?, ?, ?)`).run(sourceId(c.source), c.locator, id);
    }
  };

  const result: ApplyResult = { inserted: 0, updated: 0, unchanged: 0 };
  const touched = { organizations: [] as number[], deals: [] as number[], sources: [] as number[] };
  db.transaction(() => {
    changes.forEach((change, i) => {
      if (change.action === "unchanged") {
        result.unchanged++;
        return;
      }
      const r = change.record;
      const cols = columnsOf(r, orgId);
      switch (r.type) {
        case "source":
          touched.sources.push(upsert("sources", { slug: r.key, ...cols }).id);
          break;
        case "organization": {
          const { id } = upsert("organizations", { slug: r.key, ...cols });
          orgCache.set(r.key, id);
          touched.organizations.push(id);
          stmt("DELETE FROM organization_aliases WHERE organization_id = ?").run(id);
          for (const alias of r.value.aliases) stmt("INSERT INTO organization_aliases (organization_id, alias) VALUES (?, ?)").run(id, alias);
          replaceCitations("organization_id", id, change);
          if (r.position) {
            const p = r.position;
            const pos = upsert("positions", {
              organization_id: id, layer: p.layer, segment: p.segment, relationship: p.relationship, status: p.status,
              since: p.since, note: p.note ?? null,
            });
            replaceCitations("position_id", pos.id, change);
          }
          break;
        }
        case "deal": {
          const { id } = upsert("deals", { slug: r.key, ...cols, sort_date: sortDateOf(r.value.date) });
          touched.deals.push(id);
          stmt("DELETE FROM deal_co_investors WHERE deal_id = ?").run(id);
          for (const co of r.value.coInvestors) stmt("INSERT INTO deal_co_investors (deal_id, organization_id) VALUES (?, ?)").run(id, orgId(co));
          stmt("DELETE FROM deal_terms WHERE deal_id = ?").run(id);
          r.value.terms.forEach((term, j) => stmt("INSERT INTO deal_terms (deal_id, sort_order, term) VALUES (?, ?, ?)").run(id, j, term));
          replaceCitations("deal_id", id, change);
          break;
        }
        case "financial": {
          const { id } = upsert("financials", { slug: r.key, ...cols });
          replaceCitations("financial_id", id, change);
          break;
        }
        case "spending": {
          const { id } = upsert("spending", { slug: r.key, ...cols });
          replaceCitations("spending_id", id, change);
          break;
        }
      }
      if (change.action === "insert") result.inserted++;
      else result.updated++;
      onRow?.(i + 1);
    });
    // A newer imported article moves the "data as of" date forward.
    db.prepare(
      `INSERT INTO meta (key, value) SELECT 'data_as_of', max(published_date) FROM sources WHERE published_date IS NOT NULL
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ).run();
    reindexRecords(db, touched);
    const fk = db.prepare("PRAGMA foreign_key_check").all();
    if (fk.length) throw new Error(`the import would break a reference: ${JSON.stringify(fk.slice(0, 3))}`);
  })();
  return result;
}
