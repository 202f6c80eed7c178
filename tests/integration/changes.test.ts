// The change log (lib/db/queries/changes.ts: listChangesBetween): the newest entries up to
// a limit, and counts of every change in the range whatever the limit.
import { beforeAll, describe, expect, it } from "vitest";
import { buildTempDatabase } from "./helpers";

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

const load = async () => (await import("@/lib/db/queries/changes")).listChangesBetween;

describe("listChangesBetween", () => {
  it("counts every change of the range and lists the newest up to the limit", async () => {
    const listChangesBetween = await load();
    const all = listChangesBetween("2000-01-01", "2100-01-01", { limit: 100_000 });
    const kinds = ["added", "changed", "resolved"] as const;
    expect(all.entries.length).toBeGreaterThan(20);
    for (const kind of kinds) expect(all.counts[kind], kind).toBe(all.entries.filter((e) => e.kind === kind).length);
    const dates = all.entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());

    const few = listChangesBetween("2000-01-01", "2100-01-01", { limit: 7 });
    expect(few.counts).toEqual(all.counts);
    expect(few.entries).toHaveLength(7);
    // The seven newest days' entries (ties on the last day may be any of that day's).
    expect(few.entries.map((e) => e.date)).toEqual(dates.slice(0, 7));
    for (const e of few.entries) expect(all.entries).toContainEqual(e);
    expect(listChangesBetween("2000-01-01", "2100-01-01", { limit: 0 }).entries).toEqual([]);
  });

  it("gives a state its own date at the precision its source gives, and a fact none", async () => {
    const listChangesBetween = await load();
    const all = listChangesBetween("2000-01-01", "2100-01-01", { limit: 100_000 });
    const founded = all.entries.find((e) => e.slug === "zebra-network-jv-2015" && e.state === "announced")!;
    expect(founded).toMatchObject({ date: "2015-01-01", stated: { date: "2015", precision: "year", qualifier: "exact" } });
    // A state its source does not date counts from the source's day, and says no more.
    expect(all.entries.find((e) => e.slug === "deepseek-rumour-2025-02" && e.state === "denied")).toMatchObject({ date: "2025-10-09", stated: null });
    for (const e of all.entries.filter((x) => x.kind === "added")) expect(e.stated).toBeNull();
  });

  it("counts and lists one company's changes, and a range's", async () => {
    const listChangesBetween = await load();
    const all = listChangesBetween("2000-01-01", "2100-01-01", { limit: 100_000 });
    const org = all.entries[0]!.organization.slug;
    const own = listChangesBetween("2000-01-01", "2100-01-01", { organization: org, limit: 100_000 });
    expect(own.entries).toEqual(all.entries.filter((e) => e.organization.slug === org));
    expect(own.counts.added + own.counts.changed + own.counts.resolved).toBe(own.entries.length);

    const day = all.entries[0]!.date;
    const range = listChangesBetween(day, "2100-01-01", { limit: 100_000 });
    expect(range.entries).toEqual(all.entries.filter((e) => e.date > day));
  });

  it("adds a fact on the date of its first dated source, as a recount of every citation gives, in any range", async () => {
    const listChangesBetween = await load();
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
    try {
      // Written out: each subject's citations with a dated source, the earliest date first
      // (then the smaller citation id); the subject is added on that date.
      const rows = raw
        .prepare(
          `SELECT c.id, s.published_date AS date, c.deal_id, c.position_id, c.financial_id, c.spending_id
           FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.organization_id IS NULL AND s.published_date IS NOT NULL ORDER BY s.published_date, c.id`,
        )
        .all() as { id: number; date: string; deal_id: number | null; position_id: number | null; financial_id: number | null; spending_id: number | null }[];
      const first = new Map<string, string>();
      for (const r of rows) {
        const subject = r.deal_id ? `deal:${r.deal_id}` : r.position_id ? `position:${r.position_id}` : r.financial_id ? `financial:${r.financial_id}` : `spending:${r.spending_id}`;
        if (!first.has(subject)) first.set(subject, r.date);
      }
      const dates = [...new Set(first.values())].sort();
      expect(dates.length).toBeGreaterThan(2);
      for (const [from, to] of [["2000-01-01", "2100-01-01"], [dates[0]!, dates.at(-1)!], ["2000-01-01", dates[1]!], [dates[1]!, "2100-01-01"]] as const) {
        const expected = [...first.values()].filter((d) => d > from && d <= to).sort().reverse();
        const got = listChangesBetween(from, to, { limit: 100_000 });
        expect(got.entries.filter((e) => e.kind === "added").map((e) => e.date), `${from}..${to}`).toEqual(expected);
        expect(got.counts.added).toBe(expected.length);
        expect(got.addedAtLeast).toBe(false);
      }
    } finally {
      raw.close();
    }
  });

  // Runs last: it writes to the file the other tests read.
  it("follows writes: a later source re-citing a fact adds nothing, and a source's date moves the facts it dated first", async () => {
    const listChangesBetween = await load();
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.PORTFOLIO_DB!);
    raw.pragma("foreign_keys = ON");
    try {
      const deal = raw
        .prepare(
          `SELECT d.slug, min(s.published_date) AS date FROM deals d JOIN citations c ON c.deal_id = d.id JOIN sources s ON s.id = c.source_id
           WHERE s.published_date IS NOT NULL GROUP BY d.id ORDER BY d.id LIMIT 1`,
        )
        .get() as { slug: string; date: string };
      const added = (from: string, to: string) =>
        listChangesBetween(from, to, { limit: 100_000 }).entries.filter((e) => e.kind === "added" && e.type === "deal" && e.slug === deal.slug);
      expect(added("2000-01-01", "2100-01-01").map((e) => e.date)).toEqual([deal.date]);

      const later = raw
        .prepare("INSERT INTO sources (slug, title, published_date, summary) VALUES ('test-roundup', 'A later round-up', '2099-01-01', 'Re-cites a deal') RETURNING id")
        .pluck()
        .get() as number;
      raw.prepare("INSERT INTO citations (source_id, locator, deal_id) SELECT ?, '¶1', id FROM deals WHERE slug = ?").run(later, deal.slug);
      expect(added("2098-12-31", "2100-01-01")).toEqual([]);
      expect(added("2000-01-01", "2100-01-01").map((e) => e.date)).toEqual([deal.date]);

      // Dated before the deal's first source, the round-up dates it, and the old day has it no more.
      raw.prepare("UPDATE sources SET published_date = '1999-06-01' WHERE id = ?").run(later);
      expect(added("1999-01-01", "1999-12-31").map((e) => [e.date, e.source.slug])).toEqual([["1999-06-01", "test-roundup"]]);
      expect(added("2000-01-01", "2100-01-01")).toEqual([]);

      // Undated, it dates nothing: back to the first source.
      raw.prepare("UPDATE sources SET published_date = NULL WHERE id = ?").run(later);
      expect(added("1990-01-01", "2100-01-01").map((e) => e.date)).toEqual([deal.date]);
      raw.prepare("DELETE FROM sources WHERE id = ?").run(later);
      expect(added("1990-01-01", "2100-01-01").map((e) => e.date)).toEqual([deal.date]);
    } finally {
      raw.close();
    }
  });
});
