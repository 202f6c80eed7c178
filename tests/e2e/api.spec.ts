import { parse } from "csv-parse/sync";
import { queryAll } from "./db";
import { expect, test } from "./fixtures";

type Page<T> = { data: T[]; meta: { total: number; next: string | null; dataAsOf: string } };

test.describe("read API: each endpoint with a filter matches the database", () => {
  test("organizations?kind=competitor", async ({ request }) => {
    const body = (await (await request.get("/api/v1/organizations?kind=competitor&limit=500")).json()) as Page<{ slug: string }>;
    const db = queryAll<{ slug: string }>("SELECT slug FROM organizations WHERE kind = 'competitor' ORDER BY name");
    expect(body.data.map((o) => o.slug)).toEqual(db.map((o) => o.slug));
    expect(body.meta.total).toBe(db.length);
  });

  test("positions?layer=application&status=listing-in-progress", async ({ request }) => {
    const body = (await (await request.get("/api/v1/positions?layer=application&status=listing-in-progress")).json()) as Page<{ slug: string; citations: unknown[] }>;
    const db = queryAll<{ slug: string }>(
      "SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.layer = 'application' AND p.status = 'listing-in-progress'",
    );
    expect(body.data.map((o) => o.slug).sort()).toEqual(db.map((o) => o.slug).sort());
    for (const row of body.data) expect(row.citations.length).toBeGreaterThan(0);
  });

  test("positions carry the kind the data states, as the overview counts them", async ({ request }) => {
    const body = (await (await request.get("/api/v1/positions?limit=500")).json()) as Page<{ slug: string; kind: string }>;
    const stated = queryAll<{ slug: string; kind: string }>("SELECT o.slug, p.kind FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.kind IS NOT NULL");
    expect(stated.length).toBeGreaterThan(0);
    const kinds = new Map(body.data.map((p) => [p.slug, p.kind]));
    for (const s of stated) expect(kinds.get(s.slug), s.slug).toBe(s.kind);
  });

  test("deals?status=denied and a year range", async ({ request }) => {
    const denied = (await (await request.get("/api/v1/deals?status=denied")).json()) as Page<{ slug: string; stakePercent: number | null }>;
    const db = queryAll<{ slug: string; stake_percent: number | null }>("SELECT slug, stake_percent FROM deals WHERE status = 'denied'");
    expect(denied.data.map((d) => d.slug)).toEqual(db.map((d) => d.slug));
    expect(denied.data[0]!.stakePercent).toBe(db[0]!.stake_percent);
    const ranged = (await (await request.get("/api/v1/deals?from=2015&to=2019")).json()) as Page<{ date: string }>;
    const n = queryAll<{ n: number }>("SELECT count(*) AS n FROM deals WHERE sort_date BETWEEN '2015-01-01' AND '2019-12-31'")[0]!.n;
    expect(ranged.meta.total).toBe(n);
    for (const d of ranged.data) expect(Number(d.date.slice(0, 4))).toBeGreaterThanOrEqual(2015);
  });

  test("financials?organization=zebra-network", async ({ request }) => {
    const body = (await (await request.get("/api/v1/financials?organization=zebra-network")).json()) as Page<{ slug: string; value: number }>;
    const db = queryAll<{ slug: string; value: number }>(
      "SELECT f.slug, f.value FROM financials f JOIN organizations o ON o.id = f.organization_id WHERE o.slug = 'zebra-network'",
    );
    expect(body.data.map((f) => [f.slug, f.value]).sort()).toEqual(db.map((f) => [f.slug, f.value]).sort());
  });

  test("spending?kind=pledge&scope=...", async ({ request }) => {
    const [pledge] = queryAll<{ slug: string; scope: string; amount: number }>("SELECT slug, scope, amount FROM spending WHERE kind = 'pledge' LIMIT 1");
    const body = (await (await request.get(`/api/v1/spending?kind=pledge&scope=${pledge!.scope}`)).json()) as Page<{ slug: string; amount: number }>;
    expect(body.data.map((s) => s.slug)).toContain(pledge!.slug);
    expect(body.data.find((s) => s.slug === pledge!.slug)!.amount).toBe(pledge!.amount);
  });

  test("sources and conflicts?organization=alibaba", async ({ request }) => {
    const sources = (await (await request.get("/api/v1/sources")).json()) as Page<{ slug: string }>;
    expect(sources.meta.total).toBe(queryAll<{ n: number }>("SELECT count(*) AS n FROM sources")[0]!.n);
    const conflicts = (await (await request.get("/api/v1/conflicts?organization=alibaba")).json()) as Page<{ claims: unknown[] }>;
    const n = queryAll<{ n: number }>(
      "SELECT count(*) AS n FROM conflicts c JOIN organizations o ON o.id = c.organization_id WHERE o.slug = 'alibaba'",
    )[0]!.n;
    expect(conflicts.data).toHaveLength(n);
    for (const c of conflicts.data) expect(c.claims.length).toBeGreaterThanOrEqual(2);
  });

  test("paging: limit, offset and meta.next walk the whole table", async ({ request }) => {
    const total = queryAll<{ n: number }>("SELECT count(*) AS n FROM deals")[0]!.n;
    const seen: string[] = [];
    let url: string | null = "/api/v1/deals?limit=7";
    while (url) {
      const body = (await (await request.get(url)).json()) as Page<{ slug: string }>;
      seen.push(...body.data.map((d) => d.slug));
      url = body.meta.next;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  test("the multi-value filters of the pages work here too, with the pages' rows", async ({ request }) => {
    // A filtered page's query string pulls the same rows through the API.
    const kinds = (await (await request.get("/api/v1/deals?kind=acquisition,equity-investment&limit=500")).json()) as Page<{ slug: string }>;
    const db = queryAll<{ slug: string }>("SELECT slug FROM deals WHERE kind IN ('acquisition', 'equity-investment')");
    expect(db.length).toBeGreaterThan(1);
    expect(kinds.data.map((d) => d.slug).sort()).toEqual(db.map((d) => d.slug).sort());
    const csv = parse(await (await request.get("/deals/download?kind=acquisition,equity-investment")).text(), { columns: true }) as Record<string, string>[];
    expect(kinds.meta.total).toBe(csv.length);

    const notSubsidiaries = (await (await request.get("/api/v1/positions?relationship=-subsidiary&limit=500")).json()) as Page<{ slug: string }>;
    const kept = queryAll<{ slug: string }>("SELECT o.slug FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.relationship <> 'subsidiary'");
    expect(notSubsidiaries.data.map((p) => p.slug).sort()).toEqual(kept.map((p) => p.slug).sort());
    expect(notSubsidiaries.meta.total).toBeLessThan(queryAll<{ n: number }>("SELECT count(*) AS n FROM positions")[0]!.n);
  });
});

test.describe("read API: errors", () => {
  test("an invalid parameter is a 400 naming it and what is allowed", async ({ request }) => {
    const res = await request.get("/api/v1/deals?status=maybe");
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.problems[0]).toMatchObject({ param: "status", allowed: expect.stringContaining("denied") });
    const repeated = await request.get("/api/v1/positions?layer=basic&layer=technology");
    expect(repeated.status()).toBe(400);
    expect((await repeated.json()).problems[0].message).toContain("more than once");
    const limit = await request.get("/api/v1/organizations?limit=100000");
    expect(limit.status()).toBe(400);
  });

  test("an unknown resource is a 404 listing the resources", async ({ request }) => {
    const res = await request.get("/api/v1/people");
    expect(res.status()).toBe(404);
    expect((await res.json()).resources).toContain("deals");
  });
});

test("CSV: the same records, a sources column, the data date, formula-safe cells", async ({ request }) => {
  const res = await request.get("/api/v1/deals?format=csv&limit=500");
  expect(res.headers()["content-type"]).toContain("text/csv");
  const asOf = queryAll<{ value: string }>("SELECT value FROM meta WHERE key = 'data_as_of'")[0]!.value;
  expect(res.headers()["content-disposition"]).toContain(`alibaba-ai-deals-${asOf}.csv`);
  const rows = parse(await res.body(), { columns: true, bom: true }) as Record<string, string>[];
  const db = queryAll<{ slug: string }>("SELECT slug FROM deals");
  expect(rows.map((r) => r.slug).sort()).toEqual(db.map((d) => d.slug).sort());
  for (const r of rows) {
    expect(r.sources!.length).toBeGreaterThan(0);
    expect(r.data_as_of).toBe(asOf);
    for (const cell of Object.values(r)) if (Number.isNaN(Number(cell))) expect(cell).not.toMatch(/^[=+\-@]/);
  }
});

test("the /api page documents every endpoint with a working example link", async ({ page, request }) => {
  await page.goto("/api");
  for (const name of ["organizations", "positions", "deals", "financials", "spending", "sources", "conflicts"]) {
    const section = page.getByTestId(`api-${name}`);
    await expect(section).toBeVisible();
    const href = await section.getByRole("link").first().getAttribute("href");
    expect((await request.get(href!)).status()).toBe(200);
  }
});
