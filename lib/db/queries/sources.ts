import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { getDb, prepared } from "@/lib/db/client";
import { claims, conflicts, organizations, sourceFactCounts, sources } from "@/lib/db/schema";
import { publishedBy } from "./citations";

/** Distinct facts citing a source (a fact cited at three paragraphs counts once). */
export interface SourceContribution {
  organizations: number;
  positions: number;
  deals: number;
  financials: number;
  spending: number;
  /** Claims this source makes in conflicts, and the conflicts they sit in. */
  claims: number;
  conflicts: number;
}

export interface SourceView {
  id: number;
  slug: string;
  title: string;
  titleNote: string | null;
  outlet: string | null;
  publishedDate: string | null;
  dateNote: string | null;
  summary: string;
  /** Facts citing this source, by kind of fact. */
  contributions: SourceContribution;
}

/** How many articles the record is built from (in a past view, those published by that day), for every page's footer. */
export function countSources(asof?: string): number {
  // Compiled once per connection, like getDataAsOf beside it: both run on every page.
  const stmt = asof
    ? prepared("countSources:past", (db) => db.select({ n: count() }).from(sources).where(publishedBy(sql.placeholder("asof"))).prepare())
    : prepared("countSources", (db) => db.select({ n: count() }).from(sources).prepare());
  return stmt.get(asof ? { asof } : {})?.n ?? 0;
}

/** Every source, or in a past view those published by that day (an undated source never counts). */
export function listSources(asof?: string): SourceView[] {
  const db = getDb();
  const rows = db
    .select()
    .from(sources)
    .where(asof ? publishedBy(asof) : undefined)
    .orderBy(asc(sources.slug))
    .all();
  // Per source and kind of fact, from the summary kept by triggers (migration 0009).
  const facts = new Map<string, number>(
    db
      .select({ sourceId: sourceFactCounts.sourceId, kind: sourceFactCounts.kind, facts: sourceFactCounts.facts })
      .from(sourceFactCounts)
      .all()
      .map((r) => [`${r.sourceId}:${r.kind}`, r.facts]),
  );
  const claimCounts = db
    .select({ sourceId: claims.sourceId, n: count(), conflicts: sql<number>`count(DISTINCT ${claims.conflictId})` })
    .from(claims)
    .groupBy(claims.sourceId)
    .all();
  return rows.map((s) => {
    const c = (kind: string) => facts.get(`${s.id}:${kind}`) ?? 0;
    return {
      id: s.id,
      slug: s.slug,
      title: s.title,
      titleNote: s.titleNote,
      outlet: s.outlet,
      publishedDate: s.publishedDate,
      dateNote: s.dateNote,
      summary: s.summary,
      contributions: {
        organizations: c("organization"),
        positions: c("position"),
        deals: c("deal"),
        financials: c("financial"),
        spending: c("spending"),
        claims: claimCounts.find((x) => x.sourceId === s.id)?.n ?? 0,
        conflicts: claimCounts.find((x) => x.sourceId === s.id)?.conflicts ?? 0,
      },
    };
  });
}

export interface ClaimView {
  sourceSlug: string;
  sourceTitle: string;
  outlet: string | null;
  publishedDate: string | null;
  locator: string;
  value: string;
  numericValue: number | null;
  unit: string | null;
  preferred: boolean;
}

export interface ConflictView {
  id: number;
  slug: string;
  topic: string;
  organization: { slug: string; name: string } | null;
  subject: string | null;
  description: string;
  resolution: string | null;
  claims: ClaimView[];
  /**
   * In a past view, how many of its claims came out after the day (absent when none did):
   * its description and reading were written from every claim, and may name those.
   */
  claimsLater?: number;
}

type ClaimRow = Omit<ClaimView, "sourceSlug" | "sourceTitle" | "outlet" | "locator" | "value" | "preferred">;

/**
 * What a claim says, to tell claims that agree from claims that differ: its number and unit.
 * The value text is our wording of it, annotated ("also in its headline"), so two claims of
 * 53 bn dollars read differently there. A claim without a number says it in words only; that
 * is one value, apart from every number (a "recent entrant" against "since 2009").
 */
function claimValue(k: ClaimRow): string {
  return k.numericValue === null ? "" : `${k.numericValue} ${k.unit ?? ""}`;
}

/**
 * Whether a disagreement existed among the claims published by a day (`known`), of all the
 * claims a past view can count (`dated`): two known claims of different values. A conflict
 * whose dated claims all give one value disputes something the values do not hold (what
 * Microsoft's 80 bn dollars buy), so which of them disagree cannot be read; it is shown only
 * once all of them are published, when the disagreement certainly existed.
 */
function disagreedBy(known: ClaimRow[], dated: ClaimRow[]): boolean {
  const values = (claims: ClaimRow[]) => new Set(claims.map(claimValue)).size;
  if (values(dated) > 1) return values(known) > 1;
  return known.length >= 2 && known.length === dated.length;
}

/**
 * Every conflict with its claims. In a past view (`asof`) a claim counts once its source
 * was published, and a conflict exists only once two of those claims differ (disagreedBy):
 * before that there was nothing to disagree with. Its claims are then only those.
 */
export function listConflicts(filters: { organization?: string; subject?: string; asof?: string } = {}): ConflictView[] {
  const db = getDb();
  const rows = db
    .select({
      id: conflicts.id,
      slug: conflicts.slug,
      topic: conflicts.topic,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      subject: conflicts.subject,
      description: conflicts.description,
      resolution: conflicts.resolution,
    })
    .from(conflicts)
    .leftJoin(organizations, eq(organizations.id, conflicts.organizationId))
    .orderBy(asc(conflicts.id))
    .all()
    .filter((c) => (!filters.organization || c.orgSlug === filters.organization) && (!filters.subject || c.subject === filters.subject));
  const claimRows = db
    .select({
      conflictId: claims.conflictId,
      sourceSlug: sources.slug,
      sourceTitle: sources.title,
      outlet: sources.outlet,
      publishedDate: sources.publishedDate,
      locator: claims.locator,
      value: claims.valueText,
      numericValue: claims.numericValue,
      unit: claims.unit,
      preferred: claims.isPreferred,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .orderBy(asc(claims.id))
    .all();
  const asof = filters.asof;
  const out: ConflictView[] = [];
  for (const { orgSlug, orgName, ...c } of rows) {
    const all = claimRows.filter((k) => k.conflictId === c.id).map(({ conflictId, ...k }) => (void conflictId, k));
    const conflict = { ...c, organization: orgSlug && orgName ? { slug: orgSlug, name: orgName } : null };
    if (!asof) {
      out.push({ ...conflict, claims: all });
      continue;
    }
    const known = all.filter((k) => k.publishedDate !== null && k.publishedDate <= asof);
    if (!disagreedBy(known, all.filter((k) => k.publishedDate !== null))) continue;
    out.push(known.length < all.length ? { ...conflict, claims: known, claimsLater: all.length - known.length } : { ...conflict, claims: known });
  }
  return out;
}
