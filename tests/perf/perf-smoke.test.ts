// Keeps the performance harness (npm run bench, db:synth) working: its pure parts on
// synthetic inputs and a tiny db:synth run. No timing thresholds: timings belong to the bench.
import { copyFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { buildNewDatabase } from "@/lib/db/build";
import { SUMMARY_TABLES, rebuildSummaries, summaryRows } from "@/lib/db/summaries";
import { buildSynthDatabase, createRng, dealShape, parseSynthArgs, SYNTHETIC_SOURCE_SLUG, SYNTHETIC_SOURCE_TITLE } from "@/tests/perf/synth";
import { importCommand } from "@/lib/db/import/command";
import { BUDGETS, checkBudgets, type RouteResult } from "@/tests/perf/lib/budgets";
import { calibratedCpuMultiplier } from "@/tests/perf/lib/cpu-calibration";
import { type Clock, distinctSearches, nameSearch, paced } from "@/tests/perf/lib/scale-probe";
import { hasCharts, routeSlug, scriptSrcs } from "@/tests/perf/lib/html";
import { writeDealImportCsv } from "@/tests/perf/lib/import-csv";
import { percentile, ratio, summarize, textTable } from "@/tests/perf/lib/stats";
import { DATA, MIGRATIONS, tempDir } from "../integration/helpers";

describe("bench statistics", () => {
  it("takes percentiles by nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(xs, 101)).toThrow(RangeError);
  });

  it("summarizes unsorted samples", () => {
    const s = summarize([30, 10, 20, 40, 1000]);
    expect(s).toMatchObject({ requests: 5, p50: 30, p95: 1000, p99: 1000, max: 1000 });
    expect(s.mean).toBe(220);
  });

  it("gives no ratio when a side is missing or zero", () => {
    expect(ratio(50, 100)).toBe(0.5);
    expect(ratio(50, 0)).toBeNull();
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(Number.NaN, 100)).toBeNull();
  });

  it("prints aligned tables", () => {
    const t = textTable(["route", "req/s"], [["/", "12"], ["/deals", "3.5"]]).split("\n");
    expect(t).toHaveLength(4);
    expect(new Set(t.map((l) => l.length)).size).toBe(1);
  });
});

describe("Lighthouse CPU calibration", () => {
  it("gives the guide's multipliers at its anchor points and a straight line between them", () => {
    expect(calibratedCpuMultiplier(1533)).toBe(4);
    expect(calibratedCpuMultiplier(1300)).toBe(3);
    expect(calibratedCpuMultiplier(800)).toBe(2);
    expect(calibratedCpuMultiplier(1050)).toBe(2.5);
    expect(calibratedCpuMultiplier(475)).toBe(1.5);
  });

  it("never slows a weak host below 1x and keeps the last slope past the last anchor", () => {
    expect(calibratedCpuMultiplier(100)).toBe(1);
    expect(calibratedCpuMultiplier(2000)).toBe(6);
    expect(calibratedCpuMultiplier(1766)).toBe(5);
  });

  it("refuses an index Lighthouse could not have measured", () => {
    expect(() => calibratedCpuMultiplier(0)).toThrow(RangeError);
    expect(() => calibratedCpuMultiplier(Number.NaN)).toThrow(RangeError);
  });
});

describe("scale probe searches", () => {
  const names = ["Yuxian Robot", "PrismCore Intelligence", "Ai"];
  const words = (url: string) => decodeURIComponent(url.split("q=")[1]!).split(" ");

  it("misspells each name's longest word by one letter, never its first", () => {
    expect(words(nameSearch(0, names))).toEqual(["yxian", "robot"]);
    expect(words(nameSearch(1, names))).toEqual(["prismcore", "itelligence"]);
    expect(words(nameSearch(2, names))).toEqual(["ai"]);
  });

  it("asks something new on every pass over the names, until the letters run out", () => {
    const urls = Array.from({ length: 2 * 4 }, (_, i) => nameSearch(i, names.slice(0, 2)));
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("never sends the same search twice when names repeat, and says so when it runs out", () => {
    // "yuxian" can lose one of four letters, "ai" none: five different searches in all.
    const repeated = ["Yuxian Robot", "yuxian robot", "Ai", "Yuxian Robot"];
    const next = distinctSearches((i) => nameSearch(i, repeated), 100);
    const urls = Array.from({ length: 5 }, next);
    expect(new Set(urls).size).toBe(5);
    expect(words(urls[0]!)).toEqual(["yxian", "robot"]);
    expect(words(urls[1]!)).toEqual(["ai"]);
    expect(() => next()).toThrow(/no new search in 100 tries/);
  });
});

describe("other pages during the searches", () => {
  // A clock that only moves when a request "takes" time or the sampler sleeps.
  const fakeClock = () => {
    let t = 0;
    const slept: number[] = [];
    const clock: Clock = {
      now: () => t,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
    };
    const take = (ms: number) => async () => {
      t += ms;
    };
    return { clock, slept, take };
  };

  it("starts one request every interval, however fast each answers", async () => {
    const { clock, slept, take } = fakeClock();
    expect(await paced(1000, 100, take(30), clock)).toBe(10);
    expect(slept).toEqual(Array(10).fill(70));
  });

  it("goes straight on when a request takes longer than the interval, and back to back at 0", async () => {
    const slow = fakeClock();
    expect(await paced(1000, 100, slow.take(250), slow.clock)).toBe(4);
    expect(slow.slept).toEqual([]);
    const free = fakeClock();
    expect(await paced(1000, 0, free.take(30), free.clock)).toBe(34);
    expect(free.slept).toEqual([]);
  });
});

describe("bench page parsing", () => {
  const html = `<html><head><script src="/_next/a.js" async=""></script><script src="/_next/poly.js" noModule=""></script>
    <script>self.__next_f.push([1])</script><script src='/_next/b.js?x=1&amp;y=2'></script><script src="/_next/a.js"></script></head>
    <body><div class="card chart-box tall"></div></body></html>`;

  it("lists the scripts a modern browser loads, once each, without nomodule polyfills", () => {
    expect(scriptSrcs(html)).toEqual(["/_next/a.js", "/_next/b.js?x=1&y=2"]);
    expect(scriptSrcs(html, { includeNoModule: true })).toContain("/_next/poly.js");
  });

  it("recognises a page with charts and names routes as files", () => {
    expect(hasCharts(html)).toBe(true);
    expect(hasCharts('<div class="chart-caption">')).toBe(false);
    expect(routeSlug("/")).toBe("index");
    expect(routeSlug("/portfolio?layer=application&status=active")).toBe("portfolio-layer-application-status-active");
  });
});

describe("bench budgets", () => {
  const route = (over: Partial<RouteResult>): RouteResult => ({
    id: "x", path: "/x", page: true, filtered: false, missing: false, status: 200, ...over,
  });

  it("checks each budget and leaves unmeasured figures undecided", () => {
    const checks = checkBudgets({
      synthetic: true,
      routes: [
        route({ path: "/fast", ratio: { throughput: 0.8, p50: 0.7 }, js: { gzipBytes: 150_000, scripts: 5, hasCharts: true } }),
        route({ path: "/slow", filtered: true, ratio: { throughput: 0.2, p50: 0.1 }, latency: { p50: 80, p95: 140, p99: 200, mean: 90, requests: 30 } }),
        // Just over the budget for pages without charts, whatever figure the budget holds.
        route({ path: "/plain", js: { gzipBytes: BUDGETS.jsBytes.withoutCharts + 1, scripts: 5, hasCharts: false } }),
        route({ path: "/gone", missing: true, ratio: { throughput: 0.1, p50: 0.1 } }),
        route({
          path: "/lh",
          lighthouse: {
            desktop: { performance: 100, accessibility: 100, bestPractices: 100, seo: 100, lcpMs: 500, cls: 0.0001, tbtMs: 0 },
            mobile: { performance: 94, accessibility: null, bestPractices: 100, seo: 100, lcpMs: 2500, cls: 0.02, tbtMs: 100 },
          },
        }),
        route({
          path: "/busy",
          lighthouse: { mobile: { performance: 96, accessibility: 100, bestPractices: 100, seo: 100, lcpMs: 2000, cls: 0, tbtMs: 350 } },
        }),
      ],
      synth: { rows: 1000, seconds: 0.005, rowsPerSecond: 200_000, rowsPerCpuSecond: null },
      import: { rows: 1000, seconds: 0.1, rowsPerSecond: 10_000, rowsPerCpuSecond: 20_000 },
    });
    const find = (budget: string, subject: string) => checks.find((c) => c.budget.startsWith(budget) && c.subject === subject);
    expect(find("repeat-view throughput", "/fast")?.pass).toBe(true);
    expect(find("repeat-view throughput", "/slow")?.pass).toBe(false);
    expect(find("synthetic db", "/slow")?.pass).toBe(false);
    expect(find("JS gzipped", "/fast")?.pass).toBe(true);
    expect(find("JS gzipped", "/plain")?.pass).toBe(false);
    expect(checks.some((c) => c.subject === "/gone")).toBe(false);
    expect(find("Lighthouse performance (desktop)", "/lh")?.pass).toBe(true);
    expect(find("Lighthouse performance (mobile)", "/lh")?.pass).toBe(false);
    expect(find("Lighthouse accessibility (mobile)", "/lh")?.pass).toBeNull();
    expect(find("CLS (desktop)", "/lh")?.pass).toBe(true);
    expect(find("CLS (mobile)", "/lh")?.pass).toBe(false);
    // Mobile TBT is judged on its own (<= 200 ms), desktop TBT is not a budget.
    expect(find("TBT (mobile)", "/lh")?.pass).toBe(true);
    expect(find("TBT (desktop)", "/lh")).toBeUndefined();
    expect(find("TBT (mobile)", "/busy")?.pass).toBe(false);
    expect(find("Lighthouse performance (mobile)", "/busy")?.pass).toBe(true);
    expect(find("db:synth", "db:synth")?.pass).toBe(true);
    expect(find("db:import", "db:import")?.pass).toBe(false);
    expect(BUDGETS.minThroughputRatio).toBe(0.8);
  });

  it("judges the synthetic-database latency on rendered requests when they were measured", () => {
    const cached = { p50: 2, p95: 3, p99: 4, mean: 2, requests: 100 };
    const rendered = { p50: 90, p95: 180, p99: 220, mean: 95, requests: 30 };
    const throughput = { rps: 10, p50: 1, p99: 2, errors: 0, non2xx: 0 };
    const checks = checkBudgets({
      synthetic: true,
      routes: [
        route({ path: "/both", filtered: true, latency: cached, rendered: { latency: rendered, throughput, throughputRatio: 0.1 } }),
        route({ path: "/cached-only", filtered: true, latency: cached }),
      ],
    });
    const both = checks.find((c) => c.subject === "/both" && c.budget.startsWith("synthetic db"));
    expect(both).toMatchObject({ value: 180, pass: false });
    expect(checks.find((c) => c.subject === "/cached-only" && c.budget.startsWith("synthetic db"))).toMatchObject({ value: 3, pass: true });
  });

  it("does not apply the synthetic-database latency budget to the real database", () => {
    const checks = checkBudgets({
      synthetic: false,
      routes: [route({ filtered: true, latency: { p50: 500, p95: 900, p99: 900, mean: 500, requests: 20 } })],
    });
    expect(checks.some((c) => c.budget.startsWith("synthetic db"))).toBe(false);
  });
});

describe("db:synth", () => {
  let target: string;
  const companies = 200;
  const deals = 2000;
  let real: Database.Database;

  beforeAll(() => {
    const dir = tempDir("perf-smoke-");
    target = path.join(dir, "synth.db");
    buildSynthDatabase({ target, companies, deals, seed: 42, dataDir: DATA, migrationsDir: MIGRATIONS });
    const realFile = path.join(dir, "real.db");
    buildNewDatabase({ target: realFile, dataDir: DATA, migrationsDir: MIGRATIONS });
    real = new Database(realFile, { readonly: true });
  });

  it("adds the requested companies and deals to the real dataset", () => {
    const db = new Database(target, { readonly: true });
    try {
      const n = (d: Database.Database, sql: string) => (d.prepare(sql).get() as { n: number }).n;
      expect(n(db, "SELECT count(*) AS n FROM organizations")).toBe(n(real, "SELECT count(*) AS n FROM organizations") + companies);
      expect(n(db, "SELECT count(*) AS n FROM deals")).toBe(n(real, "SELECT count(*) AS n FROM deals") + deals);
      // The real companies are all there, with their slugs.
      const realSlugs = (real.prepare("SELECT slug FROM organizations").all() as { slug: string }[]).map((r) => r.slug);
      const synthSlugs = new Set((db.prepare("SELECT slug FROM organizations").all() as { slug: string }[]).map((r) => r.slug));
      expect(realSlugs.every((s) => synthSlugs.has(s))).toBe(true);
      const meta = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'synthetic'").get() as { value: string }).value);
      expect(meta).toMatchObject({ companies, deals, seed: 42 });
    } finally {
      db.close();
    }
  });

  it("cites every synthetic fact to the one synthetic source, and nothing real to it", () => {
    const db = new Database(target, { readonly: true });
    try {
      const src = db.prepare("SELECT id, title, file FROM sources WHERE slug = ?").get(SYNTHETIC_SOURCE_SLUG) as { id: number; title: string; file: string | null };
      expect(src).toMatchObject({ title: SYNTHETIC_SOURCE_TITLE, file: null });
      const realMax = (table: string) => (real.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
      for (const [table, column] of [["organizations", "organization_id"], ["positions", "position_id"], ["deals", "deal_id"]] as const) {
        const uncited = db
          .prepare(`SELECT count(*) AS n FROM ${table} t WHERE t.id > ? AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.${column} = t.id AND c.source_id = ?)`)
          .get(realMax(table), src.id) as { n: number };
        expect(uncited.n, `${table} without a synthetic citation`).toBe(0);
        const citedElsewhere = db
          .prepare(`SELECT count(*) AS n FROM citations c WHERE c.${column} > ? AND c.source_id <> ?`)
          .get(realMax(table), src.id) as { n: number };
        expect(citedElsewhere.n, `${table} citing a real source`).toBe(0);
        const realCitingSynthetic = db.prepare(`SELECT count(*) AS n FROM citations WHERE ${column} <= ? AND source_id = ?`).get(realMax(table), src.id) as { n: number };
        expect(realCitingSynthetic.n).toBe(0);
      }
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("gives its data a version, so the server answers it with validators", async () => {
    const { readDataVersion } = await import("@/lib/db/connection");
    const db = new Database(target, { readonly: true });
    try {
      const version = readDataVersion(db);
      expect(version).toMatch(/^[0-9a-z]+-[0-9a-f]{12}$/);
      // Not the seed's: the synthetic rows are new data.
      expect(version).not.toBe(readDataVersion(real));
    } finally {
      db.close();
    }
  });

  it("ends with exactly the schema the migrations make (indexes rebuilt after the bulk load)", () => {
    const db = new Database(target, { readonly: true });
    try {
      const schema = (d: Database.Database) => d.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
      expect(schema(db)).toEqual(schema(real));
    } finally {
      db.close();
    }
  });

  it("fills the summary tables with the counts a recount of the rows gives", () => {
    const db = new Database(target, { readonly: true });
    const copy = new Database(db.serialize());
    try {
      const summaries = (d: Database.Database) => SUMMARY_TABLES.map((t) => summaryRows(d, t));
      const written = summaries(db);
      rebuildSummaries(copy);
      expect(written).toEqual(summaries(copy));
      const total = (db.prepare("SELECT sum(deals) AS n FROM deal_counts").get() as { n: number }).n;
      expect(total).toBe((real.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n + deals);
    } finally {
      copy.close();
      db.close();
    }
  });

  it("writes plausible, coherent deals", () => {
    const db = new Database(target, { readonly: true });
    try {
      const bad = db
        .prepare(
          `SELECT count(*) AS n FROM deals WHERE (date IS NULL) <> (date_precision = 'unknown')
             OR (kind = 'rumoured-investment' AND status NOT IN ('rumoured', 'denied'))
             OR (date IS NOT NULL AND (sort_date IS NULL OR substr(date, 1, 4) NOT BETWEEN '2010' AND '2025'))`,
        )
        .get() as { n: number };
      expect(bad.n).toBe(0);
      const statuses = (db.prepare("SELECT DISTINCT status FROM deals").all() as { status: string }[]).map((r) => r.status);
      expect(statuses).toEqual(expect.arrayContaining(["completed", "rumoured", "denied"]));
      const currencies = (db.prepare("SELECT DISTINCT currency FROM deals WHERE currency IS NOT NULL").all() as { currency: string }[]).map((r) => r.currency);
      expect(currencies).toEqual(expect.arrayContaining(["CNY", "USD"]));
    } finally {
      db.close();
    }
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const d = dealShape(rng);
      expect((d.amount === null) === (d.currency === null)).toBe(true);
    }
  });

  it("builds an import file that db:import accepts", async () => {
    const dir = tempDir("perf-import-");
    const copy = path.join(dir, "copy.db");
    copyFileSync(target, copy);
    const csv = path.join(dir, "deals.csv");
    const { rows } = writeDealImportCsv(copy, csv, 300);
    expect(rows).toBe(300);
    const before = new Database(copy, { readonly: true });
    const count = (d: Database.Database) => (d.prepare("SELECT count(*) AS n FROM deals").get() as { n: number }).n;
    const n0 = count(before);
    before.close();
    const result = await importCommand([csv, "--db", copy, "--backup-dir", path.join(dir, "backups")], { defaultDb: copy });
    expect(result.out).toMatch(/300 added/);
    expect(result.code).toBe(0);
    const after = new Database(copy, { readonly: true });
    expect(count(after)).toBe(n0 + 300);
    after.close();
  });
});

describe("db:synth arguments", () => {
  it("reads whole numbers and refuses the rest with a clear message", () => {
    expect(parseSynthArgs(["--companies", "100_000", "--deals", "0", "--out", "var/x.db", "--seed", "7"])).toMatchObject({
      companies: 100_000, deals: 0, out: "var/x.db", seed: 7,
    });
    expect(() => parseSynthArgs(["--companies", "ten"])).toThrow(/--companies must be a whole number/);
    expect(() => parseSynthArgs(["--deals", "-5"])).toThrow();
    expect(() => parseSynthArgs(["--deals", "1.5"])).toThrow(/--deals must be a whole number/);
    expect(() => parseSynthArgs(["--companies", "5", "--deals", "10"])).toThrow(/at least 10/);
    expect(() => parseSynthArgs(["--out", "var/portfolio.db"])).toThrow(/real database/);
    expect(() => parseSynthArgs(["--bogus"])).toThrow();
    expect(() => parseSynthArgs(["extra"])).toThrow(/unexpected argument/);
  });
});
