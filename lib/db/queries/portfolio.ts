import "server-only";
import { type SQL, type SQLWrapper, and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { citations, factFirstCitations, layers, organizationAliases, organizationDealCounts, organizations, paragraphs, positionCitationGroups, positionCounts, positionKindCounts, positions, sources } from "@/lib/db/schema";
import type { Layer, PositionStatus, Relationship } from "@/lib/domain/vocabulary";
import { HISTORY_POSITIONS, factKnownOn, fewFirstCitedAfter, firstCitedAfter, knownOn, positionStatusOn, stateOn } from "./asof";
import { type CitationView, citationColumns, citationsFor, citedOn, citedParagraph, likePattern, paragraphNumber, paragraphOf, publishedBy, toCitationView } from "./citations";
import { type FacetFilter, facetCondition } from "./facet-sql";
import { facetPasses } from "@/lib/domain/facets";
import { dealTiles } from "@/lib/domain/map-tiles";
import { type PositionKind, positionKind } from "@/lib/domain/position-kinds";

export interface PortfolioFilters {
  layer?: FacetFilter<Layer>;
  relationship?: FacetFilter<Relationship>;
  status?: FacetFilter<PositionStatus>;
  segment?: string;
  q?: string;
  /** A past view: only what the sources had published by this day (YYYY-MM-DD). */
  asof?: string;
}

export type FacetKey = "layer" | "relationship" | "status" | "segment";

export interface LayerSummary {
  slug: Layer;
  name: string;
  sortOrder: number;
  description: string;
  companyCount: number;
}

/** What a tile of the map shows. */
export interface PortfolioTile {
  organizationId: number;
  slug: string;
  name: string;
  aliases: string[];
  /** The organization's kind, which with the relationship says what the position is (lib/position-kinds.ts). */
  organizationKind: string;
  layer: Layer;
  segment: string;
  relationship: Relationship;
  /** In a past view, the status the position's history had then ("reported" has no stored equivalent). */
  status: PositionStatus | "reported";
  since: string | null;
  note: string | null;
  /** The latest state of its history (as of the view), e.g. "denied" or "listing-guidance"; null without one. */
  state: string | null;
}

/** A row of the table, the CSV and the API: a tile with its kind, deal count and sources. */
export interface PortfolioCompany extends PortfolioTile {
  /** What the position is (lib/domain/position-kinds.ts), from the kind the data states if any. */
  kind: PositionKind;
  dealCount: number;
  citations: CitationView[];
}

/**
 * The ids of organizations whose name or an alias contains the text, case-insensitively,
 * as a subquery over the trigram index `organization_names` (migration 0008): a text of
 * three characters or more is a phrase of trigrams, looked up in the index; a shorter
 * one has no trigram to look up and is matched with LIKE over the names (one table, one
 * pass, no join).
 *
 * The index's rowid says whose name a hit is (every writer of it, migration 0008's fill
 * and triggers and db:synth, uses the same scheme): an organization's own name is row
 * id * 2, an alias row alias id * 2 + 1. Reading the organization from the rowid, and only
 * an alias hit's from organization_aliases, skips a read of the index's content table
 * per hit: for "robot" at scale (7,692 hits) 4.5 ms of CPU instead of 16, and a name
 * filter's page runs this subquery in several statements.
 */
export function organizationIdsNamed(q: string): SQL {
  const lookup = nameLookup(q);
  return lookup.ids(lookup.value);
}

/**
 * `organizationIdsNamed` in two parts, for a prepared statement (lib/db/client.ts,
 * `prepared`): the subquery over one bound value (`ids`, given the value or a placeholder
 * for it), and that value for `q`. `shape` names which of the two subqueries it is, the
 * only thing about the SQL text that depends on `q`.
 */
export function nameLookup(q: string): { shape: "index" | "like"; value: string; ids: (value: SQLWrapper | string) => SQL } {
  if ([...q].length >= 3) {
    return {
      shape: "index",
      value: `"${q.replace(/"/g, '""')}"`,
      ids: (value) => sql`SELECT CASE WHEN organization_names.rowid % 2 = 0 THEN organization_names.rowid / 2
        ELSE (SELECT a.organization_id FROM ${organizationAliases} a WHERE a.id = organization_names.rowid / 2) END
      FROM organization_names WHERE organization_names MATCH ${value}`,
    };
  }
  return { shape: "like", value: likePattern(q), ids: (value) => sql`SELECT organization_id FROM organization_names WHERE lower(name) LIKE ${value} ESCAPE '\\'` };
}

/** Organization name or any alias contains the text, case-insensitively. */
export function nameMatches(q: string): SQL {
  return sql`${organizations.id} IN (${organizationIdsNamed(q)})`;
}

type FacetColumns = Record<FacetKey, Parameters<typeof eq>[0]>;

/** The facet filters over either table that has the four facet columns. */
function facetParts(columns: FacetColumns, f: PortfolioFilters, except?: FacetKey): SQL[] {
  const parts: SQL[] = [];
  for (const key of ["layer", "relationship", "status"] as const) {
    const part = except !== key ? facetCondition(columns[key], f[key]) : undefined;
    if (part) parts.push(part);
  }
  if (f.segment && except !== "segment") parts.push(eq(columns.segment, f.segment));
  return parts;
}

/** The status column, or in a past view the status the history had then. */
function statusColumn(f: PortfolioFilters) {
  return f.asof ? positionStatusOn(positions.id, positions.status, f.asof) : positions.status;
}

/**
 * `known`: in a past view, whether a position is matched against the list of those known on
 * the day ("list"), or tested alone ("probe": for reads that stop after a few positions in
 * index order, where the list would hold every position known).
 */
function conditions(f: PortfolioFilters, except?: FacetKey, known: "list" | "probe" = "list"): SQL | undefined {
  const parts = facetParts({ ...positions, status: statusColumn(f) } as unknown as FacetColumns, f, except);
  // On the position's own column, so a count needs no join to organizations.
  if (f.q) parts.push(sql`${positions.organizationId} IN (${organizationIdsNamed(f.q)})`);
  if (f.asof) parts.push(known === "list" ? knownOn("position_id", positions.id, f.asof) : factKnownOn("position_id", positions.id, f.asof));
  return parts.length ? and(...parts) : undefined;
}

/**
 * The same filters over position_counts (one row per layer, relationship, status and
 * segment), which answers every count without the name search in a few hundred rows
 * instead of every position.
 */
function summaryConditions(f: PortfolioFilters, except?: FacetKey): SQL | undefined {
  const parts = facetParts(positionCounts, f, except);
  return parts.length ? and(...parts) : undefined;
}

const companies = sql<number>`sum(${positionCounts.companies})`.mapWith(Number);

/** A cell of the positions known on a day: the columns a position's kind is read from, and how many. */
type DayPositionCell = PositionKindKey & { companies: number };

/**
 * The positions known on `asof`, grouped as position_kind_counts groups today's, read as
 * today's summary less the positions it must not hold then, when readableFromToday says
 * those are few: a position unknown on the day is then one first cited after it, and the
 * few with a status history are taken out and put back with the day's status when known by
 * then. Grouping every position known on the day instead cost 90-290 ms a query at 82,000
 * positions (tests/perf/README.md, positions18). null when that does not hold; the callers
 * then group the known positions themselves.
 */
const dayPositionCells = cache((asof: string): DayPositionCell[] | null => {
  if (!readableFromToday(asof)) return null;
  const t = positionKindCounts;
  const rows = getDb().all<Omit<DayPositionCell, "kind"> & { kind: string }>(sql`SELECT kind, layer, relationship, status, segment, organizationKind, sum(n) AS companies FROM (
      SELECT ${t.kind} AS kind, ${t.layer} AS layer, ${t.relationship} AS relationship, ${t.status} AS status, ${t.segment} AS segment, ${t.organizationKind} AS organizationKind, ${t.companies} AS n
      FROM ${t} WHERE ${t.companies} <> 0
      UNION ALL
      SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, -1 FROM ${positions} p JOIN ${organizations} o ON o.id = p.organization_id
      WHERE ${takenOut(asof)}
      UNION ALL
      SELECT coalesce(p.kind, ''), p.layer, p.relationship, ${positionStatusOn(sql`p.id`, sql`p.status`, asof)}, p.segment, o.kind, 1 FROM ${positions} p JOIN ${organizations} o ON o.id = p.organization_id
      WHERE ${putBack(asof)}
    ) GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) > 0`);
  return rows.map((r) => ({ ...r, kind: r.kind === "" ? null : r.kind, companies: Number(r.companies) }));
});

/**
 * Whether the positions known on `asof` are today's less a few (dayPositionCells): every
 * position has a dated citation (the summary's total equals fact_first_citations'
 * positions) and at most FEW_KNOWN facts were first cited after the day. Cached per render:
 * the day's summaries and its citations ask it.
 */
const readableFromToday = cache((asof: string): boolean => {
  const undated = getDb().get<{ n: number }>(sql`SELECT (SELECT coalesce(sum(${positionKindCounts.companies}), 0) FROM ${positionKindCounts})
      - (SELECT count(*) FROM ${factFirstCitations} kf WHERE kf.subject = 'position') AS n`)?.n;
  return undated === 0 && fewFirstCitedAfter(asof);
});

/** Positions (`p`) today's summaries hold that a day's must not as they are: first cited later, or with a status history. */
function takenOut(asof: string): SQL {
  return sql`p.id IN (SELECT * FROM ${firstCitedAfter("position", asof)} UNION SELECT * FROM ${HISTORY_POSITIONS})`;
}

/** Of those, the positions (`p`) a day's summaries hold, under the day's status: a history known by then. */
function putBack(asof: string): SQL {
  return sql`p.id IN ${HISTORY_POSITIONS} AND ${factKnownOn("position_id", sql`p.id`, asof)}`;
}

export function listLayers(asof?: string): LayerSummary[] {
  if (asof) {
    const counts = new Map<string, number>();
    for (const c of positionCubeFor(cubeKey({ asof }))) counts.set(c.layer, (counts.get(c.layer) ?? 0) + c.n);
    return getDb()
      .select({ slug: layers.slug, name: layers.name, sortOrder: layers.sortOrder, description: layers.description })
      .from(layers)
      .orderBy(asc(layers.sortOrder))
      .all()
      .map((l) => ({ ...l, companyCount: counts.get(l.slug) ?? 0 }));
  }
  return getDb()
    .select({
      slug: layers.slug,
      name: layers.name,
      sortOrder: layers.sortOrder,
      description: layers.description,
      companyCount: sql<number>`(SELECT coalesce(sum(${positionCounts.companies}), 0) FROM ${positionCounts} WHERE ${positionCounts.layer} = ${layers.slug})`,
    })
    .from(layers)
    .orderBy(asc(layers.sortOrder))
    .all();
}

export function countPortfolio(filters: PortfolioFilters = {}): number {
  // The summary table counts today's record; a past view counts the positions themselves.
  if (!filters.q && !filters.asof) {
    return getDb().select({ n: companies }).from(positionCounts).where(summaryConditions(filters)).get()?.n ?? 0;
  }
  return cubeCells(filters).reduce((sum, c) => sum + c.n, 0);
}

interface PositionCubeCell {
  layer: string;
  relationship: string;
  status: string;
  segment: string;
  n: number;
}

const FACET_KEYS = ["layer", "relationship", "status", "segment"] as const;

/**
 * Positions under a name filter or in a past view, counted per (layer, relationship,
 * status, segment) in one pass under every filter but the four facets: the count and the
 * four facets are sums over it (they were five passes over the matching positions, 7,400
 * for "robot" at scale). React's `cache` shares it within one render, keyed by the filters.
 */
const positionCubeFor = cache((key: string): PositionCubeCell[] => {
  const f = JSON.parse(key) as PortfolioFilters;
  const day = f.asof && !f.q ? dayPositionCells(f.asof) : null;
  if (day) {
    const cells = new Map<string, PositionCubeCell>();
    for (const c of day) {
      const at = JSON.stringify([c.layer, c.relationship, c.status, c.segment]);
      const cell = cells.get(at) ?? { layer: c.layer, relationship: c.relationship, status: c.status, segment: c.segment, n: 0 };
      cell.n += c.companies;
      cells.set(at, cell);
    }
    return [...cells.values()];
  }
  const status = statusColumn(f);
  return getDb()
    .select({ layer: positions.layer, relationship: positions.relationship, status: sql<string>`${status}`, segment: positions.segment, n: count() })
    .from(positions)
    .where(conditions(f))
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`)
    .all();
});

/** The name and day filters only, as a key for React's per-render cache. */
function cubeKey(filters: PortfolioFilters): string {
  return JSON.stringify(Object.fromEntries(Object.entries({ q: filters.q, asof: filters.asof }).filter(([, v]) => v !== undefined)));
}

/** The cells that pass the facet filters, but `except`. */
function cellsPassing(cells: PositionCubeCell[], filters: PortfolioFilters, except?: FacetKey): PositionCubeCell[] {
  return cells.filter((c) =>
    FACET_KEYS.every((k) => k === except || (k === "segment" ? !filters.segment || c.segment === filters.segment : facetPasses(c[k], filters[k]))),
  );
}

function cubeCells(filters: PortfolioFilters, except?: FacetKey): PositionCubeCell[] {
  return cellsPassing(positionCubeFor(cubeKey(filters)), filters, except);
}

/** The four facets' counts from cube cells: per option, the companies the other filters leave. */
function facetsOfCells(cells: PositionCubeCell[], filters: PortfolioFilters): Record<FacetKey, Record<string, number>> {
  const facet = (key: FacetKey) => {
    const out: Record<string, number> = {};
    for (const c of cellsPassing(cells, filters, key)) out[c[key]] = (out[c[key]] ?? 0) + c.n;
    return out;
  };
  return { layer: facet("layer"), relationship: facet("relationship"), status: facet("status"), segment: facet("segment") };
}

/** Positions with their organization, in the map's and the table's order, under `where`. */
function positionRows(filters: PortfolioFilters, where: SQL | undefined) {
  return getDb()
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      organizationKind: organizations.kind,
      layer: positions.layer,
      segment: positions.segment,
      relationship: positions.relationship,
      status: sql<PositionStatus | "reported">`${statusColumn(filters)}`,
      since: positions.since,
      note: positions.note,
      positionId: positions.id,
      statedKind: positions.kind,
      state: stateOn("position_id", positions.id, filters.asof),
    })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .innerJoin(layers, eq(layers.slug, positions.layer))
    .where(where)
    // The id settles companies that share a name, so pages neither repeat nor skip one.
    .orderBy(asc(layers.sortOrder), asc(positions.segment), asc(organizations.name), asc(organizations.id))
    .$dynamic();
}

function pageOfPositions(filters: PortfolioFilters, limit: number, offset: number, known: "list" | "probe" = "list") {
  return positionRows(filters, conditions(filters, undefined, known)).limit(limit).offset(offset).all();
}

/**
 * The same page, one layer at a time in the layers' order. The ORDER BY starts with a
 * column of layers, so without a layer filter SQLite sorts every matching position (82k
 * at scale); within one layer it reads positions_layer_segment_idx in segment order and
 * sorts only a segment at a time, stopping at the end of the page. The layer counts that
 * say which layer an offset falls in come from position_counts.
 */
function pageAcrossLayers(filters: PortfolioFilters, limit: number, offset: number, known: "list" | "probe" = "list") {
  const out: ReturnType<typeof pageOfPositions> = [];
  let skip = offset;
  for (const { slug } of getDb().select({ slug: layers.slug }).from(layers).orderBy(asc(layers.sortOrder)).all()) {
    if (out.length >= limit) break;
    const inLayer = { ...filters, layer: slug };
    const n = countPortfolio(inLayer);
    if (skip >= n) {
      skip -= n;
      continue;
    }
    out.push(...pageOfPositions(inLayer, limit - out.length, skip, known));
    skip = 0;
  }
  return out;
}

type PageRequest = { limit?: number; offset?: number };

function positionsPage(filters: PortfolioFilters, page: PageRequest) {
  const limit = page.limit ?? 500;
  const offset = page.offset ?? 0;
  // A name search counts by scanning names, so per-layer counts would cost more than the sort.
  if (filters.q) return pageOfPositions(filters, limit, offset);
  // A past view whose counts come from today's summary (dayPositionCells) reads its page as
  // today's does, each position tested alone: the list of those known, 82,000 at scale,
  // sorted for one page took 70-110 ms.
  if (filters.asof && !dayPositionCells(filters.asof)) return pageOfPositions(filters, limit, offset);
  const known = filters.asof ? "probe" : "list";
  return filters.layer ? pageOfPositions(filters, limit, offset, known) : pageAcrossLayers(filters, limit, offset, known);
}

/** Every alias of each organization, in the order they were recorded. */
export function aliasesOf(ids: number[]): Map<number, string[]> {
  const aliases = new Map<number, string[]>();
  if (!ids.length) return aliases;
  const rows = getDb()
    .select({ organizationId: organizationAliases.organizationId, alias: organizationAliases.alias })
    .from(organizationAliases)
    .where(inArray(organizationAliases.organizationId, ids))
    .orderBy(asc(organizationAliases.id))
    .all();
  for (const a of rows) {
    const list = aliases.get(a.organizationId);
    if (list) list.push(a.alias);
    else aliases.set(a.organizationId, [a.alias]);
  }
  return aliases;
}

/**
 * The map's tiles: a page of positions with their aliases, without the deal counts and
 * sources the map does not show (a tenth of the query time of a 500-tile map).
 */
export function listPortfolioTiles(filters: PortfolioFilters = {}, page: PageRequest = {}): PortfolioTile[] {
  return tilesOf(positionsPage(filters, page));
}

type PositionRow = ReturnType<typeof pageOfPositions>[number];

/** Tiles from a page of positions: each with its organization's aliases, one query for the page. */
function tilesOf(rows: PositionRow[]): PortfolioTile[] {
  const aliases = aliasesOf(rows.map((r) => r.organizationId));
  return rows.map(({ positionId: _positionId, statedKind: _statedKind, ...r }) => (void _positionId, void _statedKind, { ...r, aliases: aliases.get(r.organizationId) ?? [] }));
}

/**
 * Under a name filter or in a past view, the cube (count and facets) and the map's tiles
 * from ONE statement: the matching positions are read once into a materialised set, the
 * cube groups it, and the tiles are dealt from it as `dealTiles` deals them (each company
 * ranked within its segment by name, the first `limit` by rank, then by the map's order:
 * every match when they fit), the `limit` rows joined for their details. Two statements read the
 * matching positions twice (7,426 index seeks each for "robot" at scale): 61 ms of CPU
 * against 39 + 48 in-process (tests/perf/README.md, scale7).
 */
const cubeAndTilesFor = cache((key: string, limit: number): { cells: PositionCubeCell[]; rows: PositionRow[] } => {
  const f = JSON.parse(key) as PortfolioFilters;
  const m = sql.raw("m");
  const facets = facetParts({ layer: sql`m.layer`, relationship: sql`m.relationship`, status: sql`m.status`, segment: sql`m.segment` } as unknown as FacetColumns, f);
  const rows = getDb().all<PositionCubeCell & { k: number } & PositionRow>(sql`WITH ${m} AS MATERIALIZED (
      SELECT ${positions.id} AS id, ${positions.organizationId} AS organization_id, ${positions.layer} AS layer,
        ${positions.relationship} AS relationship, ${statusColumn(f)} AS status, ${positions.segment} AS segment
      FROM ${positions} WHERE ${conditions({ q: f.q, asof: f.asof }) ?? sql`1`}),
    pg AS (
      SELECT pid, status FROM (
        SELECT m.id AS pid, m.status AS status, ${layers.sortOrder} AS o1, m.segment AS o2,
          row_number() OVER (PARTITION BY m.layer, m.segment ORDER BY ${organizations.name}, ${organizations.id}) AS round
        FROM ${m} JOIN ${organizations} ON ${organizations.id} = m.organization_id JOIN ${layers} ON ${layers.slug} = m.layer
        ${facets.length ? sql`WHERE ${and(...facets)}` : sql``})
      ORDER BY round, o1, o2 LIMIT ${limit})
    SELECT 0 AS k, layer, relationship, status, segment, count(*) AS n, NULL AS organizationId, NULL AS slug, NULL AS name,
      NULL AS organizationKind, NULL AS since, NULL AS note, NULL AS positionId, NULL AS state, NULL AS o1, NULL AS o2, NULL AS o3, NULL AS o4
    FROM ${m} GROUP BY layer, relationship, status, segment
    UNION ALL
    SELECT 1, ${positions.layer}, ${positions.relationship}, pg.status, ${positions.segment}, NULL, ${organizations.id}, ${organizations.slug},
      ${organizations.name}, ${organizations.kind}, ${positions.since}, ${positions.note}, ${positions.id},
      ${stateOn("position_id", positions.id, f.asof)}, ${layers.sortOrder}, ${positions.segment}, ${organizations.name}, ${organizations.id}
    FROM pg JOIN ${positions} ON ${positions.id} = pg.pid JOIN ${organizations} ON ${organizations.id} = ${positions.organizationId}
      JOIN ${layers} ON ${layers.slug} = ${positions.layer}
    ORDER BY k, o1, o2, o3, o4`);
  const cells: PositionCubeCell[] = [];
  const page: PositionRow[] = [];
  for (const { k, n, layer, relationship, status, segment, organizationId, slug, name, organizationKind, since, note, positionId, state } of rows) {
    if (k === 0) cells.push({ layer, relationship, status, segment, n });
    else page.push({ organizationId, slug, name, organizationKind, layer, segment, relationship, status, since, note, positionId, state } as PositionRow);
  }
  return { cells, rows: page };
});

/** A segment of the selection and how many of its companies the selection holds. */
export interface SegmentCount {
  layer: Layer;
  segment: string;
  companies: number;
}

/** The selection's segments in the map's order, from the summary table. */
function segmentCounts(filters: PortfolioFilters): SegmentCount[] {
  return getDb()
    .select({ layer: positionCounts.layer, segment: positionCounts.segment, companies })
    .from(positionCounts)
    .innerJoin(layers, eq(layers.slug, positionCounts.layer))
    .where(summaryConditions(filters))
    .groupBy(positionCounts.layer, positionCounts.segment)
    .having(gt(companies, 0))
    .orderBy(asc(layers.sortOrder), asc(positionCounts.segment))
    .all();
}

/**
 * Companies in cube cells per layer and one other column, in the layers' order then the
 * column's (binary, as SQLite's ORDER BY on the summary table gives it).
 */
function cellsByLayerAnd(cells: PositionCubeCell[], key: "segment" | "relationship"): { layer: Layer; value: string; companies: number }[] {
  const order = new Map(getDb().select({ slug: layers.slug, sortOrder: layers.sortOrder }).from(layers).all().map((l) => [l.slug, l.sortOrder]));
  const out = new Map<string, { layer: Layer; value: string; companies: number }>();
  for (const c of cells) {
    const at = JSON.stringify([c.layer, c[key]]);
    const seen = out.get(at);
    if (seen) seen.companies += c.n;
    else out.set(at, { layer: c.layer as Layer, value: c[key], companies: c.n });
  }
  return [...out.values()].sort((a, b) => (order.get(a.layer) ?? 0) - (order.get(b.layer) ?? 0) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** The same from cube cells (a name filter or a past view), in the map's order. */
function segmentsOfCells(cells: PositionCubeCell[]): SegmentCount[] {
  return cellsByLayerAnd(cells, "segment").map(({ layer, value, companies }) => ({ layer, segment: value, companies }));
}

/**
 * The ids of a segment's first `n` positions under the filters, in name order. Either walk
 * organizations_name_idx until `n` of them fall in the segment (about n x organizations /
 * size rows read) or sort the segment's positions by name (all `size` of them), whichever
 * reads fewer. On the scale database, 4 of LLM's 8,651 took 11 ms sorted and 0.3 ms
 * walked; a segment of 3 walked would read all 100,000 names. SQLite's planner picks by
 * its own estimates, which chose the sort for LLM, so the plan is named here.
 */
function firstOfSegment(filters: PortfolioFilters, s: SegmentCount, n: number, organizationCount: number): number[] {
  const where = and(conditions(filters, undefined, "probe"), eq(positions.layer, s.layer), eq(positions.segment, s.segment));
  const walk = s.companies * s.companies > n * organizationCount;
  const from = walk
    ? sql`${organizations} INDEXED BY organizations_name_idx CROSS JOIN ${positions} ON ${positions.organizationId} = ${organizations.id}`
    : sql`${positions} INDEXED BY positions_layer_segment_idx JOIN ${organizations} ON ${organizations.id} = ${positions.organizationId}`;
  return getDb()
    .all<{ id: number }>(sql`SELECT ${positions.id} AS id FROM ${from} WHERE ${where} ORDER BY ${organizations.name}, ${organizations.id} LIMIT ${n}`)
    .map((r) => r.id);
}

/**
 * What the map shows: the count, the facets and its tiles. When the selection holds more
 * than `limit` companies, the tiles are dealt between its segments (`dealTiles`) and
 * `segments` says how many companies each holds, for the map to say how many it draws of
 * how many; otherwise every tile and `segments` null. Under a name filter or in a past view
 * they come from one statement (cubeAndTilesFor); otherwise from the summary table and
 * the positions' indexes, a few rows per segment.
 */
export function portfolioMap(
  filters: PortfolioFilters,
  limit: number,
): { total: number; facets: Record<FacetKey, Record<string, number>>; tiles: PortfolioTile[]; segments: SegmentCount[] | null } {
  // A past view whose summaries come from today's (dayPositionCells) deals its tiles the same
  // way, each position tested alone as the segments are read in name order.
  const day = !filters.q && filters.asof ? dayPositionCells(filters.asof) : null;
  if (!filters.q && (!filters.asof || day)) {
    const total = countPortfolio(filters);
    const facets = portfolioFacets(filters);
    if (total <= limit) return { total, facets, tiles: listPortfolioTiles(filters, { limit }), segments: null };
    const segments = day ? segmentsOfCells(cubeCells(filters)) : segmentCounts(filters);
    const dealt = dealTiles(
      segments.map((s) => s.companies),
      limit,
    );
    const organizationCount = getDb().select({ n: sql<number>`max(${organizations.id})` }).from(organizations).get()?.n ?? 0;
    const ids = segments.flatMap((s, i) => {
      const n = dealt[i] ?? 0;
      return n > 0 ? firstOfSegment(filters, s, n, organizationCount) : [];
    });
    return { total, facets, tiles: tilesOf(positionRows(filters, inArray(positions.id, ids)).all()), segments };
  }
  const { cells, rows } = cubeAndTilesFor(JSON.stringify(filters), limit);
  const passing = cellsPassing(cells, filters);
  const total = passing.reduce((sum, c) => sum + c.n, 0);
  return { total, facets: facetsOfCells(cells, filters), tiles: tilesOf(rows), segments: total > limit ? segmentsOfCells(passing) : null };
}

export function listPortfolio(filters: PortfolioFilters = {}, page: PageRequest = {}): PortfolioCompany[] {
  const rows = positionsPage(filters, page);
  const ids = rows.map((r) => r.organizationId);
  // Counted for the page's rows only, after the limit: as a column of the main query it
  // ran for every row the ORDER BY had to sort. Summed from organization_deal_counts, so a
  // company with 300,000 deals costs its few hundred summary rows, not its deals.
  const dealCounts = new Map(
    (ids.length
      ? getDb()
          .select({ organizationId: organizationDealCounts.organizationId, n: sql<number>`sum(${organizationDealCounts.deals})`.mapWith(Number) })
          .from(organizationDealCounts)
          .where(inArray(organizationDealCounts.organizationId, ids))
          .groupBy(organizationDealCounts.organizationId)
          .all()
      : []
    ).map((r) => [r.organizationId, r.n]),
  );
  const aliases = aliasesOf(ids);
  const cites = citationsFor("positionId", rows.map((r) => r.positionId), filters.asof);

  return rows.map(({ positionId, statedKind, ...r }) => ({
    ...r,
    kind: positionKind({ ...r, kind: statedKind }),
    dealCount: dealCounts.get(r.organizationId) ?? 0,
    aliases: aliases.get(r.organizationId) ?? [],
    citations: cites.get(positionId) ?? [],
  }));
}

/**
 * For each filter, how many companies each of its options would leave, given the other
 * filters as they stand (the usual faceted-search rule, so a chosen option never hides
 * its siblings).
 */
export function portfolioFacets(filters: PortfolioFilters = {}): Record<FacetKey, Record<string, number>> {
  if (filters.q || filters.asof) return facetsOfCells(positionCubeFor(cubeKey(filters)), filters);
  const db = getDb();
  const facet = (key: FacetKey) => {
    const column = positionCounts[key];
    const rows = db
      .select({ value: column, n: companies })
      .from(positionCounts)
      .where(summaryConditions(filters, key))
      .groupBy(column)
      .having(gt(companies, 0))
      .all();
    return Object.fromEntries(rows.map((r) => [r.value, r.n]));
  };
  return { layer: facet("layer"), relationship: facet("relationship"), status: facet("status"), segment: facet("segment") };
}

/**
 * Companies per layer and one other column, ordered by layer then that column: from today's
 * summary table, or in a past view from the day's cube (positionCubeFor).
 */
function companiesByLayerAnd(key: "segment" | "relationship", asof?: string): { layer: Layer; value: string; companyCount: number }[] {
  if (asof) return cellsByLayerAnd(positionCubeFor(cubeKey({ asof })), key).map(({ layer, value, companies }) => ({ layer, value, companyCount: companies }));
  return getDb()
    .select({ layer: positionCounts.layer, value: sql<string>`${positionCounts[key]}`, companyCount: companies })
    .from(positionCounts)
    .innerJoin(layers, eq(layers.slug, positionCounts.layer))
    .groupBy(positionCounts.layer, positionCounts[key])
    .having(gt(companies, 0))
    .orderBy(asc(layers.sortOrder), asc(positionCounts[key]))
    .all();
}

/** Every segment with its layer, for the filter's option list and the map's bands. */
export function listSegments(asof?: string): { layer: Layer; segment: string; companyCount: number }[] {
  return companiesByLayerAnd("segment", asof).map(({ layer, value, companyCount }) => ({ layer, segment: value, companyCount }));
}

/** Companies per layer split by relationship: the overview's stacked bar. */
export function portfolioByLayerAndRelationship(asof?: string): { layer: Layer; relationship: Relationship; companyCount: number }[] {
  return companiesByLayerAnd("relationship", asof).map(({ layer, value, companyCount }) => ({ layer, relationship: value as Relationship, companyCount }));
}

/** The columns a position's kind is read from (lib/domain/position-kinds.ts), and its layer. */
export interface PositionKindKey {
  layer: Layer;
  relationship: Relationship;
  status: PositionStatus | "reported";
  segment: string;
  organizationKind: string;
  /** The kind data/positions.json states; positionKind() falls back to reading the other columns. */
  kind: string | null;
}

/** A source paragraph cited for positions, with the columns their kind is read from. */
export interface PositionCitation extends PositionKindKey {
  citation: CitationView;
}

/**
 * Every citation of the portfolio's positions (known on `asof`), once per cited paragraph
 * and per combination of the columns positionKind reads: the overview's sources per layer,
 * per kind and per status cover every position (taken from a page of positions, the scale
 * database's first 500 were all in the basic layer, and the other layers said "no source").
 * Today's come from position_citation_groups (migration 0019), kept by triggers: a few
 * hundred rows, where grouping 82,000 position citations with their positions took ~140 ms
 * at scale. A past view groups the positions known then, as the page's other past counts do.
 * Ordered by source, then paragraph.
 */
export const positionCitations = cache((asof?: string): PositionCitation[] => {
  const rows = asof ? positionCitationsOn(asof) : positionCitationsToday();
  return rows.map((r) => ({ ...r, layer: r.layer as Layer, relationship: r.relationship as Relationship, citation: toCitationView(r.citation) }));
});

function positionCitationsToday() {
  const g = positionCitationGroups;
  return getDb()
    .select({
      layer: g.layer,
      relationship: g.relationship,
      status: sql<PositionStatus | "reported">`${g.status}`,
      segment: g.segment,
      organizationKind: g.organizationKind,
      kind: sql<string | null>`nullif(${g.kind}, '')`,
      citation: { ...citationColumns, locator: g.locator, note: sql<string | null>`nullif(${g.note}, '')` },
    })
    .from(g)
    .innerJoin(sources, eq(sources.id, g.sourceId))
    .leftJoin(paragraphs, paragraphOf(g.sourceId, g.locator))
    .where(gt(g.citations, 0))
    .orderBy(sources.slug, paragraphNumber(g.locator), g.locator, g.note)
    .all();
}

/**
 * positionCitationsOn as today's groups less the citations of the positions not known on the
 * day, when readableFromToday holds (taken out and put back as dayPositionCells does): grouping
 * every known position's citations took 310-380 ms at 82,000 positions. null otherwise.
 */
function positionCitationsFromToday(asof: string) {
  if (!readableFromToday(asof)) return null;
  const g = positionCitationGroups;
  // Only the citations the day's view shows (citedOn): today's groups of the sources published
  // by then, less and plus the positions moved, whose citations are read the same way.
  const published = publishedBy(asof);
  const cited = (status: SQL, n: number, where: SQL) => sql`SELECT coalesce(p.kind, ''), p.layer, p.relationship, ${status}, p.segment, o.kind, ${citations.sourceId}, ${citations.locator}, coalesce(${citations.note}, ''), ${n}
      FROM ${citations} JOIN ${positions} p ON p.id = ${citations.positionId} JOIN ${organizations} o ON o.id = p.organization_id
      JOIN ${sources} ON ${sources.id} = ${citations.sourceId} WHERE ${where}`;
  const rows = getDb().all<{
    kind: string; layer: string; relationship: string; status: string; segment: string; organizationKind: string;
    sourceSlug: string; sourceTitle: string; outlet: string | null; publishedDate: string | null; dateNote: string | null; estimated: number;
    locator: string; note: string; paragraphLine: string | null;
  }>(sql`SELECT d.kind, d.layer, d.relationship, d.status, d.segment, d.organization_kind AS organizationKind,
      ${sources.slug} AS sourceSlug, ${sources.title} AS sourceTitle, ${sources.outlet} AS outlet, ${sources.publishedDate} AS publishedDate,
      ${sources.dateNote} AS dateNote, ${sources.publishedDateEstimated} AS estimated, d.locator, d.note, ${paragraphs.paraphrase} AS paragraphLine
    FROM (SELECT kind, layer, relationship, status, segment, organization_kind, source_id, locator, note FROM (
        SELECT ${g.kind} AS kind, ${g.layer} AS layer, ${g.relationship} AS relationship, ${g.status} AS status, ${g.segment} AS segment,
          ${g.organizationKind} AS organization_kind, ${g.sourceId} AS source_id, ${g.locator} AS locator, ${g.note} AS note, ${g.citations} AS n
        FROM ${g} WHERE ${g.citations} <> 0 AND ${g.sourceId} IN (SELECT ${sources.id} FROM ${sources} WHERE ${published})
        UNION ALL ${cited(sql`p.status`, -1, sql`${takenOut(asof)} AND ${published}`)}
        UNION ALL ${cited(positionStatusOn(sql`p.id`, sql`p.status`, asof), 1, sql`${putBack(asof)} AND ${citedOn(asof)}`)}
      ) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(n) > 0) d
    JOIN ${sources} ON ${sources.id} = d.source_id
    LEFT JOIN ${paragraphs} ON ${paragraphOf(sql`d.source_id`, sql`d.locator`)}
    ORDER BY ${sources.slug}, ${paragraphNumber(sql`d.locator`)}, d.locator, d.note`);
  return rows.map(({ kind, layer, relationship, status, segment, organizationKind, estimated, note, ...citation }) => ({
    kind: kind === "" ? null : kind,
    layer,
    relationship,
    status: status as PositionStatus | "reported",
    segment,
    organizationKind,
    citation: { ...citation, estimated: Boolean(estimated), note: note === "" ? null : note },
  }));
}

function positionCitationsOn(asof: string) {
  const fromToday = positionCitationsFromToday(asof);
  if (fromToday) return fromToday;
  const status = statusColumn({ asof });
  return getDb()
    .select({
      layer: positions.layer,
      relationship: positions.relationship,
      status: sql<PositionStatus | "reported">`${status}`,
      segment: positions.segment,
      organizationKind: organizations.kind,
      kind: positions.kind,
      citation: citationColumns,
    })
    .from(citations)
    .innerJoin(positions, eq(positions.id, citations.positionId))
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .leftJoin(paragraphs, citedParagraph)
    .where(and(conditions({ asof }), citedOn(asof)))
    .groupBy(positions.layer, positions.relationship, status, positions.segment, organizations.kind, positions.kind, citations.sourceId, citations.locator, citations.note)
    .orderBy(sources.slug, paragraphNumber(citations.locator), citations.locator, sql`coalesce(${citations.note}, '')`)
    .all();
}

/**
 * Positions grouped by what decides their kind (lib/position-kinds.ts), each organisation
 * once: the overview's and the map's honest counts. Grouped in SQL so the page gets a few
 * dozen rows whatever the portfolio's size.
 */
export function positionKindGroups(asof?: string): (PositionKindKey & { companies: number })[] {
  if (!asof) {
    // Today's positions from the summary kept by triggers (migration 0014): a few hundred
    // rows, where grouping every position with its organization cost ~400 ms at scale.
    const t = positionKindCounts;
    return getDb()
      .select({
        kind: sql<string | null>`nullif(${t.kind}, '')`,
        layer: t.layer,
        relationship: t.relationship,
        status: t.status,
        segment: t.segment,
        organizationKind: t.organizationKind,
        companies: t.companies,
      })
      .from(t)
      .where(gt(t.companies, 0))
      .all();
  }
  const cells = dayPositionCells(asof);
  if (cells) return cells;
  return getDb()
    .select({
      kind: positions.kind,
      layer: positions.layer,
      relationship: positions.relationship,
      // In a past view the status the history had then: a stake reported, not yet denied, counts as reported.
      status: sql<PositionStatus>`${statusColumn({ asof })}`,
      segment: positions.segment,
      organizationKind: organizations.kind,
      companies: sql<number>`count(DISTINCT ${positions.organizationId})`.mapWith(Number),
    })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .where(asof ? knownOn("position_id", positions.id, asof) : undefined)
    .groupBy(positions.kind, positions.layer, positions.relationship, statusColumn({ asof }), positions.segment, organizations.kind)
    .all();
}
