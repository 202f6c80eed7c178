import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as overview } from "@/app/(overview)/download/route";
import { GET as capex } from "@/app/capex/download/route";
import { GET as company } from "@/app/companies/[slug]/download/route";
import { GET as deals } from "@/app/deals/download/route";
import { GET as sources } from "@/app/sources/download/route";
import { buildTempDatabase } from "./helpers";

/**
 * The pages' download routes on the real dataset: each serves its page's tables by `table`,
 * answers a parameter it cannot read with a 400 that names it, and what does not exist
 * (a company, a chart) with a 404.
 */
beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

const req = (path: string) => new NextRequest(`http://localhost${path}`);
const companyGet = (slug: string, query: string) => company(req(`/companies/${slug}/download${query}`), { params: Promise.resolve({ slug }) });
const csvOf = async (res: Response) => parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
const filename = (res: Response) => /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];

describe("bad parameters are a 400 naming the parameter", () => {
  it.each([
    ["overview without a table", () => overview(req("/download")), /table: missing.*\(allowed: pledge, portfolio, competitors, recent-deals\)/],
    ["overview, an unknown table", () => overview(req("/download?table=nope")), /table: not one of the allowed values \(allowed: pledge, portfolio/],
    ["overview, a day not on the calendar", () => overview(req("/download?table=pledge&asof=2025-02-30")), /asof: not a date on the calendar/],
    ["overview, an unknown format", () => overview(req("/download?table=pledge&format=pdf")), /format: not one of the allowed values: csv, xlsx, sources/],
    ["overview, the table given twice", () => overview(req("/download?table=pledge&table=portfolio")), /table: given more than once/],
    ["a table without a chart asked for its chart's sources", () => overview(req("/download?table=recent-deals&format=sources")), /format: this table has no chart/],
    ["capex, an unknown view", () => capex(req("/capex/download?group=nope")), /group: not one of the allowed values/],
    ["sources, an unknown table", () => sources(req("/sources/download?table=articles")), /table: not one of the allowed values \(allowed: conflicts, fx-rates\)/],
    ["deals, an unknown table", () => deals(req("/deals/download?table=nope")), /table: not one of the allowed values/],
    ["deals, an unknown kind with the per-year table", () => deals(req("/deals/download?table=per-year&kind=nope")), /kind: "nope" is not one of the allowed values/],
    ["company without a table", () => companyGet("alibaba", ""), /table: missing/],
    ["company, a chart without its name", () => companyGet("alibaba", "?table=financial-chart"), /chart: missing/],
    ["company, a chart named for another table", () => companyGet("alibaba", "?table=deals&chart=revenue-cny"), /chart: only read with table=financial-chart/],
  ])("%s", async (_what, call, message) => {
    const res = await call();
    expect(res.status).toBe(400);
    // Left to proxy.ts, which gives refusals the same validator as files (tests/e2e/serving.spec.ts).
    expect(res.headers.get("cache-control")).toBeNull();
    expect(await res.text()).toMatch(message);
  });
});

describe("what does not exist is a 404", () => {
  it.each([
    ["an unknown company", () => companyGet("no-such-company", "?table=deals"), /No company by that name/],
    ["a malformed company slug", () => companyGet("Not A Slug", "?table=deals"), /No company by that name/],
    ["a chart the company does not have", () => companyGet("kaola", "?table=financial-chart&chart=revenue-cny"), /Kaola.com has no financial chart "revenue-cny"/],
    // Two team sizes, one without dates: listed in the table, not drawn, so no chart to serve.
    ["a series the page lists but does not draw", () => companyGet("kaola", "?table=financial-chart&chart=team-size-people"), /no financial chart "team-size-people"/],
  ])("%s", async (_what, call, message) => {
    const res = await call();
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(message);
  });
});

describe("each table is served as CSV, Excel and (for a chart) its sources", () => {
  it("the overview's recent deals: six rows, each with sources and the data date, under the page's file name", async () => {
    const res = await overview(req("/download?table=recent-deals"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(filename(res)).toMatch(/^alibaba-ai-recent-deals-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = await csvOf(res);
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.sources).toMatch(/\w/);
  });

  it("a past view's table holds only what was published by that day", async () => {
    const now = await csvOf(await sources(req("/sources/download?table=conflicts")));
    const past = await csvOf(await sources(req("/sources/download?table=conflicts&asof=2025-01-01")));
    expect(past.length).toBeLessThan(now.length);
  });

  it("a chart's sources are the texts its image names, as JSON", async () => {
    const res = await overview(req("/download?table=pledge&format=sources"));
    expect(res.status).toBe(200);
    const texts = (await res.json()) as string[];
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
    // Each is a whole citation text, as the CSV's sources cells are made of.
    const cells = (await csvOf(await overview(req("/download?table=pledge")))).map((r) => r.sources).join("; ");
    for (const t of texts) expect(cells).toContain(t);
  });

  it("Excel is an .xlsx file under the same name", async () => {
    const res = await capex(req("/capex/download?group=scope&currency=CNY&format=xlsx"));
    expect(res.status).toBe(200);
    expect(filename(res)).toMatch(/^alibaba-ai-capex-as-stated-cny-all-scopes-.*\.xlsx$/);
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it("a company's deals and spending statements", async () => {
    const spending = await companyGet("alibaba", "?table=spending&format=xlsx");
    expect(filename(spending)).toMatch(/^alibaba-ai-alibaba-group-spending-statements-.*\.xlsx$/);
    const own = await companyGet("unitree", "?table=deals");
    expect(filename(own)).toMatch(/^alibaba-ai-deals-in-unitree/);
    expect((await csvOf(own)).length).toBeGreaterThan(0);
  });
});
