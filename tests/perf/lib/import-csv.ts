import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { stringify } from "csv-stringify/sync";
import { createRng, dealDescription, dealShape, dealTermsFor, SYNTHETIC_SOURCE_SLUG } from "../synth";

export const IMPORT_COLUMNS = [
  "record", "id", "organization", "investor", "date", "date_precision", "date_qualifier", "kind", "status",
  "amount", "currency", "qualifier", "stake_percent", "co_investors", "terms", "description", "sources",
] as const;

/**
 * Writes an import file of `rows` new deals for the db:import benchmark. Every deal is
 * between synthetic companies of a database built by db:synth and cites the synthetic
 * source, so the import adds nothing that looks like a real fact.
 *
 * Amounts are always given and never end in 0, while db:synth rounds its amounts to three
 * significant figures: no row can be refused as a duplicate of a deal already there.
 */
export function writeDealImportCsv(dbFile: string, outFile: string, rows: number, seed = 7): { rows: number; bytes: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  let companies: { slug: string; name: string }[];
  let investors: { slug: string; name: string }[];
  try {
    const synthetic = `SELECT o.slug, o.name FROM organizations o
      JOIN citations c ON c.organization_id = o.id JOIN sources s ON s.id = c.source_id
      WHERE s.slug = ? AND o.kind = ?`;
    companies = db.prepare(synthetic).all(SYNTHETIC_SOURCE_SLUG, "portfolio") as { slug: string; name: string }[];
    investors = db.prepare(synthetic).all(SYNTHETIC_SOURCE_SLUG, "other") as { slug: string; name: string }[];
  } finally {
    db.close();
  }
  if (companies.length === 0) throw new Error(`${dbFile} has no synthetic companies: build it with npm run db:synth first`);

  const rng = createRng(seed);
  const seen = new Set<string>();
  const records: string[][] = [];
  for (let i = 0; records.length < rows; i++) {
    const company = companies[Math.floor(companies.length * rng())]!;
    const shape = dealShape(rng);
    const base = shape.amount ?? 10_000_000;
    let amount = Math.round(base) + 1 + (i % 1000);
    if (amount % 10 === 0) amount += 1;
    const key = `${company.slug}|${shape.kind}|${shape.date}|${amount}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const co = investors.length && rng() < 0.35 ? [rng.pick(investors).slug] : [];
    records.push([
      "deal",
      `bench-import-${seed}-${i}`,
      company.slug,
      "alibaba",
      shape.date ?? "",
      shape.datePrecision,
      shape.dateQualifier,
      shape.kind,
      shape.status,
      String(amount),
      shape.currency ?? "CNY",
      shape.qualifier === "exact" && shape.amount === null ? "about" : shape.qualifier,
      shape.stakePercent === null ? "" : String(shape.stakePercent),
      co.join("; "),
      dealTermsFor(rng).join("; "),
      dealDescription("Alibaba", shape.kind, company.name),
      `${SYNTHETIC_SOURCE_SLUG} ¶1`,
    ]);
  }
  const text = stringify(records, { header: true, columns: [...IMPORT_COLUMNS] });
  writeFileSync(outFile, text);
  return { rows: records.length, bytes: Buffer.byteLength(text) };
}
