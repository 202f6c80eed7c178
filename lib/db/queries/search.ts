import "server-only";
import { distance } from "fastest-levenshtein";
import { type SQL, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { getSqlite } from "@/lib/db/client";
import { ReadPoolBusyError, type ReadStatement, readOnWorker, readPoolAvailable } from "@/lib/db/read-pool";
import { endSearch, startSearch } from "@/lib/db/search-load";
import { databasePath } from "@/lib/db/paths";
import { DATA_VERSION_SQL } from "@/lib/db/connection";
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
function nearTermsStatement(token: string): ReadStatement | null {
  const grams = trigrams(token);
  if (!grams.size) return null;
  const expr = [...grams].map(quoted).join(" OR ");
  return { sql: "SELECT term FROM search_terms WHERE search_terms MATCH ? ORDER BY rank LIMIT ?", params: [expr, CANDIDATES], pluck: true };
}

/** The candidates' words within the token's edit budget, nearest first, at most three. */
function nearTerms(token: string, candidates: string[]): string[] {
  const budget = [...token].length <= 4 ? 1 : 2;
  return candidates
    .map((term) => ({ term, d: Math.abs(term.length - token.length) > budget ? budget + 1 : distance(token, term) }))
    .filter((r) => r.d <= budget)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((r) => r.term);
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

function trigrams(token: string): Set<string> {
  const chars = [...token];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  return grams;
}

const DATA_VERSION: ReadStatement = { sql: DATA_VERSION_SQL, params: [], pluck: true };

/** Misspelt words remembered per process: at most this many, then forgotten all at once. */
const NEAR_TERMS_KEPT = 10_000;
let nearTermsMemo: { key: string; near: Map<string, string[]> } | null = null;

/**
 * The near words already found for misspelt words, for this database file and data
 * version (null without a version: nothing is remembered). Searches share them: the
 * candidates query ranks every dictionary word sharing a trigram with the word (0.7 ms a
 * word on the synthetic database, most of an eight-word search's SQL once the index
 * queries are cheap), and people misspell the same words. The dictionary only changes
 * with the data, and every change writes a new version, so a new version starts afresh.
 */
function nearTermsSeen(version: string | undefined): Map<string, string[]> | null {
  if (!version) return null;
  const key = `${databasePath()}\0${version}`;
  if (!nearTermsMemo || nearTermsMemo.key !== key || nearTermsMemo.near.size >= NEAR_TERMS_KEPT) nearTermsMemo = { key, near: new Map() };
  return nearTermsMemo.near;
}

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
function startingWithStatement(token: string): ReadStatement {
  const grams = trigrams(token);
  return grams.size
    ? { sql: "SELECT term FROM search_terms WHERE search_terms MATCH ?", params: [[...grams].map(quoted).join(" AND ")], pluck: true }
    : { sql: "SELECT term FROM search_terms WHERE substr(term, 1, ?) = ?", params: [[...token].length, token], pluck: true };
}

/** The words of a startingWithStatement's rows that do start with `token`, in order, at most `limit`. */
function termsStartingWith(token: string, words: string[], limit: number): string[] {
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
 *
 * `matchesNothing`: a word with neither a completion nor a near word in the dictionary
 * matches no record (the dictionary holds every word of the index), so the AND of the
 * words matches none either; the caller answers without the FTS5 queries, which for an
 * eight-word search still cost milliseconds per kind in opening every word's iterators.
 */
async function matchExpression(read: Reader, tokens: string[]): Promise<{ expr: string; corrected: string[] | null; matchesNothing: boolean }> {
  let changed = false;
  let matchesNothing = false;
  const shown: string[] = [];
  const parts: string[] = [];
  // Two batches: the data's version and every word's completions, then the typo
  // candidates of the words with none that no earlier search of this version looked up.
  const [version, ...words] = (await read([DATA_VERSION, ...tokens.map(startingWithStatement)])) as [[string?], ...string[][]];
  const known = nearTermsSeen(version[0]);
  const completionsOf = tokens.map((t, i) => termsStartingWith(t, words[i]!, t.length >= 3 ? PREFIX_TERMS + 1 : 1));
  const misspelt = tokens
    .flatMap((t, i) => (completionsOf[i]!.length || known?.has(t) ? [] : [{ t, statement: nearTermsStatement(t) }]))
    .filter((m) => m.statement);
  const candidates = misspelt.length ? ((await read(misspelt.map((m) => m.statement!))) as string[][]) : [];
  const nearOf = new Map(misspelt.map((m, i) => [m.t, nearTerms(m.t, candidates[i]!)]));
  for (const [t, near] of nearOf) known?.set(t, near);
  for (const t of tokens) if (!nearOf.has(t) && known?.has(t)) nearOf.set(t, known.get(t)!);
  for (const [i, t] of tokens.entries()) {
    const completions = completionsOf[i]!;
    const options = t.length < 3 ? [quoted(t)] : completions.length && completions.length <= PREFIX_TERMS ? completions.map(quoted) : [`${quoted(t)}*`];
    if (!completions.length) {
      const near = nearOf.get(t) ?? [];
      if (near.length) {
        changed = true;
        shown.push(near[0]!);
      } else {
        shown.push(t);
        matchesNothing = true;
      }
      options.push(...near.map(quoted));
    } else shown.push(t);
    parts.push(`(${options.join(" OR ")})`);
  }
  return { expr: parts.join(" AND "), corrected: changed ? shown : null, matchesNothing };
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

/** Runs a batch of a search's statements: each one's rows, in order. */
type Reader = (statements: ReadStatement[]) => Promise<unknown[][]>;

/**
 * On the request thread (no workers: SEARCH_WORKERS=0, or a build without the worker's
 * file), on the request's snapshot, with a yield to the event loop before each batch
 * so concurrent searches take turns with other pages a batch at a time.
 */
const inline: Reader = async (statements) => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return statements.map(({ sql: text, params, pluck }) => {
    const stmt = getSqlite().prepare(text);
    return pluck ? stmt.pluck().all(...params) : stmt.all(...params);
  });
};

const dialect = new SQLiteSyncDialect();
const text = (query: SQL) => dialect.sqlToQuery(query);

/** A search refused because too many are running: the page says so (never a 500). */
export class SearchBusyError extends Error {
  constructor() {
    super("Too many searches are running right now. Try again in a moment.");
    this.name = "SearchBusyError";
  }
}

/**
 * Organizations (names, aliases, descriptions), deals and sources matching the words of `q`.
 *
 * Bounded work: at most 8 words, one dictionary lookup and at most 40 typo candidates per
 * word, and per kind the first RANK_WINDOW matches (read in rowid order, which FTS5 stops
 * early) ranked by how much of their title the query makes (see `refs` in `search`), not
 * bm25, whose corpus counts grow with the index. Its statements run on the search workers
 * (lib/db/read-pool.ts), so a search never holds the request thread: other pages are
 * served while it runs. At most MAX_SEARCHES at once (lib/db/search-load.ts) (and MAX_QUEUED batches of statements): past
 * that a search is refused with SearchBusyError instead of queueing without end.
 */
export async function searchAll(q: string, limitPerKind = 20, asof?: string): Promise<SearchResult> {
  const tokens = tokenize(q);
  const empty: SearchResult = { query: q, correctedTo: null, organizations: [], deals: [], sources: [] };
  if (tokens.length === 0) return empty;
  if (!startSearch()) throw new SearchBusyError();
  try {
    return await search(readPoolAvailable() ? readOnWorker : inline, q, tokens, limitPerKind, asof);
  } catch (error) {
    if (error instanceof ReadPoolBusyError) throw new SearchBusyError();
    throw error;
  } finally {
    endSearch();
  }
}

async function search(read: Reader, q: string, tokens: string[], limitPerKind: number, asof: string | undefined): Promise<SearchResult> {
  const { expr, corrected, matchesNothing } = await matchExpression(read, tokens);
  if (matchesNothing) return { query: q, correctedTo: corrected ? corrected.join(" ") : null, organizations: [], deals: [], sources: [] };
  // Title hits outrank body hits (the company named "Unitree" before those that mention it
  // in a description); among them, the title made most of the query's words first ("Alibaba
  // Cloud" before "Alibaba Group Holding" for "alibaba cloud"); then first recorded first.
  // Not bm25: it counts every document of each phrase of the query, "kind : deal" (every
  // deal) included, once per statement: 57 ms of every search that reads deals on the
  // synthetic database, and 40-80 ms more per kind for a word as common as "alibaba".
  // highlight() reads the window's own rows only: it wraps the title's words that match the
  // query in a control character, counted here against the title's words (its spaces + 1).
  const refs = (kind: string): ReadStatement => {
    const query = text(sql`SELECT ref FROM (
          SELECT ref, rowid AS id,
                 (length(h) - length(replace(h, char(1), ''))) * 1.0 / (length(h) - length(replace(h, ' ', '')) + 1) AS title_share
          FROM (
            SELECT ref, highlight(search_index, 2, char(1), char(2)) AS h, rowid FROM search_index
            WHERE search_index MATCH ${`kind : ${kind} AND (${expr})`} ORDER BY rowid LIMIT ${sql.raw(String(RANK_WINDOW))}
          )
        ) ${asof ? sql`WHERE ${knownRef(kind, asof)}` : sql``} ORDER BY title_share DESC, id LIMIT ${limitPerKind}`);
    return { sql: query.sql, params: query.params, pluck: true };
  };
  const ordered = <T extends { ref: string }>(ids: string[], rows: T[]) =>
    ids.map((id) => rows.find((r) => r.ref === id)).filter((r): r is T => r !== undefined);
  const inList = (ids: string[]) => ids.map(() => "?").join(",") || "NULL";

  // Two more batches: the hits of each kind, then their details.
  const [orgIds, dealIds, sourceIds] = (await read([refs("organization"), refs("deal"), refs("source")])) as [string[], string[], string[]];
  type Row = Omit<SearchHit, "kind">;
  const [orgs, deals, sources] = (await read([
    {
      sql: `SELECT o.slug AS ref, o.name AS title,
              (SELECT group_concat(a.alias, ', ') FROM organization_aliases a WHERE a.organization_id = o.id) AS detail,
              p.layer AS layer, NULL AS date, o.slug AS companySlug
            FROM organizations o LEFT JOIN positions p ON p.organization_id = o.id WHERE o.slug IN (${inList(orgIds)})`,
      params: orgIds,
    },
    {
      sql: `SELECT d.slug AS ref, o.name AS title, d.description AS detail, p.layer AS layer, d.date AS date, o.slug AS companySlug
            FROM deals d JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id
            WHERE d.slug IN (${inList(dealIds)})`,
      params: dealIds,
    },
    {
      sql: `SELECT slug AS ref, title, outlet AS detail, NULL AS layer, published_date AS date, NULL AS companySlug FROM sources WHERE slug IN (${inList(sourceIds)})`,
      params: sourceIds,
    },
  ])) as [Row[], Row[], Row[]];

  return {
    query: q,
    correctedTo: corrected ? corrected.join(" ") : null,
    organizations: ordered(orgIds, orgs).map((r) => ({ ...r, kind: "organization" as const })),
    deals: ordered(dealIds, deals).map((r) => ({ ...r, kind: "deal" as const })),
    sources: ordered(sourceIds, sources).map((r) => ({ ...r, kind: "source" as const })),
  };
}
