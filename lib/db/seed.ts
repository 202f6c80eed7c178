import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { CitationRecord, Dataset } from "../validation/dataset";
import * as s from "./schema";
import { rebuildSearchIndex } from "./search-index";

/** The first day a partial date ("2024", "2024-02") can mean, so mixed precisions sort together. */
export function sortDateOf(date: string | null): string | null {
  if (date === null) return null;
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/**
 * The day a status change counts from in an "as of" view: the first day its own date can
 * mean when the source dates it ("2025-02" counts from 1 February), else the day its
 * earliest dated source appeared. A change dated only "on or after" or "before" is placed
 * by its source too: the date does not say when it became known.
 */
export function knownFromOf(date: string | null, qualifier: string, sourceDate: string | null): string | null {
  if (date !== null && (qualifier === "exact" || qualifier === "about")) return sortDateOf(date);
  return sourceDate;
}

/** The latest date any source carries: the "data as of" date shown on every page. */
export function dataAsOf(d: Dataset): string {
  return d.sources
    .map((x) => x.publishedDate)
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1)!;
}

/**
 * Replaces the whole content of an already migrated database with the dataset, in one
 * transaction. Rows go in in file order, so the same files always give the same ids.
 */
export function seedDatabase(sqlite: Database.Database, d: Dataset, datasetHash: string): void {
  const db = drizzle(sqlite, { schema: s });
  sqlite.pragma("foreign_keys = ON");

  sqlite.transaction(() => {
    // Children first, so the foreign keys hold at every step.
    for (const t of [
      s.paragraphs,
      s.revisionChanges,
      s.revisions,
      s.statusChanges,
      s.citations,
      s.claims,
      s.conflicts,
      s.dealTerms,
      s.dealCoInvestors,
      s.deals,
      s.financials,
      s.spending,
      s.positions,
      s.organizationAliases,
      s.fxRateSources,
      s.fxRates,
      s.organizations,
      s.layers,
      s.sources,
      s.meta,
    ]) {
      db.delete(t).run();
    }
    // Fresh ids on every seed, so "run twice" gives the same database, not ids that kept counting.
    sqlite.exec("DELETE FROM sqlite_sequence");

    const sourceId = new Map<string, number>();
    for (const x of d.sources) {
      const row = db
        .insert(s.sources)
        .values({
          slug: x.slug,
          title: x.title,
          titleNote: x.titleNote ?? null,
          outlet: x.outlet,
          publishedDate: x.publishedDate,
          dateNote: x.dateNote ?? null,
          file: x.file,
          paragraphCount: x.paragraphCount,
          publishedDateEstimated: x.publishedDateEstimated,
          summary: x.summary,
        })
        .returning({ id: s.sources.id })
        .get();
      sourceId.set(x.slug, row.id);
    }

    for (const x of d.layers) {
      db.insert(s.layers).values({ slug: x.slug, name: x.name, sortOrder: x.order, description: x.description }).run();
    }

    const cite = (c: CitationRecord, subject: Partial<s.NewCitation>) =>
      db
        .insert(s.citations)
        .values({ sourceId: sourceId.get(c.source)!, locator: c.locator, note: c.note ?? null, ...subject })
        .run();

    const orgId = new Map<string, number>();
    for (const x of d.organizations) {
      const row = db
        .insert(s.organizations)
        .values({ slug: x.slug, name: x.name, kind: x.kind, country: x.country, description: x.description })
        .returning({ id: s.organizations.id })
        .get();
      orgId.set(x.slug, row.id);
      for (const alias of x.aliases) db.insert(s.organizationAliases).values({ organizationId: row.id, alias }).run();
      for (const c of x.citations) cite(c, { organizationId: row.id });
    }
    const org = (slug: string) => orgId.get(slug)!;
    const positionId = new Map<string, number>();
    const dealId = new Map<string, number>();

    for (const x of d.positions) {
      const row = db
        .insert(s.positions)
        .values({
          organizationId: org(x.organization),
          layer: x.layer,
          segment: x.segment,
          relationship: x.relationship,
          status: x.status,
          kind: x.kind,
          mergedIntoId: x.mergedInto === null ? null : org(x.mergedInto),
          since: x.since,
          note: x.note ?? null,
        })
        .returning({ id: s.positions.id })
        .get();
      positionId.set(x.organization, row.id);
      for (const c of x.citations) cite(c, { positionId: row.id });
    }

    for (const x of d.deals) {
      const row = db
        .insert(s.deals)
        .values({
          slug: x.id,
          organizationId: org(x.organization),
          investorId: org(x.investor),
          date: x.date,
          datePrecision: x.datePrecision,
          dateQualifier: x.dateQualifier,
          sortDate: sortDateOf(x.date),
          kind: x.kind,
          status: x.status,
          amount: x.amount,
          currency: x.currency,
          qualifier: x.qualifier,
          stakePercent: x.stakePercent,
          description: x.description,
        })
        .returning({ id: s.deals.id })
        .get();
      dealId.set(x.id, row.id);
      for (const co of x.coInvestors) db.insert(s.dealCoInvestors).values({ dealId: row.id, organizationId: org(co) }).run();
      x.terms.forEach((term, i) => db.insert(s.dealTerms).values({ dealId: row.id, sortOrder: i, term }).run());
      for (const c of x.citations) cite(c, { dealId: row.id });
    }

    for (const x of d.financials) {
      const row = db
        .insert(s.financials)
        .values({
          slug: x.id,
          organizationId: org(x.organization),
          metric: x.metric,
          periodLabel: x.periodLabel,
          periodStart: x.periodStart,
          periodEnd: x.periodEnd,
          value: x.value,
          unit: x.unit,
          qualifier: x.qualifier,
          changePercent: x.changePercent,
          changeBasis: x.changeBasis ?? null,
          description: x.description,
        })
        .returning({ id: s.financials.id })
        .get();
      for (const c of x.citations) cite(c, { financialId: row.id });
    }

    for (const x of d.spending) {
      const row = db
        .insert(s.spending)
        .values({
          slug: x.id,
          organizationId: org(x.organization),
          kind: x.kind,
          scope: x.scope,
          periodLabel: x.periodLabel,
          periodStart: x.periodStart,
          periodEnd: x.periodEnd,
          amount: x.amount,
          currency: x.currency,
          qualifier: x.qualifier,
          changePercent: x.changePercent,
          description: x.description,
        })
        .returning({ id: s.spending.id })
        .get();
      for (const c of x.citations) cite(c, { spendingId: row.id });
    }

    for (const x of d.conflicts) {
      const row = db
        .insert(s.conflicts)
        .values({
          slug: x.id,
          topic: x.topic,
          organizationId: x.organization ? org(x.organization) : null,
          subject: x.subject,
          description: x.description,
          resolution: x.resolution ?? null,
        })
        .returning({ id: s.conflicts.id })
        .get();
      for (const k of x.claims) {
        db.insert(s.claims)
          .values({
            conflictId: row.id,
            sourceId: sourceId.get(k.source)!,
            locator: k.locator,
            valueText: k.value,
            numericValue: k.numericValue,
            unit: k.unit,
            isPreferred: k.preferred,
          })
          .run();
      }
    }

    for (const x of d["fx-rates"]) {
      const row = db
        .insert(s.fxRates)
        .values({ currency: x.currency, perUsd: x.perUsd, asOf: x.asOf, basis: x.basis, isDefault: x.isDefault, note: x.note })
        .returning({ id: s.fxRates.id })
        .get();
      for (const src of x.sources) db.insert(s.fxRateSources).values({ fxRateId: row.id, sourceId: sourceId.get(src)! }).run();
    }

    for (const x of d.paragraphs) {
      db.insert(s.paragraphs)
        .values({ sourceId: sourceId.get(x.source)!, paragraph: x.paragraph, paraphrase: x.supports })
        .run();
    }

    const sourceDate = new Map(d.sources.map((x) => [x.slug, x.publishedDate]));
    for (const x of d["status-changes"]) {
      const [kind, key] = x.subject.split(":") as ["deal" | "position", string];
      const first = x.citations[0]!;
      const dated = x.citations.map((c) => sourceDate.get(c.source)).filter((v): v is string => !!v).sort()[0] ?? null;
      db.insert(s.statusChanges)
        .values({
          dealId: kind === "deal" ? dealId.get(key)! : null,
          positionId: kind === "position" ? positionId.get(key)! : null,
          state: x.state,
          date: x.date,
          datePrecision: x.datePrecision,
          dateQualifier: x.dateQualifier,
          knownFrom: knownFromOf(x.date, x.dateQualifier, dated),
          sourceId: sourceId.get(first.source)!,
          locator: first.locator,
          note: x.note,
        })
        .run();
    }

    // The seed's revision is dated by its data (the newest source), not the clock, so the
    // same files always give the same database.
    const records = d.sources.length + d.organizations.length + d.deals.length + d.financials.length + d.spending.length;
    db.insert(s.revisions)
      .values({ kind: "seed", at: `${dataAsOf(d)}T00:00:00.000Z`, fileName: "data/*.json", fileHash: datasetHash, rowsAdded: records, rowsUpdated: 0 })
      .run();

    db.insert(s.meta)
      .values([
        { key: "dataset_hash", value: datasetHash },
        { key: "data_as_of", value: dataAsOf(d) },
      ])
      .run();
    rebuildSearchIndex(sqlite);
  })();
}
