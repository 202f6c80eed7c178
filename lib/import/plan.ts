import type Database from "better-sqlite3";
import { type ImportRecord, parseRow, type RecordType } from "../validation/import";
import type { RawRow } from "./read";

export interface ImportProblem {
  row: number | null;
  column: string | null;
  record: string | null;
  message: string;
}

export type Action = "insert" | "update" | "unchanged";

export interface PlannedChange {
  row: number;
  type: RecordType;
  key: string;
  action: Action;
  /** For an update, the fields that differ from the database. */
  fields: string[];
  record: ImportRecord;
}

export interface Plan {
  problems: ImportProblem[];
  changes: PlannedChange[];
}

const TYPE_ORDER: Record<RecordType, number> = { source: 0, organization: 1, deal: 2, financial: 3, spending: 4 };
const TABLE: Record<RecordType, string> = {
  source: "sources",
  organization: "organizations",
  deal: "deals",
  financial: "financials",
  spending: "spending",
};
const CITED_BY: Partial<Record<RecordType, string>> = {
  organization: "organization_id",
  deal: "deal_id",
  financial: "financial_id",
  spending: "spending_id",
};

type Row = Record<string, unknown>;

/** The columns an import writes, as the database stores them, for comparing with what is there. */
export function columnsOf(r: ImportRecord, orgId: (slug: string) => number | null): Row {
  switch (r.type) {
    case "source":
      return { title: r.value.title, outlet: r.value.outlet, published_date: r.value.publishedDate, url: r.value.url, summary: r.value.summary };
    case "organization":
      return { name: r.value.name, kind: r.value.kind, country: r.value.country, description: r.value.description };
    case "deal": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), investor_id: orgId(v.investor), date: v.date, date_precision: v.datePrecision,
        date_qualifier: v.dateQualifier, kind: v.kind, status: v.status, amount: v.amount, currency: v.currency,
        qualifier: v.qualifier, stake_percent: v.stakePercent, description: v.description,
      };
    }
    case "financial": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), metric: v.metric, period_label: v.periodLabel, period_start: v.periodStart,
        period_end: v.periodEnd, value: v.value, unit: v.unit, qualifier: v.qualifier, change_percent: v.changePercent,
        change_basis: v.changeBasis ?? null, description: v.description,
      };
    }
    case "spending": {
      const v = r.value;
      return {
        organization_id: orgId(v.organization), kind: v.kind, scope: v.scope, period_label: v.periodLabel,
        period_start: v.periodStart, period_end: v.periodEnd, amount: v.amount, currency: v.currency,
        qualifier: v.qualifier, change_percent: v.changePercent, description: v.description,
      };
    }
  }
}

export function citationsOf(r: ImportRecord): { source: string; locator: string }[] {
  return r.type === "source" ? [] : r.value.citations.map((c) => ({ source: c.source, locator: c.locator }));
}

/**
 * Validates every row and compares it with the database, collecting every problem rather
 * than stopping at the first, so the analyst fixes the file in one pass. Reads only.
 */
export function planImport(db: Database.Database, rows: RawRow[], onProgress?: (done: number) => void): Plan {
  const problems: ImportProblem[] = [];
  const parsed: { row: number; record: ImportRecord }[] = [];

  rows.forEach((raw, i) => {
    const { record, problems: cellProblems } = parseRow(raw.cells);
    const key = raw.cells.id?.trim() || null;
    for (const p of cellProblems) problems.push({ row: raw.row, column: p.column, record: key, message: p.message });
    if (record) parsed.push({ row: raw.row, record });
    if (onProgress && (i + 1) % 50_000 === 0) onProgress(i + 1);
  });

  const q = {
    source: db.prepare("SELECT id, paragraph_count FROM sources WHERE slug = ?"),
    org: db.prepare("SELECT id FROM organizations WHERE slug = ?"),
    orgByName: db.prepare(
      `SELECT o.slug FROM organizations o WHERE lower(o.name) = lower(?)
       UNION SELECT o.slug FROM organization_aliases a JOIN organizations o ON o.id = a.organization_id WHERE lower(a.alias) = lower(?)`,
    ),
    sourceByTitle: db.prepare("SELECT slug FROM sources WHERE lower(title) = lower(?)"),
    dealTwin: db.prepare(
      `SELECT slug FROM deals WHERE organization_id = ? AND investor_id = ? AND kind = ? AND date IS ? AND amount IS ?`,
    ),
    financialTwin: db.prepare(
      `SELECT slug FROM financials WHERE organization_id = ? AND metric = ? AND period_label = ? AND value = ? AND unit = ?`,
    ),
    spendingTwin: db.prepare(
      `SELECT slug FROM spending WHERE organization_id = ? AND kind = ? AND scope = ? AND period_start = ? AND period_end = ?`,
    ),
  };
  const existing = Object.fromEntries(
    (Object.keys(TABLE) as RecordType[]).map((t) => [t, db.prepare(`SELECT * FROM ${TABLE[t]} WHERE slug = ?`)]),
  ) as Record<RecordType, Database.Statement>;
  const existingCitations = Object.fromEntries(
    Object.entries(CITED_BY).map(([t, col]) => [
      t,
      db.prepare(`SELECT s.slug AS source, c.locator FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.${col} = ? ORDER BY c.id`),
    ]),
  ) as Partial<Record<RecordType, Database.Statement>>;

  // What the file itself adds, so a deal may cite a source or name a company from the same file.
  const fileSources = new Map<string, number>();
  const fileOrgs = new Map<string, number>();
  const firstRow = new Map<string, number>();
  for (const { row, record } of parsed) {
    const id = `${record.type}:${record.key}`;
    const first = firstRow.get(id);
    if (first !== undefined) {
      problems.push({ row, column: "id", record: record.key, message: `the same ${record.type} id as row ${first}; give each record once` });
      continue;
    }
    firstRow.set(id, row);
    if (record.type === "source") fileSources.set(record.key, row);
    if (record.type === "organization") fileOrgs.set(record.key, row);
  }

  const orgId = (slug: string) => (q.org.get(slug) as { id: number } | undefined)?.id ?? null;
  const knownOrg = (slug: string) => fileOrgs.has(slug) || orgId(slug) !== null;

  const changes: PlannedChange[] = [];
  const naturalKeys = new Map<string, number>();
  parsed.forEach(({ row, record }, i) => {
    const push = (column: string | null, message: string) => problems.push({ row, column, record: record.key, message });
    if (firstRow.get(`${record.type}:${record.key}`) !== row) return;

    // References: organizations and sources must exist in the database or in this file.
    if (record.type === "deal" || record.type === "financial" || record.type === "spending") {
      if (!knownOrg(record.value.organization)) push("organization", `unknown organization "${record.value.organization}": add an organization row first, or use an existing slug`);
    }
    if (record.type === "deal") {
      if (!knownOrg(record.value.investor)) push("investor", `unknown organization "${record.value.investor}"`);
      for (const co of record.value.coInvestors) if (!knownOrg(co)) push("co_investors", `unknown organization "${co}"`);
    }
    for (const c of citationsOf(record)) {
      const src = q.source.get(c.source) as { id: number; paragraph_count: number | null } | undefined;
      if (!src && !fileSources.has(c.source)) {
        push("sources", `unknown source "${c.source}": add a source row first, or use an existing source slug`);
      } else if (src?.paragraph_count && Number(c.locator.slice(1).split("-").at(-1)) > src.paragraph_count) {
        push("sources", `${c.locator} is past the end of "${c.source}" (${src.paragraph_count} paragraphs)`);
      }
    }

    const before = existing[record.type].get(record.key) as Row | undefined;

    // A different id for a fact already in the database (or earlier in the file) is a duplicate, not an update.
    let twin: string | undefined;
    let natural: string | null = null;
    if (record.type === "source") {
      twin = (q.sourceByTitle.get(record.value.title) as { slug: string } | undefined)?.slug;
      natural = `source:${record.value.title.toLowerCase()}`;
    } else if (record.type === "organization") {
      for (const name of [record.value.name, ...record.value.aliases]) {
        const owners = (q.orgByName.all(name, name) as { slug: string }[]).map((r) => r.slug).filter((s) => s !== record.key);
        if (owners.length) {
          twin = owners[0];
          break;
        }
      }
      natural = `organization:${record.value.name.toLowerCase()}`;
    } else if (record.type === "deal") {
      const v = record.value;
      const o = orgId(v.organization);
      const inv = orgId(v.investor);
      if (o !== null && inv !== null) twin = (q.dealTwin.get(o, inv, v.kind, v.date, v.amount) as { slug: string } | undefined)?.slug;
      natural = `deal:${v.organization}|${v.investor}|${v.kind}|${v.date}|${v.amount}`;
    } else if (record.type === "financial") {
      const v = record.value;
      const o = orgId(v.organization);
      if (o !== null) twin = (q.financialTwin.get(o, v.metric, v.periodLabel, v.value, v.unit) as { slug: string } | undefined)?.slug;
      natural = `financial:${v.organization}|${v.metric}|${v.periodLabel}|${v.value}|${v.unit}`;
    } else {
      const v = record.value;
      const o = orgId(v.organization);
      if (o !== null) twin = (q.spendingTwin.get(o, v.kind, v.scope, v.periodStart, v.periodEnd) as { slug: string } | undefined)?.slug;
      natural = `spending:${v.organization}|${v.kind}|${v.scope}|${v.periodStart}|${v.periodEnd}`;
    }
    if (twin && twin !== record.key) {
      push("id", `duplicates ${record.type} "${twin}" already in the database; to change it, use id "${twin}"`);
      return;
    }
    const sameInFile = natural ? naturalKeys.get(natural) : undefined;
    if (sameInFile !== undefined) {
      push("id", `states the same ${record.type} as row ${sameInFile}`);
      return;
    }
    if (natural) naturalKeys.set(natural, row);

    let action: Action = "insert";
    let fields: string[] = [];
    if (before) {
      const after = columnsOf(record, orgId);
      fields = Object.keys(after).filter((k) => after[k] !== before[k]);
      const stmt = existingCitations[record.type];
      if (stmt) {
        const was = JSON.stringify(stmt.all(before.id as number));
        if (was !== JSON.stringify(citationsOf(record))) fields.push("sources");
      }
      action = fields.length ? "update" : "unchanged";
    }
    changes.push({ row, type: record.type, key: record.key, action, fields, record });
    if (onProgress && (i + 1) % 50_000 === 0) onProgress(rows.length + i + 1);
  });

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  changes.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.row - b.row);
  return { problems, changes };
}
