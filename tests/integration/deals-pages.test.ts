// A name filter's page of deals, read from the years that hold it (listDeals' span: a walk of
// the timeline or the span's matches sorted, chosen by the counts per year), against a plain
// query that sorts every match: same rows in the same order for several filters and pages,
// on a small synthetic database (a busy company, ~9% of deals undated) where both plans run.
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { DealFilters } from "@/lib/db/queries/deals";
import { buildSynthDatabase } from "@/tests/perf/synth";
import { DATA, MIGRATIONS, preparedDuring, tempDir } from "./helpers";

let file = "";
beforeAll(() => {
  file = path.join(tempDir(), "synth.db");
  buildSynthDatabase({ target: file, companies: 3000, deals: 60_000, seed: 7, busyCompany: "unitree", busyDeals: 9000, dataDir: DATA, migrationsDir: MIGRATIONS });
  process.env.PORTFOLIO_DB = file;
}, 120_000);

/** Every matching deal's id in timeline order (dated by date and id, then undated by id), by plain SQL. */
function reference(db: Database.Database, f: DealFilters): number[] {
  const where = ["o.id IN (SELECT id FROM organizations WHERE lower(name) LIKE @q UNION SELECT organization_id FROM organization_aliases WHERE lower(alias) LIKE @q)"];
  const inOrOut = (column: string, value: DealFilters["kind"] | DealFilters["layer"] | DealFilters["status"]) => {
    if (value === undefined) return;
    const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");
    if (typeof value === "string") where.push(`${column} = '${value}'`);
    else {
      if (value.in.length) where.push(`${column} IN (${list(value.in)})`);
      if (value.out.length) where.push(`(${column} IS NULL OR ${column} NOT IN (${list(value.out)}))`);
    }
  };
  inOrOut("d.kind", f.kind);
  inOrOut("d.status", f.status);
  inOrOut("p.layer", f.layer);
  if (f.fromYear !== undefined) where.push(`d.sort_date >= '${f.fromYear}-01-01'`);
  if (f.toYear !== undefined) where.push(`d.sort_date <= '${f.toYear}-12-31'`);
  const rows = db
    .prepare(
      `SELECT d.id FROM deals d JOIN organizations o ON o.id = d.organization_id LEFT JOIN positions p ON p.organization_id = d.organization_id
       WHERE ${where.join(" AND ")} ORDER BY d.sort_date IS NULL, d.sort_date, d.id`,
    )
    .all({ q: `%${f.q!.toLowerCase()}%` }) as { id: number }[];
  return rows.map((r) => r.id);
}

describe("a name filter's page of deals", () => {
  it("has the rows and order of a plain sort of every match, on every page shape", async () => {
    const { countDeals, listDeals } = await import("@/lib/db/queries/deals");
    const db = new Database(file, { readonly: true });
    const cases: DealFilters[] = [
      { q: "robot" },
      { q: "robot", fromYear: 2015, toYear: 2020 },
      { q: "robot", fromYear: 2020 },
      { q: "robot", toYear: 2012 },
      { q: "robot", kind: "acquisition" },
      { q: "robot", kind: { in: [], out: ["equity-investment"] }, fromYear: 2016 },
      { q: "robot", status: "denied" },
      { q: "robot", layer: "basic", fromYear: 2014 },
      { q: "robot", layer: { in: [], out: ["application"] } },
      { q: "unitree" },
      { q: "unitree", fromYear: 2018, kind: "equity-investment" },
      { q: "uni" },
      { q: "uni", status: { in: ["completed", "announced"], out: [] }, toYear: 2022 },
      { q: "ro" },
    ];
    let compared = 0;
    const statements = await preparedDuring(() => {
      for (const f of cases) {
        const all = reference(db, f);
        expect(countDeals(f)).toBe(all.length);
        const last = Math.max(0, Math.ceil(all.length / 50) - 1);
        const dated = all.length - (db.prepare(`SELECT count(*) AS n FROM deals WHERE sort_date IS NULL AND id IN (${all.join(",") || "NULL"})`).get() as { n: number }).n;
        // First, second, middle and last pages, the one across the last dated deal, and API-sized pages.
        const pages = new Set([0, 50, Math.floor(last / 2) * 50, last * 50, Math.max(0, dated - 20), Math.max(0, all.length - 120)]);
        for (const offset of pages) {
          for (const limit of [50, 137]) {
            const got = listDeals(f, { limit, offset, order: "timeline" }).map((d) => d.id);
            expect(got, `${JSON.stringify(f)} offset ${offset} limit ${limit}`).toEqual(all.slice(offset, offset + limit));
            compared++;
          }
        }
      }
    });
    db.close();
    expect(compared).toBeGreaterThan(100);
    // Both plans ran: the walk by date (the name kept off the company index) and the sort of a span's matches.
    expect(statements.some((s) => s.includes(`+"deals"."organization_id" IN`))).toBe(true);
    expect(statements.some((s) => s.includes("INDEXED BY deals_organization_timeline_idx"))).toBe(true);
  }, 120_000);
});
