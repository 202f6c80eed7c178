import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { stringify } from "csv-stringify/sync";
import { COLUMNS, type RecordType } from "../../validation/import";
import { readArticle } from "./article";
import { buildDraft, type Draft, type DraftRow } from "./draft";
import { extractCandidates } from "./extract";
import { loadKnown, recordCells } from "./known";

export const DRAFT_USAGE = "Usage: npm run db:draft -- ARTICLE.txt --source SLUG [--out FILE.csv] [--db PATH]";

export interface DraftResult {
  code: number;
  out: string;
  draft?: Draft;
  file?: string;
}

const ORDER: RecordType[] = ["source", "organization", "deal", "financial", "spending"];
/** The import's columns in a stable order: every column any row of the draft can use. */
const HEADER = [...new Set(ORDER.flatMap((t) => COLUMNS[t]))];

function describe(row: DraftRow): string {
  const what = !row.existing
    ? `new ${row.cells.record}`
    : row.existing.type === "claim"
      ? `already in the database as a claim of conflict "${row.existing.slug}" (not an import row; left out of the file)`
      : `already in the database as ${row.existing.type} "${row.existing.slug}"`;
  return `  ${row.locator.padEnd(5)} ${row.phrases.join(" | ")}  ->  ${what}`;
}

/**
 * `db:draft` as a function: reads a plain-text article, finds its candidate facts and writes
 * them as an import file (CSV) for an analyst to complete, plus a review list. Nothing is
 * written to the database, and no file is written when the article cannot be read.
 */
export function draftCommand(argv: string[], opts: { defaultDb: string; defaultOutDir: string; today?: Date }): DraftResult {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { source: { type: "string" }, out: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    return { code: 2, out: `db:draft: ${(err as Error).message}\n${DRAFT_USAGE}` };
  }
  if (args.values.help) return { code: 0, out: DRAFT_USAGE };
  if (args.positionals.length !== 1) return { code: 2, out: `db:draft: give exactly one article file.\n${DRAFT_USAGE}` };
  const source = args.values.source;
  if (!source || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(source)) {
    return { code: 2, out: `db:draft: --source needs the source's slug (lower-case letters, digits and hyphens), e.g. --source example-weekly-2025-12.\n${DRAFT_USAGE}` };
  }
  const file = path.resolve(args.positionals[0]!);
  const article = readArticle(file);
  if (!article.ok) return { code: 1, out: `db:draft: ${article.message}. No draft was written.` };

  const dbPath = args.values.db ? path.resolve(args.values.db) : opts.defaultDb;
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    return { code: 1, out: `db:draft: no database at ${dbPath}; run "npm run db:setup" first. No draft was written.` };
  }
  let draft: Draft;
  let known;
  try {
    known = loadKnown(db, source);
    // A month named without its year is read against the article's date (today for a new one).
    const refDate = known.source?.publishedDate ? new Date(`${known.source.publishedDate}T00:00:00Z`) : (opts.today ?? new Date());
    const sentences = extractCandidates(article.paragraphs, { refDate, known: known.organizations });
    draft = buildDraft(sentences, { ...known, recordCells: (type, slug, cite) => recordCells(db, type, slug, cite) }, source);
  } finally {
    db.close();
  }
  if (known.source?.paragraphCount && known.source.paragraphCount !== article.paragraphs.length) {
    return {
      code: 1,
      out: `db:draft: "${source}" has ${known.source.paragraphCount} paragraphs in the database but ${path.basename(file)} has ${article.paragraphs.length}: is this the right article for that source? No draft was written.`,
    };
  }

  const rows = [
    ...(known.source
      ? []
      : [{ record: "source", id: source, title: article.paragraphs[0]!.text.slice(0, 300), summary: "" }]),
    ...draft.newOrganizations.map((r) => r.cells),
    ...draft.rows.filter((r) => r.existing?.type !== "claim").map((r) => r.cells),
  ];
  const csv = stringify(
    rows.map((cells) => HEADER.map((h) => cells[h] ?? "")),
    { header: true, columns: HEADER, record_delimiter: "unix" },
  );
  const out = path.resolve(args.values.out ?? path.join(opts.defaultOutDir, `${source}.csv`));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, csv);

  const fresh = draft.rows.filter((r) => !r.existing);
  const held = draft.rows.filter((r) => r.existing);
  const lines = [
    `Draft of ${path.basename(file)} (${article.paragraphs.length} paragraphs) for source "${source}" written to ${out}:`,
    `  ${fresh.length} new candidate fact(s), ${held.length} already in the database, ${draft.newOrganizations.length} organisation(s) to add${known.source ? "" : ", 1 new source"}.`,
    `Descriptions are empty: write each in your own words. Then check the file with`,
    // The same database the draft was checked against, when it was not the default.
    `  npm run db:import -- ${path.relative(process.cwd(), out)} --dry-run${args.values.db ? ` --db ${path.relative(process.cwd(), dbPath)}` : ""}`,
    "",
    "New candidates:",
    ...fresh.map(describe),
    "Already in the database (kept under their ids, so the import leaves them unchanged):",
    ...held.map(describe),
    ...(draft.newOrganizations.length ? ["Organisations not in the database (proposed as new):", ...draft.newOrganizations.map((r) => `  ${r.locator.padEnd(5)} ${r.cells.name}`)] : []),
    ...(draft.looseDates.length
      ? ["Dates no figure took (for the analyst):", ...draft.looseDates.map((d) => `  ¶${d.paragraph}`.padEnd(8) + `${d.phrase} = ${d.value} (${d.precision}${d.qualifier !== "exact" ? `, ${d.qualifier}` : ""}${d.yearImplied ? ", year not printed: inferred from the paragraph or the article's date" : ""})`)]
      : []),
  ];
  return { code: 0, out: lines.join("\n"), draft, file: out };
}
