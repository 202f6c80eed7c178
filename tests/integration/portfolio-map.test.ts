import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTempDatabase } from "./helpers";

beforeAll(() => {
  process.env.PORTFOLIO_DB = buildTempDatabase();
});

/** The map as the page draws it, from the real layers and the first few basic-layer tiles. */
async function renderMap(layerCounts: Record<string, number> | undefined, layer?: string) {
  const { PortfolioMap } = await import("@/components/portfolio/portfolio-map");
  const { listLayers, listPortfolioTiles } = await import("@/lib/db/queries/portfolio");
  const companies = listPortfolioTiles({ layer: "basic" }, { limit: 3 });
  expect(companies).toHaveLength(3);
  return renderToStaticMarkup(createElement(PortfolioMap, { layers: listLayers(), companies, state: { layer }, layerCounts }));
}

const text = (html: string) => html.replace(/<[^>]+>/g, "");
const band = (html: string, layer: string) => html.match(new RegExp(`<section[^>]*data-testid="band-${layer}"[^>]*>([\\s\\S]*?)</header>[\\s\\S]*?(?=<section[^>]*data-testid="band-|$)`))?.[0];

describe("the portfolio map when it holds only the selection's first tiles", () => {
  it("says how many of each layer's companies it shows, and keeps a band with a link for a layer none of whose companies made it", async () => {
    const html = await renderMap({ basic: 16_309, technology: 24_793, application: 0 });
    expect(text(band(html, "basic")!)).toContain("16,309 companies, 3 shown");
    expect(text(band(html, "basic")!)).toMatch(/\(\d shown\)/);
    const technology = band(html, "technology")!;
    expect(text(technology)).toContain("24,793 companies");
    expect(text(technology)).not.toContain("shown");
    expect(technology).toContain('data-testid="layer-not-shown"');
    expect(technology).toContain('href="/portfolio?layer=technology"');
    // A layer with no company in the selection still has no band.
    expect(band(html, "application")).toBeUndefined();
  });

  it("leaves out the layers the selection leaves out, whatever their counts", async () => {
    const html = await renderMap({ basic: 16_309, technology: 24_793, application: 40_908 }, "basic,application");
    expect(band(html, "technology")).toBeUndefined();
    expect(band(html, "application")).toContain('data-testid="layer-not-shown"');
    const excluded = await renderMap({ basic: 16_309, technology: 24_793, application: 40_908 }, "-technology");
    expect(band(excluded, "technology")).toBeUndefined();
  });

  it("counts only its tiles when it holds the whole selection", async () => {
    const html = await renderMap(undefined);
    expect(text(band(html, "basic")!)).toContain("3 companies");
    expect(text(band(html, "basic")!)).not.toContain("shown");
    expect(band(html, "technology")).toBeUndefined();
  });
});
