import { z } from "zod";
import {
  dealSchema,
  defaultPositionKind,
  financialSchema,
  organizationSchema,
  positionSchema,
  spendingSchema,
  type DealRecord,
  type FinancialRecord,
  type OrganizationRecord,
  type SpendingRecord,
} from "./dataset";
import type { Relationship } from "../domain/vocabulary";

/**
 * The analyst's import file: one row per record, a `record` column saying which kind.
 * Every cell arrives as text (CSV) or as a JSON scalar; rows are reshaped into the
 * dataset's records and validated by the same zod schemas as `data/*.json`, so an
 * imported fact obeys exactly the rules of a curated one.
 */

export const RECORD_TYPES = ["source", "organization", "deal", "financial", "spending"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const COLUMNS: Record<RecordType, readonly string[]> = {
  source: ["record", "id", "title", "outlet", "published_date", "url", "summary"],
  organization: [
    "record", "id", "name", "aliases", "kind", "country", "description",
    "layer", "segment", "relationship", "status", "position_kind", "merged_into", "since", "sources",
  ],
  deal: [
    "record", "id", "organization", "investor", "date", "date_precision", "date_qualifier", "kind", "status",
    "amount", "currency", "qualifier", "stake_percent", "co_investors", "terms", "description", "sources",
  ],
  financial: [
    "record", "id", "organization", "metric", "period_label", "period_start", "period_end", "value", "unit",
    "qualifier", "change_percent", "change_basis", "description", "sources",
  ],
  spending: [
    "record", "id", "organization", "kind", "scope", "period_label", "period_start", "period_end",
    "amount", "currency", "qualifier", "change_percent", "description", "sources",
  ],
};

export const ALL_COLUMNS: readonly string[] = [...new Set(Object.values(COLUMNS).flat())];

/** Larger than any company's spending: a figure past this is a typo, not a fact. */
export const MAX_AMOUNT = 1e14;

export type Cells = Record<string, string>;

export interface ImportedSource {
  slug: string;
  title: string;
  outlet: string | null;
  publishedDate: string | null;
  url: string | null;
  summary: string;
}

export type ImportRecord =
  | { type: "source"; key: string; value: ImportedSource }
  | { type: "organization"; key: string; value: OrganizationRecord; position: z.infer<typeof positionSchema> | null }
  | { type: "deal"; key: string; value: DealRecord }
  | { type: "financial"; key: string; value: FinancialRecord }
  | { type: "spending"; key: string; value: SpendingRecord };

export interface CellProblem {
  column: string | null;
  message: string;
}

const camelToColumn = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A date that exists on the calendar: rejects 2025-02-30 and 2025-13-01. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [, y, mo = "01", d = "01"] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
}

/**
 * Spreadsheets execute these; an import refuses them rather than store a trap. Leading
 * whitespace and quote marks are looked through: the importer trims cells, so
 * ` =HYPERLINK(…)` would otherwise be stored as `=HYPERLINK(…)`, and a spreadsheet pasting
 * `'=…` or `"=…` back in can still run it.
 */
export function looksLikeFormula(text: string): boolean {
  const bare = text.replace(/^[\s'"\u2018\u2019\u201C\u201D\u00A0\u200B-\u200D\u2060\uFEFF]+/u, "");
  return /^[=+@\t\r]/.test(text) || /^[=+@]/.test(bare) || /^-[^\d.]/.test(bare);
}

/**
 * C0 and C1 control characters other than tab, line feed and carriage return (which a
 * quoted CSV cell may hold), and DEL: a NUL cuts strings short in C tools and other
 * controls are invisible in every view, so a cell carrying one is refused. Returns a
 * description of the first one, or null.
 */
export function controlCharacterIn(text: string): string | null {
  const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u.exec(text);
  if (!m) return null;
  const code = m[0].codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${code === 0 ? " (NUL)" : ""} at character ${m.index + 1}`;
}

const CITATION = /^([a-z0-9]+(?:-[a-z0-9]+)*)\s+(¶\d+(?:-\d+)?)$/;

export function parseCitations(text: string): { citations: { source: string; locator: string }[]; bad: string[] } {
  const citations: { source: string; locator: string }[] = [];
  const bad: string[] = [];
  for (const part of splitList(text)) {
    const m = CITATION.exec(part);
    if (m) citations.push({ source: m[1]!, locator: m[2]! });
    else bad.push(part);
  }
  return { citations, bad };
}

export function splitList(text: string | undefined): string[] {
  return (text ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads a cell as a number, accepting only plain decimal notation ("1e9" and "1,000" are typos here). */
function numberCell(cells: Cells, column: string, problems: CellProblem[]): number | null {
  const raw = cells[column]?.trim();
  if (!raw) return null;
  if (!/^-?\d+(\.\d+)?$/.test(raw)) {
    problems.push({ column, message: `expected a plain number such as 2000000000 (no thousands separators or units), got "${raw.slice(0, 40)}"` });
    return null;
  }
  return Number(raw);
}

const text = (cells: Cells, column: string) => {
  const v = cells[column]?.trim();
  return v ? v : null;
};

function precisionOf(date: string | null): "day" | "month" | "year" | "unknown" {
  if (!date) return "unknown";
  return date.length === 10 ? "day" : date.length === 7 ? "month" : "year";
}

/**
 * Turns one row's cells into a validated record, or the list of problems with it, each
 * naming the column. Cross-row and database checks (unknown organization, duplicates)
 * happen later, in the planner.
 */
export function parseRow(cells: Cells): { record: ImportRecord | null; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const type = cells.record?.trim() as RecordType | undefined;
  if (!type || !RECORD_TYPES.includes(type)) {
    return {
      record: null,
      problems: [{ column: "record", message: `expected one of ${RECORD_TYPES.join(", ")}, got "${(cells.record ?? "").slice(0, 40)}"` }],
    };
  }

  const allowed = new Set(COLUMNS[type]);
  for (const [column, value] of Object.entries(cells)) {
    const control = controlCharacterIn(value);
    if (control) {
      problems.push({ column, message: `holds a control character, ${control}; remove it (only tab and line breaks are allowed in a cell)` });
      continue;
    }
    if (value.trim() === "") continue;
    if (!allowed.has(column)) problems.push({ column, message: `does not apply to a ${type} row; leave it empty` });
    else if (column !== "change_percent" && looksLikeFormula(value)) {
      problems.push({ column, message: `starts like a spreadsheet formula ("${value.slice(0, 20)}"); remove the leading character` });
    }
  }
  for (const column of ["date", "period_start", "period_end", "published_date"]) {
    const v = text(cells, column);
    if (v && allowed.has(column) && /^\d{4}(-\d{2}){0,2}$/.test(v) && !isRealDate(v)) {
      problems.push({ column, message: `${v} is not a date on the calendar` });
    }
  }

  const { citations, bad } = parseCitations(cells.sources ?? "");
  if (type !== "source") {
    for (const b of bad) problems.push({ column: "sources", message: `expected "source-slug ¶N" (separate several with ";"), got "${b.slice(0, 40)}"` });
  }

  let candidate: unknown;
  let schema: z.ZodType;
  switch (type) {
    case "source": {
      const source = z.strictObject({
        slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a lower-case slug of letters, digits and single hyphens").max(80),
        title: z.string().min(1, "required").max(300),
        outlet: z.string().max(120).nullable(),
        publishedDate: z.iso.date().nullable(),
        url: z.url({ protocol: /^https?$/ }).max(500).nullable(),
        summary: z.string().min(10, "at least 10 characters").max(600),
      });
      candidate = {
        slug: text(cells, "id") ?? "",
        title: text(cells, "title") ?? "",
        outlet: text(cells, "outlet"),
        publishedDate: text(cells, "published_date"),
        url: text(cells, "url"),
        summary: text(cells, "summary") ?? "",
      };
      schema = source;
      break;
    }
    case "organization":
      candidate = {
        slug: text(cells, "id") ?? "",
        name: text(cells, "name") ?? "",
        aliases: splitList(cells.aliases),
        kind: text(cells, "kind") ?? "",
        country: text(cells, "country"),
        description: text(cells, "description") ?? "",
        citations,
      };
      schema = organizationSchema;
      break;
    case "deal": {
      const date = text(cells, "date");
      const amount = numberCell(cells, "amount", problems);
      candidate = {
        id: text(cells, "id") ?? "",
        organization: text(cells, "organization") ?? "",
        investor: text(cells, "investor") ?? "alibaba",
        date,
        datePrecision: text(cells, "date_precision") ?? precisionOf(date),
        dateQualifier: text(cells, "date_qualifier") ?? "exact",
        kind: text(cells, "kind") ?? "",
        status: text(cells, "status") ?? "",
        amount,
        currency: text(cells, "currency"),
        qualifier: text(cells, "qualifier") ?? "exact",
        stakePercent: numberCell(cells, "stake_percent", problems),
        coInvestors: splitList(cells.co_investors),
        terms: splitList(cells.terms),
        description: text(cells, "description") ?? "",
        citations,
      };
      if (amount !== null && amount > MAX_AMOUNT) problems.push({ column: "amount", message: `${amount} is beyond any plausible deal (at most ${MAX_AMOUNT})` });
      schema = dealSchema;
      break;
    }
    case "financial":
      candidate = {
        id: text(cells, "id") ?? "",
        organization: text(cells, "organization") ?? "",
        metric: text(cells, "metric") ?? "",
        periodLabel: text(cells, "period_label") ?? "",
        periodStart: text(cells, "period_start"),
        periodEnd: text(cells, "period_end"),
        value: numberCell(cells, "value", problems),
        unit: text(cells, "unit") ?? "",
        qualifier: text(cells, "qualifier") ?? "exact",
        changePercent: numberCell(cells, "change_percent", problems),
        changeBasis: text(cells, "change_basis") ?? undefined,
        description: text(cells, "description") ?? "",
        citations,
      };
      {
        const value = (candidate as { value: number | null }).value;
        if (value !== null && Math.abs(value) > MAX_AMOUNT) problems.push({ column: "value", message: `${value} is beyond any plausible figure (at most ${MAX_AMOUNT})` });
      }
      schema = financialSchema;
      break;
    case "spending": {
      const amount = numberCell(cells, "amount", problems);
      candidate = {
        id: text(cells, "id") ?? "",
        organization: text(cells, "organization") ?? "",
        kind: text(cells, "kind") ?? "",
        scope: text(cells, "scope") ?? "",
        periodLabel: text(cells, "period_label") ?? "",
        periodStart: text(cells, "period_start") ?? "",
        periodEnd: text(cells, "period_end") ?? "",
        amount,
        currency: text(cells, "currency"),
        qualifier: text(cells, "qualifier") ?? "exact",
        changePercent: numberCell(cells, "change_percent", problems),
        description: text(cells, "description") ?? "",
        citations,
      };
      if (amount !== null && amount > MAX_AMOUNT) problems.push({ column: "amount", message: `${amount} is beyond any plausible spending (at most ${MAX_AMOUNT})` });
      schema = spendingSchema;
      break;
    }
  }

  const result = schema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [head] = issue.path;
      let column = typeof head === "string" ? camelToColumn(head) : null;
      if (column === "slug") column = "id";
      if (column === "citations") column = "sources";
      // A negative amount is the most common slip; say it plainly.
      const message =
        issue.code === "too_small" && (column === "amount" || column === "stake_percent")
          ? "must be a positive number"
          : issue.message;
      if (!problems.some((p) => p.column === column && p.message === message)) problems.push({ column, message });
    }
  }

  // The position columns travel together: all four or none.
  let position: z.infer<typeof positionSchema> | null = null;
  if (type === "organization") {
    const positionColumns = ["layer", "segment", "relationship", "status"];
    const given = positionColumns.filter((c) => text(cells, c));
    if (given.length > 0 && given.length < 4) {
      problems.push({ column: positionColumns.find((c) => !text(cells, c))!, message: "layer, segment, relationship and status go together: give all four or none" });
    } else if (given.length === 4) {
      const pos = positionSchema.safeParse({
        organization: text(cells, "id") ?? "",
        layer: text(cells, "layer"),
        segment: text(cells, "segment"),
        relationship: text(cells, "relationship"),
        status: text(cells, "status"),
        kind: text(cells, "position_kind") ?? defaultPositionKind(text(cells, "relationship") as Relationship),
        mergedInto: text(cells, "merged_into") ?? null,
        since: text(cells, "since"),
        citations,
      });
      if (pos.success) position = pos.data;
      else for (const issue of pos.error.issues) {
        const column = camelToColumn(String(issue.path[0] ?? ""));
        if (column !== "organization" && column !== "citations") problems.push({ column, message: issue.message });
      }
    }
  }

  if (problems.length || !result.success) return { record: null, problems };
  const value = result.data as never;
  const key = type === "source" || type === "organization" ? (value as { slug: string }).slug : (value as { id: string }).id;
  return type === "organization" ? { record: { type, key, value, position }, problems } : { record: { type, key, value } as ImportRecord, problems };
}
