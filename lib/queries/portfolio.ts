import "server-only";
import { type SQL, and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { deals, layers, organizationAliases, organizations, positions } from "@/db/schema";
import type { Layer, PositionStatus, Relationship } from "@/lib/validation/dataset";
import { type CitationView, citationsFor, likePattern } from "./citations";

export interface PortfolioFilters {
  layer?: Layer;
  relationship?: Relationship;
  status?: PositionStatus;
  segment?: string;
  q?: string;
}

export type FacetKey = "layer" | "relationship" | "status" | "segment";

export interface LayerSummary {
  slug: Layer;
  name: string;
  sortOrder: number;
  description: string;
  companyCount: number;
}

export interface PortfolioCompany {
  organizationId: number;
  slug: string;
  name: string;
  aliases: string[];
  layer: Layer;
  segment: string;
  relationship: Relationship;
  status: PositionStatus;
  since: string | null;
  note: string | null;
  dealCount: number;
  citations: CitationView[];
}

/** Organization name or any alias contains the text, case-insensitively. */
export function nameMatches(q: string): SQL {
  const pattern = likePattern(q);
  return sql`(lower(${organizations.name}) LIKE ${pattern} ESCAPE '\\' OR EXISTS (
    SELECT 1 FROM ${organizationAliases}
    WHERE ${organizationAliases.organizationId} = ${organizations.id}
      AND lower(${organizationAliases.alias}) LIKE ${pattern} ESCAPE '\\'))`;
}

function conditions(f: PortfolioFilters, except?: FacetKey): SQL | undefined {
  const parts: SQL[] = [];
  if (f.layer && except !== "layer") parts.push(eq(positions.layer, f.layer));
  if (f.relationship && except !== "relationship") parts.push(eq(positions.relationship, f.relationship));
  if (f.status && except !== "status") parts.push(eq(positions.status, f.status));
  if (f.segment && except !== "segment") parts.push(eq(positions.segment, f.segment));
  if (f.q) parts.push(nameMatches(f.q));
  return parts.length ? and(...parts) : undefined;
}

export function listLayers(): LayerSummary[] {
  return getDb()
    .select({
      slug: layers.slug,
      name: layers.name,
      sortOrder: layers.sortOrder,
      description: layers.description,
      companyCount: sql<number>`(SELECT count(*) FROM ${positions} WHERE ${positions.layer} = ${layers.slug})`,
    })
    .from(layers)
    .orderBy(asc(layers.sortOrder))
    .all();
}

export function countPortfolio(filters: PortfolioFilters = {}): number {
  return (
    getDb()
      .select({ n: count() })
      .from(positions)
      .innerJoin(organizations, eq(organizations.id, positions.organizationId))
      .where(conditions(filters))
      .get()?.n ?? 0
  );
}

export function listPortfolio(
  filters: PortfolioFilters = {},
  page: { limit?: number; offset?: number } = {},
): PortfolioCompany[] {
  const db = getDb();
  const rows = db
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      layer: positions.layer,
      segment: positions.segment,
      relationship: positions.relationship,
      status: positions.status,
      since: positions.since,
      note: positions.note,
      positionId: positions.id,
      dealCount: sql<number>`(SELECT count(*) FROM ${deals} WHERE ${deals.organizationId} = ${organizations.id})`,
    })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .innerJoin(layers, eq(layers.slug, positions.layer))
    .where(conditions(filters))
    .orderBy(asc(layers.sortOrder), asc(positions.segment), asc(organizations.name))
    .limit(page.limit ?? 500)
    .offset(page.offset ?? 0)
    .all();

  const ids = rows.map((r) => r.organizationId);
  const aliasRows = ids.length
    ? db
        .select({ organizationId: organizationAliases.organizationId, alias: organizationAliases.alias })
        .from(organizationAliases)
        .where(inArray(organizationAliases.organizationId, ids))
        .orderBy(asc(organizationAliases.id))
        .all()
    : [];
  const aliases = new Map<number, string[]>();
  for (const a of aliasRows) aliases.set(a.organizationId, [...(aliases.get(a.organizationId) ?? []), a.alias]);
  const cites = citationsFor("positionId", rows.map((r) => r.positionId));

  return rows.map(({ positionId, ...r }) => ({
    ...r,
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
  const db = getDb();
  const facet = (key: FacetKey) => {
    const column = { layer: positions.layer, relationship: positions.relationship, status: positions.status, segment: positions.segment }[key];
    const rows = db
      .select({ value: column, n: count() })
      .from(positions)
      .innerJoin(organizations, eq(organizations.id, positions.organizationId))
      .where(conditions(filters, key))
      .groupBy(column)
      .all();
    return Object.fromEntries(rows.map((r) => [r.value, r.n]));
  };
  return { layer: facet("layer"), relationship: facet("relationship"), status: facet("status"), segment: facet("segment") };
}

/** Every segment with its layer, for the filter's option list and the map's bands. */
export function listSegments(): { layer: Layer; segment: string; companyCount: number }[] {
  return getDb()
    .select({ layer: positions.layer, segment: positions.segment, companyCount: count() })
    .from(positions)
    .innerJoin(layers, eq(layers.slug, positions.layer))
    .groupBy(positions.layer, positions.segment)
    .orderBy(asc(layers.sortOrder), asc(positions.segment))
    .all();
}

/** Companies per layer split by relationship: the overview's stacked bar. */
export function portfolioByLayerAndRelationship(): { layer: Layer; relationship: Relationship; companyCount: number }[] {
  return getDb()
    .select({ layer: positions.layer, relationship: positions.relationship, companyCount: count() })
    .from(positions)
    .innerJoin(layers, eq(layers.slug, positions.layer))
    .groupBy(positions.layer, positions.relationship)
    .orderBy(asc(layers.sortOrder), asc(positions.relationship))
    .all();
}
