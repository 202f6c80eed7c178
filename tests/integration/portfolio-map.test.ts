import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTempDatabase } from "./helpers";
import type { SegmentCount } from "@/lib/views/records";

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

/** The map as the page draws it, from the real layers and the first few basic-layer tiles. */
async function renderMap(segments: (tiles: { layer: string; segment: string }[]) => SegmentCount[] | undefined) {
  const { PortfolioMap } = await import("@/components/portfolio/portfolio-map");
  const { listLayers, listPortfolioTiles } = await import("@/lib/db/queries/portfolio");
  const companies = listPortfolioTiles({ layer: "basic" }, { limit: 3 });
  expect(companies).toHaveLength(3);
  return { companies, html: renderToStaticMarkup(createElement(PortfolioMap, { layers: listLayers(), companies, state: {}, segments: segments(companies) })) };
}

const text = (html: string) => html.replace(/<[^>]+>/g, "");
const band = (html: string, layer: string) => html.match(new RegExp(`<section[^>]*data-testid="band-${layer}"[^>]*>[\\s\\S]*?(?=<section[^>]*data-testid="band-|$)`))?.[0];
const segmentHtml = (html: string, segment: string) => html.match(new RegExp(`<section[^>]*data-segment="${segment}"[^>]*>[\\s\\S]*?</section>`))?.[0];

/** The tiles' own segments, each said to hold `extra` more companies than were drawn. */
const countsOf = (tiles: { layer: string; segment: string }[], extra: number): SegmentCount[] =>
  [...new Set(tiles.map((t) => t.segment))].map((segment) => ({
    layer: "basic",
    segment,
    companies: tiles.filter((t) => t.segment === segment).length + extra,
  }));

describe("the portfolio map when it draws a few of each segment's companies", () => {
  it("says how many of each layer's and each segment's companies it draws", async () => {
    const { companies, html } = await renderMap((tiles) => countsOf(tiles, 1_000));
    const segments = countsOf(companies, 1_000);
    const all = segments.reduce((sum, s) => sum + s.companies, 0);
    expect(text(band(html, "basic")!)).toContain(`${all.toLocaleString("en-US")} companies, 3 shown`);
    for (const s of segments) {
      const drawn = companies.filter((c) => c.segment === s.segment).length;
      expect(text(segmentHtml(html, s.segment)!)).toContain(`(${drawn} of ${s.companies.toLocaleString("en-US")} shown)`);
    }
    expect(band(html, "technology")).toBeUndefined();
  });

  it("keeps the heading and link of a segment none of whose companies it drew, in a band of its own", async () => {
    const { html } = await renderMap((tiles) => [...countsOf(tiles, 0), { layer: "technology", segment: "llm", companies: 24_793 }]);
    const technology = band(html, "technology")!;
    expect(text(technology)).toContain("24,793 companies, 0 shown");
    const llm = segmentHtml(technology, "llm")!;
    expect(text(llm)).toContain("(0 of 24,793 shown)");
    expect(llm).toContain('href="/portfolio?segment=llm"');
    expect(llm).not.toContain('data-testid="company-tile"');
    // Segments drawn whole say only their count.
    expect(text(band(html, "basic")!)).not.toContain("shown");
    expect(band(html, "application")).toBeUndefined();
  });

  it("counts only its tiles when it holds the whole selection", async () => {
    const { html } = await renderMap(() => undefined);
    expect(text(band(html, "basic")!)).toContain("3 companies");
    expect(text(band(html, "basic")!)).not.toContain("shown");
    expect(band(html, "technology")).toBeUndefined();
  });
});
