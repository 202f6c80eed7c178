import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { readDataset } from "@/lib/db/dataset";
import type { Dataset } from "@/lib/validation/dataset";
import { buildTempDatabase, DATA } from "./helpers";

let d: Dataset;
let file: string;

beforeAll(() => {
  file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
  d = readDataset(DATA).dataset;
});

describe("deals an organization took part in", () => {
  it("lists every deal where it is the investor or a co-investor, with its role", async () => {
    const { listDealsAsParticipant, countDealsAsParticipant } = await import("@/lib/db/queries/participations");
    const orgs = new Set(d.deals.flatMap((x) => [x.investor, ...x.coInvestors]));
    for (const slug of orgs) {
      const expected = d.deals.filter((x) => x.investor === slug || x.coInvestors.includes(slug));
      const rows = listDealsAsParticipant(slug);
      expect(rows.map((r) => r.slug).sort()).toEqual(expected.map((x) => x.id).sort());
      expect(countDealsAsParticipant(slug)).toBe(expected.length);
      for (const r of rows) {
        const source = expected.find((x) => x.id === r.slug)!;
        expect(r.role).toBe(source.investor === slug ? "investor" : "co-investor");
        expect(r.coInvestors.map((c) => c.slug).sort()).toEqual([...source.coInvestors].sort());
        expect(r.terms).toEqual(source.terms);
        expect(r.citations.length).toBeGreaterThan(0);
      }
    }
  });

  it("gives nothing for a company that only received investment, or an unknown slug", async () => {
    const { listDealsAsParticipant, countDealsAsParticipant } = await import("@/lib/db/queries/participations");
    expect(listDealsAsParticipant("unitree")).toEqual([]);
    expect(countDealsAsParticipant("no-such-org")).toBe(0);
    expect(listDealsAsParticipant("no-such-org")).toEqual([]);
  });

  it("pages with limit and offset in date order", async () => {
    const { listDealsAsParticipant } = await import("@/lib/db/queries/participations");
    const all = listDealsAsParticipant("alibaba");
    expect(listDealsAsParticipant("alibaba", { limit: 3, offset: 2 }).map((r) => r.slug)).toEqual(all.slice(2, 5).map((r) => r.slug));
  });

  it("reads newest first, dated before undated, for every participant and page (a company page's latest deal)", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const orgs = new Set(d.deals.flatMap((x) => [x.investor, ...x.coInvestors]));
    for (const slug of orgs) {
      const timeline = listDeals({ participant: slug }, { limit: 1000 });
      // The timeline is oldest first with the undated last by id: reversed per part, it is the newest-first order.
      const newest = [...timeline.filter((r) => r.sortDate).reverse(), ...timeline.filter((r) => !r.sortDate).reverse()].map((r) => r.slug);
      for (const [limit, offset] of [[1, 0], [3, 0], [2, 1], [50, 0]] as const) {
        expect(listDeals({ participant: slug }, { limit, offset, order: "recent" }).map((r) => r.slug), `${slug} ${limit}@${offset}`).toEqual(newest.slice(offset, offset + limit));
      }
    }
  });

  it("in a past view, lists and counts only the deals a source had published by the day", async () => {
    // The days must hide some of today's participations, or the test shows nothing.
    expect(await expectKnownParticipations([])).toBeGreaterThan(0);
  });

  // Runs last: it writes to the file.
  it("in a past view on which many deals were known, the same, by each of the day's reads", async () => {
    const { fewKnownBy } = await import("@/lib/db/queries/asof");
    // 6,000 deals led by Unitree, cited by the February 2025 articles' date: past that day more
    // deals are known than the short list is built for, so participations are probed one by one.
    const rw = new Database(file);
    rw.pragma("foreign_keys = ON");
    rw.transaction(() => {
      const id = (slug: string) => rw.prepare("SELECT id FROM organizations WHERE slug = ?").pluck().get(slug);
      const source = rw.prepare("INSERT INTO sources (slug, title, published_date, published_date_estimated, summary) VALUES ('test-many', 'test-many', '2025-02-24', 0, 'test') RETURNING id").pluck().get();
      const deal = rw.prepare(
        `INSERT INTO deals (slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, qualifier, description)
         VALUES (?, ?, ?, ?, 'day', 'exact', ?, 'partnership', 'announced', 'exact', 'test') RETURNING id`,
      );
      const cite = rw.prepare("INSERT INTO citations (source_id, locator, deal_id) VALUES (?, '¶1', ?)");
      for (let i = 0; i < 6_000; i++) {
        const date = `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`;
        cite.run(source, deal.pluck().get(`test-many-${i}`, id("deepseek"), id("unitree"), date, date));
      }
    })();
    rw.close();
    expect(fewKnownBy("2025-03-01")).toBe(false);
    expect(fewKnownBy("2024-12-31")).toBe(true);
    // Every deal has a dated citation: a day's count is today's less those first cited later.
    expect(await expectKnownParticipations(["unitree"])).toBeGreaterThan(0);
    // One deal no dated source cites: counts probe or list the known deals instead.
    const uncited = new Database(file);
    uncited
      .prepare(
        `INSERT INTO deals (slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status, qualifier, description)
         SELECT 'test-uncited', (SELECT id FROM organizations WHERE slug = 'deepseek'), id, NULL, 'unknown', 'exact', NULL, 'partnership', 'announced', 'exact', 'test'
         FROM organizations WHERE slug = 'unitree'`,
      )
      .run();
    uncited.close();
    expect(await expectKnownParticipations(["unitree"])).toBeGreaterThan(0);
  });
});

/**
 * Compares each participant's deals and count on five days with this test's own reading of
 * "known by the day" (a dated citation or a status change by then); returns how many
 * (participant, day) pairs hide some of today's participations.
 */
async function expectKnownParticipations(more: string[]): Promise<number> {
  const { listDealsAsParticipant, countDealsAsParticipant } = await import("@/lib/db/queries/participations");
  const raw = new Database(file, { readonly: true });
  const known = raw.prepare(
    `SELECT d.slug FROM deals d
     WHERE (d.investor_id = (SELECT id FROM organizations WHERE slug = @org)
            OR d.id IN (SELECT dc.deal_id FROM deal_co_investors dc JOIN organizations o ON o.id = dc.organization_id WHERE o.slug = @org))
       AND (d.id IN (SELECT c.deal_id FROM citations c JOIN sources s ON s.id = c.source_id WHERE s.published_date <= @day)
            OR d.id IN (SELECT deal_id FROM status_changes WHERE known_from <= @day))
     ORDER BY d.slug`,
  );
  const orgs = [...new Set([...d.deals.flatMap((x) => [x.investor, ...x.coInvestors]), ...more])];
  let fewer = 0;
  for (const day of ["2024-12-31", "2025-02-10", "2025-03-01", "2025-08-01", "2025-12-31"]) {
    for (const org of orgs) {
      const want = known.pluck().all({ org, day }) as string[];
      expect(listDealsAsParticipant(org, { limit: 10_000 }, day).map((r) => r.slug).sort(), `${org} on ${day}`).toEqual(want);
      expect(countDealsAsParticipant(org, day), `${org} on ${day}`).toBe(want.length);
      if (want.length < countDealsAsParticipant(org)) fewer++;
    }
  }
  raw.close();
  return fewer;
}
