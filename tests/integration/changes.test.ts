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
});
