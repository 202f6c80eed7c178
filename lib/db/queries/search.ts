import "server-only";
import { distance } from "fastest-levenshtein";
import { getSqlite } from "@/lib/db/client";
import type { Layer } from "@/lib/domain/vocabulary";

export interface SearchHit {
  kind: "organization" | "deal" | "source";
  ref: string;
  title: string;
  detail: string | null;
  layer: Layer | null;
  date: string | null;
  /** The company a hit belongs to: itself for an organization, the target for a deal. */
  companySlug: string | null;
}

export interface SearchResult {
  query: string;
  /** The words actually searched for, when a typo was corrected. */
  correctedTo: string | null;
  organizations: SearchHit[];
  deals: SearchHit[];
  sources: SearchHit[];
}

const MAX_TOKENS = 8;

export function tokenize(q: string): string[] {
  return (q.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TOKENS);
}

/** Terms in the index a typo away from `token`: one edit for short words, two for longer. */
function nearTerms(token: string): string[] {
  const db = getSqlite();
  const budget = token.length <= 4 ? 1 : 2;
  const rows = db
    .prepare("SELECT term, doc FROM search_vocab WHERE length(term) BETWEEN ? AND ? ORDER BY doc DESC LIMIT 50000")
    .all(token.length - budget, token.length + budget) as { term: string; doc: number }[];
  return rows
    .map((r) => ({ term: r.term, d: distance(token, r.term), doc: r.doc }))
    .filter((r) => r.d <= budget)
    .sort((a, b) => a.d - b.d || b.doc - a.doc)
    .slice(0, 3)
    .map((r) => r.term);
}

/**
 * One FTS5 query per token: the word itself, as a prefix (people type the start of a
 * name), and, when the index has no such word, the nearest terms in its vocabulary.
 */
function matchExpression(tokens: string[]): { expr: string; corrected: string[] | null } {
  const db = getSqlite();
  const hasTerm = db.prepare("SELECT 1 FROM search_vocab WHERE term = ?");
  const hasPrefix = db.prepare("SELECT 1 FROM search_vocab WHERE term >= ? AND term < ? LIMIT 1");
  let changed = false;
  const shown: string[] = [];
  const parts = tokens.map((t) => {
    const options = [`"${t}"*`];
    if (!hasTerm.get(t) && !hasPrefix.get(t, `${t}\uffff`)) {
      const near = nearTerms(t);
      if (near.length) {
        changed = true;
        shown.push(near[0]!);
      } else shown.push(t);
      options.push(...near.map((n) => `"${n}"`));
    } else shown.push(t);
    return `(${options.join(" OR ")})`;
  });
  return { expr: parts.join(" AND "), corrected: changed ? shown : null };
}

/** Organizations (names, aliases, descriptions), deals and sources matching the words of `q`. */
export function searchAll(q: string, limitPerKind = 20): SearchResult {
  const tokens = tokenize(q);
  const empty: SearchResult = { query: q, correctedTo: null, organizations: [], deals: [], sources: [] };
  if (tokens.length === 0) return empty;
  const { expr, corrected } = matchExpression(tokens);
  const db = getSqlite();
  // Title hits outrank body hits: a company named "Unitree" before a deal that mentions it.
  const base = `SELECT ref FROM search_index WHERE search_index MATCH ? AND kind = ? ORDER BY bm25(search_index, 0, 0, 10, 1) LIMIT ?`;
  const refs = (kind: string) => (db.prepare(base).all(expr, kind, limitPerKind) as { ref: string }[]).map((r) => r.ref);
  const ordered = <T extends { ref: string }>(ids: string[], rows: T[]) =>
    ids.map((id) => rows.find((r) => r.ref === id)).filter((r): r is T => r !== undefined);
  const inList = (ids: string[]) => ids.map(() => "?").join(",") || "NULL";

  const orgIds = refs("organization");
  const orgs = db
    .prepare(
      `SELECT o.slug AS ref, o.name AS title,
              (SELECT group_concat(a.alias, ', ') FROM organization_aliases a WHERE a.organization_id = o.id) AS detail,
              p.layer AS layer, NULL AS date, o.slug AS companySlug
       FROM organizations o LEFT JOIN positions p ON p.organization_id = o.id WHERE o.slug IN (${inList(orgIds)})`,
    )
    .all(...orgIds) as Omit<SearchHit, "kind">[];
  const dealIds = refs("deal");
  const deals = db
    .prepare(
      `SELECT d.slug AS ref, o.name AS title, d.description AS detail, p.layer AS layer, d.date AS date, o.slug AS companySlug
       FROM deals d JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id
       WHERE d.slug IN (${inList(dealIds)})`,
    )
    .all(...dealIds) as Omit<SearchHit, "kind">[];
  const sourceIds = refs("source");
  const sources = db
    .prepare(`SELECT slug AS ref, title, outlet AS detail, NULL AS layer, published_date AS date, NULL AS companySlug FROM sources WHERE slug IN (${inList(sourceIds)})`)
    .all(...sourceIds) as Omit<SearchHit, "kind">[];

  return {
    query: q,
    correctedTo: corrected ? corrected.join(" ") : null,
    organizations: ordered(orgIds, orgs).map((r) => ({ ...r, kind: "organization" as const })),
    deals: ordered(dealIds, deals).map((r) => ({ ...r, kind: "deal" as const })),
    sources: ordered(sourceIds, sources).map((r) => ({ ...r, kind: "source" as const })),
  };
}
