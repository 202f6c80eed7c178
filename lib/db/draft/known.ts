import type Database from "better-sqlite3";
import type { Cells } from "../../validation/import";
import type { KnownOrganization } from "./extract";

/** A number a fact in the database states, with what it is in (a currency, "percent", a unit). */
export interface KnownNumber {
  value: number;
  unit: string;
}

export interface KnownFact {
  /** A claim is one side of a recorded disagreement (conflicts): held, but not an import record. */
  type: "deal" | "financial" | "spending" | "claim";
  slug: string;
  organization: string;
  numbers: KnownNumber[];
  /** "source ¶N" of every citation. */
  cited: string[];
}

export interface Known {
  organizations: KnownOrganization[];
  facts: KnownFact[];
  source: { slug: string; title: string; publishedDate: string | null; paragraphCount: number | null } | null;
}

type Row = Record<string, unknown>;

/** Everything db:draft compares an article with: names and aliases, and the numbers each fact states. */
export function loadKnown(db: Database.Database, sourceSlug: string): Known {
  const all = (q: string, ...p: unknown[]) => db.prepare(q).all(...p) as Row[];
  const names = new Map<string, string[]>();
  for (const r of all(
    `SELECT o.slug, o.name AS n FROM organizations o
     UNION ALL SELECT o.slug, a.alias FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id`,
  )) {
    names.set(r.slug as string, [...(names.get(r.slug as string) ?? []), r.n as string]);
  }
  const cites = new Map<string, string[]>();
  for (const r of all(
    `SELECT CASE WHEN c.deal_id IS NOT NULL THEN 'deal:' || c.deal_id WHEN c.financial_id IS NOT NULL THEN 'financial:' || c.financial_id
            ELSE 'spending:' || c.spending_id END AS k, s.slug || ' ' || c.locator AS cite
     FROM citations c JOIN sources s ON s.id = c.source_id
     WHERE c.deal_id IS NOT NULL OR c.financial_id IS NOT NULL OR c.spending_id IS NOT NULL`,
  )) {
    cites.set(r.k as string, [...(cites.get(r.k as string) ?? []), r.cite as string]);
  }
  const facts: KnownFact[] = [];
  const push = (type: KnownFact["type"], r: Row, numbers: (KnownNumber | null)[]) =>
    facts.push({
      type,
      slug: r.slug as string,
      organization: r.org as string,
      numbers: numbers.filter((n): n is KnownNumber => n !== null && Number.isFinite(n.value)),
      cited: cites.get(`${type}:${r.id}`) ?? [],
    });
  const n = (value: unknown, unit: unknown): KnownNumber | null => (value === null || value === undefined || unit === null ? null : { value: Number(value), unit: String(unit) });
  for (const r of all("SELECT d.id, d.slug, o.slug AS org, d.amount, d.currency, d.stake_percent FROM deals d JOIN organizations o ON o.id = d.organization_id")) {
    push("deal", r, [n(r.amount, r.currency), n(r.stake_percent, "percent")]);
  }
  for (const r of all("SELECT f.id, f.slug, o.slug AS org, f.value, f.unit, f.change_percent FROM financials f JOIN organizations o ON o.id = f.organization_id")) {
    push("financial", r, [n(r.value, r.unit), n(r.change_percent === null ? null : Math.abs(Number(r.change_percent)), "percent")]);
  }
  for (const r of all("SELECT s.id, s.slug, o.slug AS org, s.amount, s.currency, s.change_percent FROM spending s JOIN organizations o ON o.id = s.organization_id")) {
    push("spending", r, [n(r.amount, r.currency), n(r.change_percent === null ? null : Math.abs(Number(r.change_percent)), "percent")]);
  }
  for (const r of all(
    `SELECT k.id, c.slug, coalesce(o.slug, '') AS org, k.numeric_value, k.unit, s.slug || ' ' || k.locator AS cite
     FROM claims k JOIN conflicts c ON c.id = k.conflict_id JOIN sources s ON s.id = k.source_id
     LEFT JOIN organizations o ON o.id = c.organization_id WHERE k.numeric_value IS NOT NULL AND k.unit IS NOT NULL`,
  )) {
    facts.push({ type: "claim", slug: r.slug as string, organization: r.org as string, numbers: [{ value: Math.abs(Number(r.numeric_value)), unit: String(r.unit) }], cited: [r.cite as string] });
  }
  const src = db.prepare("SELECT slug, title, published_date, paragraph_count FROM sources WHERE slug = ?").get(sourceSlug) as Row | undefined;
  return {
    organizations: [...names].map(([slug, list]) => ({ slug, names: list })),
    facts,
    source: src
      ? { slug: src.slug as string, title: src.title as string, publishedDate: (src.published_date as string) ?? null, paragraphCount: (src.paragraph_count as number) ?? null }
      : null,
  };
}

/**
 * A fact already in the database as the import's cells, with `extraCitation` added when it
 * is not cited yet: a draft row for a known fact then plans as "unchanged" (or "update:
 * sources" when the article is a new source for it), never as a duplicate.
 */
export function recordCells(db: Database.Database, type: Exclude<KnownFact["type"], "claim">, slug: string, extraCitation: string): Cells {
  const get = (q: string) => db.prepare(q).get(slug) as Row;
  const list = (q: string, id: unknown) => (db.prepare(q).all(id) as Row[]).map((r) => String(r.v));
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const column = `${type}_id`;
  const table = type === "deal" ? "deals" : type === "financial" ? "financials" : "spending";
  const r = get(`SELECT t.*, o.slug AS org FROM ${table} t JOIN organizations o ON o.id = t.organization_id WHERE t.slug = ?`);
  const cited = list(`SELECT s.slug || ' ' || c.locator AS v FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.${column} = ? ORDER BY c.id`, r.id);
  if (!cited.includes(extraCitation)) cited.push(extraCitation);
  const base: Cells = { record: type, id: slug, organization: str(r.org), description: str(r.description), sources: cited.join("; "), qualifier: str(r.qualifier) };
  if (type === "deal") {
    const investor = (db.prepare("SELECT slug FROM organizations WHERE id = ?").get(r.investor_id) as Row).slug;
    return {
      ...base,
      investor: str(investor),
      date: str(r.date),
      date_precision: str(r.date_precision),
      date_qualifier: str(r.date_qualifier),
      kind: str(r.kind),
      status: str(r.status),
      amount: str(r.amount),
      currency: str(r.currency),
      stake_percent: str(r.stake_percent),
      co_investors: list("SELECT o.slug AS v FROM deal_co_investors d JOIN organizations o ON o.id = d.organization_id WHERE d.deal_id = ? ORDER BY o.slug", r.id).join("; "),
      terms: list("SELECT term AS v FROM deal_terms WHERE deal_id = ? ORDER BY sort_order", r.id).join("; "),
    };
  }
  if (type === "financial") {
    return {
      ...base,
      metric: str(r.metric),
      period_label: str(r.period_label),
      period_start: str(r.period_start),
      period_end: str(r.period_end),
      value: str(r.value),
      unit: str(r.unit),
      change_percent: str(r.change_percent),
      change_basis: str(r.change_basis),
    };
  }
  return {
    ...base,
    kind: str(r.kind),
    scope: str(r.scope),
    period_label: str(r.period_label),
    period_start: str(r.period_start),
    period_end: str(r.period_end),
    amount: str(r.amount),
    currency: str(r.currency),
    change_percent: str(r.change_percent),
  };
}
