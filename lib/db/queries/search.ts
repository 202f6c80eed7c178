import "server-only";
import { distance } from "fastest-levenshtein";
import { sql } from "drizzle-orm";
import { getDb, getSqlite } from "@/lib/db/client";
import { knownOn, organizationKnownOn } from "./asof";
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
/** Candidates per misspelt word: the dictionary words sharing the most trigrams with it. */
const CANDIDATES = 40;
/** Matches of one kind read in rowid order (first recorded first: the real dataset before anything imported) before ranking: caps a search for a common word. */
const RANK_WINDOW = 400;

export function tokenize(q: string): string[] {
  return (q.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TOKENS);
}

/**
 * Words of the index a typo away from `token` (one edit for short words, two for longer).
 * The trigram index over the vocabulary (search_terms, migration 0008) picks the
 * CANDIDATES words sharing the most trigrams with it; edit distance is measured on those
 * only, so the work per word is bounded whatever the size of the vocabulary.
 */
function nearTerms(token: string): string[] {
  const chars = [...token];
  if (chars.length < 3) return [];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  const expr = [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(" OR ");
  const budget = chars.length <= 4 ? 1 : 2;
  const rows = getSqlite()
    .prepare("SELECT term FROM search_terms WHERE search_terms MATCH ? ORDER BY rank LIMIT ?")
    .pluck()
    .all(expr, CANDIDATES) as string[];
  return rows
    .map((term) => ({ term, d: Math.abs(term.length - token.length) > budget ? budget + 1 : distance(token, term) }))
    .filter((r) => r.d <= budget)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((r) => r.term);
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** A prefix that completes to more words than this is left to FTS5's own prefix query. */
const PREFIX_TERMS = 50;

/**
 * Words of the typo dictionary starting with `token`, at most `limit`. The dictionary
 * holds every word of the index (plus, until the next rebuild, words since removed, which
 * match nothing), so this answers "does the index know a word starting so" without
 * `search_vocab`: fts5vocab counts a word's documents to return its row, 50 ms for
 * "alibaba" (620,000 deals) at scale, per word of every search. From three letters the
 * dictionary's trigram index gives the words holding all the token's trigrams (every word
 * starting with it does), and those that start with it are kept; a shorter token reads
 * the dictionary (a few thousand words).
 */
function termsStartingWith(token: string, limit: number): string[] {
  const chars = [...token];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  const words = grams.size
    ? (getSqlite().prepare("SELECT term FROM search_terms WHERE search_terms MATCH ?").pluck().all([...grams].map(quoted).join(" AND ")) as string[])
    : (getSqlite().prepare("SELECT term FROM search_terms WHERE substr(term, 1, ?) = ?").pluck().all(chars.length, token) as string[]);
  return words.filter((term) => term.startsWith(token)).sort().slice(0, limit);
}

/**
 * One FTS5 query per token: the word itself, as a prefix when it has three letters or
 * more (people type the start of a name; a one- or two-letter prefix would expand to a
 * large share of the vocabulary), and, when the index has no such word, the nearest terms
 * in its vocabulary. A prefix is spelt out as the words it completes to (OR of exact
 * words) when there are at most PREFIX_TERMS of them: FTS5 merges a prefix's whole
 * document list in memory before the first row (120 ms for "alibaba"* at scale), where an
 * OR of words is read lazily and stops with the ranking window. Same matches either way.
 */
async function matchExpression(tokens: string[]): Promise<{ expr: string; corrected: string[] | null }> {
  let changed = false;
  const shown: string[] = [];
  const parts: string[] = [];
  for (const t of tokens) {
    await yieldToOtherRequests();
    const completions = termsStartingWith(t, t.length >= 3 ? PREFIX_TERMS + 1 : 1);
    const options = t.length < 3 ? [quoted(t)] : completions.length && completions.length <= PREFIX_TERMS ? completions.map(quoted) : [`${quoted(t)}*`];
    if (!completions.length) {
      const near = nearTerms(t);
      if (near.length) {
        changed = true;
        shown.push(near[0]!);
      } else shown.push(t);
      options.push(...near.map(quoted));
    } else shown.push(t);
    parts.push(`(${options.join(" OR ")})`);
  }
  return { expr: parts.join(" AND "), corrected: changed ? shown : null };
}

/**
 * In a past view, a hit counts only if it was known on the day: the organisation or deal
 * by its sources' dates (lib/db/queries/asof.ts), a source by its own. The test runs on the
 * ranking window's rows, so a common word in a past view may find fewer than it could.
 */
function knownRef(kind: string, asof: string) {
  if (kind === "organization") return sql`EXISTS (SELECT 1 FROM organizations ko WHERE ko.slug = ref AND ${organizationKnownOn(sql`ko.id`, asof)})`;
  if (kind === "deal") return sql`EXISTS (SELECT 1 FROM deals kd0 WHERE kd0.slug = ref AND ${knownOn("deal_id", sql`kd0.id`, asof)})`;
  return sql`EXISTS (SELECT 1 FROM sources ks0 WHERE ks0.slug = ref AND ks0.published_date <= ${asof})`;
}

/**
 * Lets the event loop serve what is waiting (other requests' I/O and renders) before the
 * next step of a search. better-sqlite3 is synchronous, so each step holds the loop; with
 * a yield between steps, eight concurrent searches take turns with other pages a step
 * (a few milliseconds) at a time instead of queueing them behind whole searches.
 */
const yieldToOtherRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Organizations (names, aliases, descriptions), deals and sources matching the words of `q`.
 *
 * Bounded work, on the request thread, in steps: at most 8 words, one dictionary lookup
 * and at most 40 typo candidates per word, and per kind the first RANK_WINDOW matches
 * (read in rowid order, which FTS5 stops early) ranked by bm25 instead of every match; a
 * yield to other requests between steps. No worker thread: each step costs milliseconds
 * at scale (measured in tests/perf/README.md), less than copying results across threads
 * would save, and a second connection per worker would be one more thing to keep open.
 */
export async function searchAll(q: string, limitPerKind = 20, asof?: string): Promise<SearchResult> {
  const tokens = tokenize(q);
  const empty: SearchResult = { query: q, correctedTo: null, organizations: [], deals: [], sources: [] };
  if (tokens.length === 0) return empty;
  const { expr, corrected } = await matchExpression(tokens);
  const db = getSqlite();
  // Title hits outrank body hits: a company named "Unitree" before a deal that mentions it.
  const refs = (kind: string) =>
    getDb()
      .all<{ ref: string }>(sql`SELECT ref FROM (
          SELECT ref, bm25(search_index, 0, 0, 10, 1) AS score FROM search_index
          WHERE search_index MATCH ${`kind : ${kind} AND (${expr})`} ORDER BY rowid LIMIT ${sql.raw(String(RANK_WINDOW))}
        ) ${asof ? sql`WHERE ${knownRef(kind, asof)}` : sql``} ORDER BY score LIMIT ${limitPerKind}`)
      .map((r) => r.ref);
  const ordered = <T extends { ref: string }>(ids: string[], rows: T[]) =>
    ids.map((id) => rows.find((r) => r.ref === id)).filter((r): r is T => r !== undefined);
  const inList = (ids: string[]) => ids.map(() => "?").join(",") || "NULL";

  await yieldToOtherRequests();
  const orgIds = refs("organization");
  const orgs = db
    .prepare(
      `SELECT o.slug AS ref, o.name AS title,
              (SELECT group_concat(a.alias, ', ') FROM organization_aliases a WHERE a.organization_id = o.id) AS detail,
              p.layer AS layer, NULL AS date, o.slug AS companySlug
       FROM organizations o LEFT JOIN positions p ON p.organization_id = o.id WHERE o.slug IN (${inList(orgIds)})`,
    )
    .all(...orgIds) as Omit<SearchHit, "kind">[];
  await yieldToOtherRequests();
  const dealIds = refs("deal");
  const deals = db
    .prepare(
      `SELECT d.slug AS ref, o.name AS title, d.description AS detail, p.layer AS layer, d.date AS date, o.slug AS companySlug
       FROM deals d JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id
       WHERE d.slug IN (${inList(dealIds)})`,
    )
    .all(...dealIds) as Omit<SearchHit, "kind">[];
  await yieldToOtherRequests();
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
