import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { CitationView } from "@/lib/db/queries/citations";
import { buildTempDatabase } from "./helpers";

/**
 * A past view cites only the articles published by its day, and says the data date of that
 * day: the record as it stood then. Checked against the seeded data, whose later articles
 * (July and October 2025) and undated explainer cite most of the February 2025 figures again.
 */

let raw: Database.Database;
const DAY = "2025-03-01";

beforeAll(() => {
  const file = buildTempDatabase();
  process.env.PORTFOLIO_DB = file;
  raw = new Database(file, { readonly: true });
});

/** The published dates of the sources, by slug (null: undated). */
function sourceDates(): Map<string, string | null> {
  const rows = raw.prepare("SELECT slug, published_date AS date FROM sources").all() as { slug: string; date: string | null }[];
  return new Map(rows.map((r) => [r.slug, r.date]));
}

/** The citations of a list that a past view of `day` must not show: undated, or published after the day. */
function lateOn<C extends Pick<CitationView, "sourceSlug" | "publishedDate">>(day: string, cited: readonly C[]): C[] {
  const dates = sourceDates();
  return cited.filter((c) => {
    const date = dates.get(c.sourceSlug);
    return date === null || date === undefined || date > day || c.publishedDate !== date;
  });
}

/**
 * The deals or positions (by slug; a position by its company's) with states of their history
 * known on `day`, each with those states' sources: the later sources such a fact keeps (the
 * day's status on the page comes from them). `only`: those no source published by then cites,
 * known on the day through a state alone.
 */
function statesSources(subject: "deal" | "position", day: string, only = false): Map<string, string[]> {
  const fact = subject === "deal" ? "deals f ON f.id = sc.deal_id" : "positions f ON f.id = sc.position_id JOIN organizations o ON o.id = f.organization_id";
  const rows = raw
    .prepare(
      `SELECT DISTINCT ${subject === "deal" ? "f.slug" : "o.slug"} AS fact, s.slug AS source FROM status_changes sc JOIN ${fact}
       JOIN sources s ON s.id = sc.source_id WHERE sc.known_from <= @day
         ${only ? `AND NOT EXISTS (SELECT 1 FROM citations c JOIN sources cs ON cs.id = c.source_id WHERE c.${subject}_id = f.id AND cs.published_date <= @day)` : ""}`,
    )
    .all({ day }) as { fact: string; source: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.fact, [...(out.get(r.fact) ?? []), r.source]);
  return out;
}
const onlyThroughState = (subject: "deal" | "position", day: string) => statesSources(subject, day, true);

/** Each fact's citations on `day`: the later ones are exactly its known states' sources (none for a fact without states). */
function expectCitedOn(day: string, subject: "deal" | "position", facts: { slug: string; citations: CitationView[] }[]) {
  const kept = statesSources(subject, day);
  for (const f of facts) {
    const states = new Set(kept.get(f.slug) ?? []);
    expect(new Set(lateOn(day, f.citations).map((c) => c.sourceSlug)), f.slug).toEqual(new Set([...states].filter((s) => lateOn(day, [{ sourceSlug: s, publishedDate: sourceDates().get(s) ?? null }]).length > 0)));
    for (const s of states) expect(f.citations.map((c) => c.sourceSlug), f.slug).toContain(s);
    expect(f.citations.length, f.slug).toBeGreaterThan(0);
  }
}

describe("citations in a past view", () => {
  it("capex's spending lines on 1 Mar 2025 cite no source published after it, where today the same lines cite later ones", async () => {
    const { listSpending } = await import("@/lib/db/queries/spending");
    const past = listSpending({ asof: DAY });
    expect(past.length).toBeGreaterThan(0);
    const cited = past.flatMap((s) => s.citations);
    expect(lateOn(DAY, cited)).toEqual([]);
    // Every line known by the day has a source dated by then, so none is left without one.
    for (const s of past) expect(s.citations.length, s.slug).toBeGreaterThan(0);
    // The same lines today cite the July and October articles: the test would see a leak.
    const ids = new Set(past.map((s) => s.id));
    const today = listSpending().filter((s) => ids.has(s.id)).flatMap((s) => s.citations);
    expect(lateOn(DAY, today).map((c) => c.sourceSlug)).toEqual(expect.arrayContaining(["dingjiao-one-2025-10", "bold-38bn-bet-2025-07"]));
    // An estimated date counts as its estimate and keeps its marking.
    expect(cited.some((c) => c.dateEstimated && c.publishedDate === "2025-02-24")).toBe(true);
  });

  it("deals, financials, the company profile and the portfolio's rows cite only sources published by the day", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { listFinancials } = await import("@/lib/db/queries/spending");
    const { getOrganizationBySlug } = await import("@/lib/db/queries/organizations");
    const { listPortfolio, positionCitations } = await import("@/lib/db/queries/portfolio");
    const deals = listDeals({ asof: DAY }, { limit: 500 });
    expect(deals.length).toBeGreaterThan(0);
    expectCitedOn(DAY, "deal", deals);
    // The rule is tested on a day when some deals were known only through a state, and others from a source.
    expect(onlyThroughState("deal", DAY).size).toBeGreaterThan(0);
    expect(deals.length).toBeGreaterThan(onlyThroughState("deal", DAY).size);
    expect(lateOn(DAY, listFinancials({ asof: DAY }).flatMap((f) => f.citations))).toEqual([]);
    const alibaba = getOrganizationBySlug("alibaba", DAY)!;
    expect(lateOn(DAY, [...alibaba.citations, ...alibaba.positionCitations])).toEqual([]);
    expect(getOrganizationBySlug("alibaba")!.citations.length).toBeGreaterThan(alibaba.citations.length);
    const portfolio = listPortfolio({ asof: DAY }, { limit: 500 });
    expect(portfolio.length).toBeGreaterThan(0);
    expectCitedOn(DAY, "position", portfolio);
    // The overview's position citations: the day's sources, and the sources of the positions' states known by then.
    const states = new Set([...statesSources("position", DAY).values()].flat());
    expect(lateOn(DAY, positionCitations(DAY).map((p) => p.citation)).filter((c) => !states.has(c.sourceSlug))).toEqual([]);
  });

  it("the deals charts' sources on 1 Mar 2025 are the articles published by then, and those of the deals' states known by then", async () => {
    const { dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
    const { dealSourcesByYear } = await import("@/lib/db/queries/deal-year-sources");
    const kept = statesSources("deal", DAY);
    const keptCounts = new Map<string, number>();
    for (const sources of kept.values()) for (const s of sources) keptCounts.set(s, (keptCounts.get(s) ?? 0) + 1);
    const summary = dealSourceSummary({ asof: DAY });
    expect(new Map(lateOn(DAY, summary).map((c) => [c.sourceSlug, c.dealCount]))).toEqual(keptCounts);
    expect(summary.some((c) => c.publishedDate !== null && c.publishedDate <= DAY)).toBe(true);
    // Under a name filter (read from the deals' own citations), Zhipu's deals all dated by then.
    for (const filters of [{ asof: DAY, organization: "zhipu-ai" }, { asof: DAY, q: "zhipu" }]) {
      const named = dealSourceSummary(filters);
      expect(named.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(lateOn(DAY, named)).toEqual([]);
      expect(lateOn(DAY, [...dealSourcesByYear(filters).values()].flat())).toEqual([]);
    }
    // Per year, the undated chart has none of the later sources but the states'.
    expect(lateOn(DAY, [...dealSourcesByYear({ asof: DAY }).values()].flat()).every((c) => keptCounts.has(c.sourceSlug))).toBe(true);
  });

  it("a fact cited by then also cites the later article that dates a state of its history known by then", async () => {
    const { listPortfolio } = await import("@/lib/db/queries/portfolio");
    const zhipu = (day: string) => listPortfolio({ asof: day, q: "zhipu" }, { limit: 10 }).find((p) => p.slug === "zhipu-ai")!;
    // Listing guidance from April 2025, told by the October article: its status on 1 May rests on it.
    const may = zhipu("2025-05-01");
    expect(may.status).toBe("listing-in-progress");
    expect(may.citations.map((c) => c.sourceSlug)).toContain("dingjiao-one-2025-10");
    expect(may.citations.some((c) => c.publishedDate !== null && c.publishedDate <= "2025-05-01")).toBe(true);
    expectCitedOn("2025-05-01", "position", [may]);
    // Before the state, the same row cites the February articles alone.
    const march = zhipu("2025-03-01");
    expect(march.citations.map((c) => c.sourceSlug)).not.toContain("dingjiao-one-2025-10");
    expect(march.citations.length).toBeGreaterThan(0);
  });

  it("the DeepSeek rumour, known on 10 Feb 2025 only through its reported state, keeps that state's source", async () => {
    const { listDeals } = await import("@/lib/db/queries/deals");
    const { dealSourceSummary } = await import("@/lib/db/queries/deal-stats");
    const { positionCitations } = await import("@/lib/db/queries/portfolio");
    const { getOrganizationBySlug } = await import("@/lib/db/queries/organizations");
    const stateSource = raw
      .prepare("SELECT s.slug FROM status_changes sc JOIN deals d ON d.id = sc.deal_id JOIN sources s ON s.id = sc.source_id WHERE d.slug = 'deepseek-rumour-2025-02' AND sc.known_from <= ?")
      .pluck()
      .all("2025-02-10") as string[];
    expect(stateSource).toEqual(["dingjiao-one-2025-10"]);
    const [deal] = listDeals({ asof: "2025-02-10", organization: "deepseek" });
    expect(deal!.slug).toBe("deepseek-rumour-2025-02");
    expect(deal!.citations.map((c) => c.sourceSlug)).toEqual(stateSource);
    // With the Zebra joint venture's "announced" state (2015), the two deals known then.
    const summary = dealSourceSummary({ asof: "2025-02-10" });
    expect(summary.map((c) => [c.sourceSlug, c.dealCount])).toEqual([["dingjiao-one-2025-10", onlyThroughState("deal", "2025-02-10").size]]);
    expect(onlyThroughState("deal", "2025-02-10").size).toBe(2);
    expect(getOrganizationBySlug("deepseek", "2025-02-10")!.positionCitations.map((c) => c.sourceSlug)).toEqual(["dingjiao-one-2025-10"]);
    expect(new Set(positionCitations("2025-02-10").map((p) => p.citation.sourceSlug))).toEqual(new Set(["dingjiao-one-2025-10"]));
  });

  it("today's view reads every citation, as before", async () => {
    const { listSpending } = await import("@/lib/db/queries/spending");
    const all = raw.prepare("SELECT count(*) FROM citations WHERE spending_id IS NOT NULL").pluck().get() as number;
    expect(listSpending().flatMap((s) => s.citations).length).toBe(all);
  });
});

describe("the data date of a past view", () => {
  it("is the newest source published by the day, in the API's meta and the download's column and name", async () => {
    const { getDataAsOf } = await import("@/lib/db/queries/meta");
    const { fetchResource } = await import("@/lib/views/api-records");
    const { GET: capex } = await import("@/app/capex/download/route");
    expect(getDataAsOf()).toBe("2025-10-09");
    expect(getDataAsOf(DAY)).toBe("2025-02-24");
    expect(getDataAsOf("2025-08-01")).toBe("2025-07-16");
    expect(getDataAsOf("2025-01-31")).toBeNull();
    const api = fetchResource("spending", { asof: DAY } as never);
    expect(api.dataAsOf).toBe("2025-02-24");
    expect(lateOn(DAY, (api.rows as { citations: CitationView[] }[]).flatMap((r) => r.citations))).toEqual([]);
    const res = await capex(new NextRequest(`http://localhost/capex/download?group=comparable&mode=stated&currency=USD&scope=all&asof=${DAY}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="alibaba-ai-[a-z0-9-]+-2025-02-24-as-of-2025-03-01\.csv"/);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.data_as_of).toBe("2025-02-24");
      expect(r.sources).not.toMatch(/DingJiao|Bold \$38|explainer/i);
    }
    // Today's file keeps its name.
    const today = await capex(new NextRequest("http://localhost/capex/download?group=comparable&mode=stated&currency=USD&scope=all"));
    expect(today.headers.get("content-disposition")).toMatch(/-2025-10-09\.csv"/);
  });
});
