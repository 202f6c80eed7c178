import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { type Dataset, type DatasetFileName, datasetFiles } from "../validation/dataset";

/** One thing wrong with the dataset, located precisely enough to fix by hand. */
export interface DatasetProblem {
  file: string;
  /** 0-based index in the file's array, or null for a problem with the file as a whole. */
  index: number | null;
  /** The record's id or slug, when it has one. */
  record: string | null;
  field: string | null;
  message: string;
}

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(`The dataset has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "DatasetError";
  }
}

export function formatProblem(p: DatasetProblem): string {
  const where = [p.file];
  if (p.index !== null) where.push(`record ${p.index + 1}${p.record ? ` ("${p.record}")` : ""}`);
  if (p.field) where.push(`field "${p.field}"`);
  return `- ${where.join(", ")}: ${p.message}`;
}

const FILE_NAMES = Object.keys(datasetFiles) as DatasetFileName[];

function recordKey(value: unknown): string | null {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    for (const k of ["id", "slug", "organization", "currency"]) {
      if (typeof v[k] === "string") return v[k] as string;
    }
  }
  return null;
}

function zodProblems(file: string, raw: unknown, error: z.ZodError): DatasetProblem[] {
  return error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    const isRecord = typeof index === "number";
    return {
      file,
      index: isRecord ? index : null,
      record: isRecord && Array.isArray(raw) ? recordKey(raw[index]) : null,
      field: rest.length ? rest.map(String).join(".") : null,
      message: issue.message,
    };
  });
}

/** Reads and validates every file; throws a DatasetError listing every problem found. */
export function readDataset(dir: string): { dataset: Dataset; hash: string } {
  const problems: DatasetProblem[] = [];
  const parsed: Partial<Record<DatasetFileName, unknown>> = {};
  const hash = createHash("sha256");

  for (const name of FILE_NAMES) {
    const file = path.join(dir, `${name}.json`);
    const label = path.relative(process.cwd(), file) || file;
    let raw: unknown;
    try {
      const textContent = readFileSync(file, "utf8");
      hash.update(name).update("\0").update(textContent);
      raw = JSON.parse(textContent);
    } catch (err) {
      const message =
        (err as NodeJS.ErrnoException).code === "ENOENT"
          ? "file is missing"
          : `not valid JSON: ${(err as Error).message}`;
      problems.push({ file: label, index: null, record: null, field: null, message });
      continue;
    }
    const result = datasetFiles[name].safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(...zodProblems(label, raw, result.error));
  }
  if (problems.length) throw new DatasetError(problems);

  const dataset = parsed as Dataset;
  problems.push(...crossCheck(dataset, dir));
  if (problems.length) throw new DatasetError(problems);
  return { dataset, hash: hash.digest("hex") };
}

/** What zod cannot see file by file: references between files, duplicates, locators in range. */
export function crossCheck(d: Dataset, dir: string): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const label = (name: DatasetFileName) => path.relative(process.cwd(), path.join(dir, `${name}.json`));
  const push = (file: DatasetFileName, index: number | null, record: string | null, field: string | null, message: string) =>
    problems.push({ file: label(file), index, record, field, message });

  const unique = <T>(file: DatasetFileName, rows: T[], key: (r: T) => string, field: string) => {
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const k = key(r);
      const first = seen.get(k);
      if (first !== undefined) push(file, i, k, field, `duplicate of record ${first + 1}`);
      else seen.set(k, i);
    });
    return new Set(seen.keys());
  };

  const sourceParagraphs = new Map(d.sources.map((s) => [s.slug, s.paragraphCount]));
  unique("sources", d.sources, (s) => s.slug, "slug");
  unique("layers", d.layers, (l) => l.slug, "slug");
  const orgs = unique("organizations", d.organizations, (o) => o.slug, "slug");
  unique("positions", d.positions, (p) => p.organization, "organization");
  unique("deals", d.deals, (x) => x.id, "id");
  unique("financials", d.financials, (x) => x.id, "id");
  unique("spending", d.spending, (x) => x.id, "id");
  unique("conflicts", d.conflicts, (x) => x.id, "id");

  // Two aliases that resolve to different companies would make name search ambiguous.
  const aliasOwner = new Map<string, string>();
  d.organizations.forEach((o, i) => {
    for (const name of [o.name, ...o.aliases]) {
      const k = name.toLowerCase();
      const owner = aliasOwner.get(k);
      if (owner && owner !== o.slug) push("organizations", i, o.slug, "aliases", `"${name}" is already a name of "${owner}"`);
      else aliasOwner.set(k, o.slug);
    }
  });

  const checkOrg = (file: DatasetFileName, i: number, record: string, field: string, slug: string | null) => {
    if (slug !== null && !orgs.has(slug)) push(file, i, record, field, `unknown organization "${slug}"`);
  };
  const checkCitation = (
    file: DatasetFileName,
    i: number,
    record: string,
    field: string,
    c: { source: string; locator: string },
  ) => {
    const count = sourceParagraphs.get(c.source);
    if (count === undefined) {
      push(file, i, record, `${field}.source`, `unknown source "${c.source}"`);
      return;
    }
    const last = Number(c.locator.slice(1).split("-").at(-1));
    if (last > count) push(file, i, record, `${field}.locator`, `${c.locator} is past the end of "${c.source}" (${count} paragraphs)`);
  };
  const checkCitations = (file: DatasetFileName, rows: { citations: { source: string; locator: string }[] }[], key: (i: number) => string) =>
    rows.forEach((r, i) => r.citations.forEach((c, j) => checkCitation(file, i, key(i), `citations.${j}`, c)));

  checkCitations("organizations", d.organizations, (i) => d.organizations[i]!.slug);
  d.positions.forEach((p, i) => {
    checkOrg("positions", i, p.organization, "organization", p.organization);
    checkOrg("positions", i, p.organization, "mergedInto", p.mergedInto);
  });
  checkCitations("positions", d.positions, (i) => d.positions[i]!.organization);
  d.deals.forEach((x, i) => {
    checkOrg("deals", i, x.id, "organization", x.organization);
    checkOrg("deals", i, x.id, "investor", x.investor);
    x.coInvestors.forEach((c, j) => checkOrg("deals", i, x.id, `coInvestors.${j}`, c));
  });
  checkCitations("deals", d.deals, (i) => d.deals[i]!.id);
  d.financials.forEach((x, i) => checkOrg("financials", i, x.id, "organization", x.organization));
  checkCitations("financials", d.financials, (i) => d.financials[i]!.id);
  d.spending.forEach((x, i) => checkOrg("spending", i, x.id, "organization", x.organization));
  checkCitations("spending", d.spending, (i) => d.spending[i]!.id);

  const subjects = new Set([
    ...d.deals.map((x) => `deal:${x.id}`),
    ...d.financials.map((x) => `financial:${x.id}`),
    ...d.spending.map((x) => `spending:${x.id}`),
    ...d.positions.map((x) => `position:${x.organization}`),
    ...d.organizations.map((x) => `organization:${x.slug}`),
  ]);
  d.conflicts.forEach((c, i) => {
    checkOrg("conflicts", i, c.id, "organization", c.organization);
    if (c.subject && !subjects.has(c.subject)) push("conflicts", i, c.id, "subject", `no record "${c.subject}"`);
    c.claims.forEach((k, j) => checkCitation("conflicts", i, c.id, `claims.${j}`, k));
  });

  // Every cited paragraph has its one-line paraphrase, and every paraphrase is of a cited paragraph.
  const cited = new Set<string>();
  const addCited = (c: { source: string; locator: string }) => {
    const [from, to = from] = c.locator.slice(1).split("-").map(Number) as [number, number?];
    for (let n = from!; n <= to!; n++) cited.add(`${c.source} ¶${n}`);
  };
  for (const rows of [d.organizations, d.positions, d.deals, d.financials, d.spending]) {
    for (const r of rows) r.citations.forEach(addCited);
  }
  d.conflicts.forEach((c) => c.claims.forEach(addCited));
  const paraphrased = unique("paragraphs", d.paragraphs, (p) => `${p.source} ¶${p.paragraph}`, "paragraph");
  d.paragraphs.forEach((p, i) => {
    const key = `${p.source} ¶${p.paragraph}`;
    const count = sourceParagraphs.get(p.source);
    if (count === undefined) push("paragraphs", i, key, "source", `unknown source "${p.source}"`);
    else if (p.paragraph > count) push("paragraphs", i, key, "paragraph", `¶${p.paragraph} is past the end of "${p.source}" (${count} paragraphs)`);
    else if (!cited.has(key)) push("paragraphs", i, key, "paragraph", "no record cites this paragraph; remove the line or cite it");
  });
  for (const key of [...cited].sort()) {
    if (!paraphrased.has(key)) push("paragraphs", null, key, null, `${key} is cited but has no paraphrase in paragraphs.json`);
  }
  d["status-changes"].forEach((x, i) => {
    if (!subjects.has(x.subject) || !/^(deal|position):/.test(x.subject)) push("status-changes", i, x.subject, "subject", `no deal or position "${x.subject}"`);
    x.citations.forEach((c, j) => checkCitation("status-changes", i, x.subject, `citations.${j}`, c));
  });

  const defaults = new Map<string, number>();
  d["fx-rates"].forEach((r, i) => {
    r.sources.forEach((s, j) => {
      if (!sourceParagraphs.has(s)) push("fx-rates", i, r.currency, `sources.${j}`, `unknown source "${s}"`);
    });
    if (r.isDefault) {
      if (defaults.has(r.currency)) push("fx-rates", i, r.currency, "isDefault", `a second default rate for ${r.currency}`);
      defaults.set(r.currency, i);
    }
  });
  const currencies = new Set([
    ...d.deals.map((x) => x.currency),
    ...d.spending.map((x) => x.currency),
  ]);
  for (const c of currencies) {
    if (c && !defaults.has(c)) push("fx-rates", null, null, null, `no default rate for ${c}, which deals or spending use`);
  }
  return problems;
}
