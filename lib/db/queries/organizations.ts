import "server-only";
import { type SQL, and, asc, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { layers, organizations, positions } from "@/lib/db/schema";
import type { Layer, PositionStatus, Relationship } from "@/lib/domain/vocabulary";
import { factKnownOn, knownOn, organizationKnownOn, positionStatusOn } from "./asof";
import { type CitationView, citationsFor } from "./citations";
import { aliasesOf, nameMatches } from "./portfolio";

export interface OrganizationSummary {
  id: number;
  slug: string;
  name: string;
  kind: string;
  country: string | null;
  description: string;
  aliases: string[];
  layer: Layer | null;
  segment: string | null;
  relationship: Relationship | null;
  status: PositionStatus | null;
}

export interface OrganizationProfile extends OrganizationSummary {
  layerName: string | null;
  since: string | null;
  positionNote: string | null;
  citations: CitationView[];
  positionCitations: CitationView[];
}

export interface OrganizationFilters {
  kind?: string;
  layer?: Layer;
  relationship?: Relationship;
  status?: PositionStatus;
  q?: string;
  /** A past view: only organisations a source published by this day names, with their position as it stood then. */
  asof?: string;
}

/** The position joined to an organisation: in a past view only once a source had it. */
function positionJoin(f: OrganizationFilters): SQL | undefined {
  const on = eq(positions.organizationId, organizations.id);
  return f.asof ? and(on, knownOn("position_id", positions.id, f.asof)) : on;
}

function statusColumn(f: OrganizationFilters) {
  return f.asof ? sql<PositionStatus>`CASE WHEN ${positions.id} IS NULL THEN NULL ELSE ${positionStatusOn(positions.id, positions.status, f.asof)} END` : positions.status;
}

function conditions(f: OrganizationFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.kind) parts.push(eq(organizations.kind, f.kind as never));
  if (f.layer) parts.push(eq(positions.layer, f.layer));
  if (f.relationship) parts.push(eq(positions.relationship, f.relationship));
  if (f.status) parts.push(sql`${statusColumn(f)} = ${f.status}`);
  if (f.q) parts.push(nameMatches(f.q));
  if (f.asof) parts.push(organizationKnownOn(organizations.id, f.asof));
  return parts.length ? and(...parts) : undefined;
}

const summaryColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  kind: organizations.kind,
  country: organizations.country,
  description: organizations.description,
  layer: positions.layer,
  segment: positions.segment,
  relationship: positions.relationship,
  status: positions.status,
};

export function countOrganizations(filters: OrganizationFilters = {}): number {
  return (
    getDb()
      .select({ n: count() })
      .from(organizations)
      .leftJoin(positions, positionJoin(filters))
      .where(conditions(filters))
      .get()?.n ?? 0
  );
}

export function listOrganizations(
  filters: OrganizationFilters = {},
  page: { limit?: number; offset?: number } = {},
): OrganizationSummary[] {
  const rows = getDb()
    .select({ ...summaryColumns, status: sql<PositionStatus | null>`${statusColumn(filters)}` })
    .from(organizations)
    .leftJoin(positions, positionJoin(filters))
    .where(conditions(filters))
    .orderBy(asc(organizations.name))
    .limit(page.limit ?? 500)
    .offset(page.offset ?? 0)
    .all();
  const aliases = aliasesOf(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
}

/** With `asof` (a past view), its position only once a source had it, with the status of that day. */
export function getOrganizationBySlug(slug: string, asof?: string): OrganizationProfile | null {
  const row = getDb()
    .select({
      ...summaryColumns,
      status: sql<PositionStatus | null>`${statusColumn({ asof })}`,
      layerName: layers.name,
      since: positions.since,
      positionNote: positions.note,
      positionId: positions.id,
    })
    .from(organizations)
    // One position: probed (factKnownOn), not matched against the list of every position known by then.
    .leftJoin(positions, and(eq(positions.organizationId, organizations.id), asof ? factKnownOn("position_id", positions.id, asof) : undefined))
    .leftJoin(layers, eq(layers.slug, positions.layer))
    .where(eq(organizations.slug, slug))
    .get();
  if (!row) return null;
  const { positionId, ...rest } = row;
  return {
    ...rest,
    aliases: aliasesOf([row.id]).get(row.id) ?? [],
    citations: citationsFor("organizationId", [row.id], asof).get(row.id) ?? [],
    positionCitations: positionId ? (citationsFor("positionId", [positionId], asof).get(positionId) ?? []) : [],
  };
}

