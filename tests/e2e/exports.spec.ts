import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { pointAtUntil } from "../pages/point-at";

/** The width and height a PNG declares in its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** The SVG's parts as the browser lays them out: title, plot, legend and footer boxes. */
async function layoutOf(page: Page, svgText: string) {
  return page.evaluate((text) => {
    const host = document.createElement("div");
    host.style.cssText = "position:absolute;left:0;top:0;";
    host.innerHTML = text;
    document.body.append(host);
    const svg = host.querySelector("svg")!;
    const texts = [...svg.querySelectorAll(":scope > text")].map((t) => ({ text: t.textContent ?? "", y: Number(t.getAttribute("y")), fill: t.getAttribute("fill") }));
    const plot = svg.querySelector(":scope > svg")!;
    const out = {
      width: Number(svg.getAttribute("width")),
      height: Number(svg.getAttribute("height")),
      plot: { y: Number(plot.getAttribute("y")), height: Number(plot.getAttribute("height")), width: Number(plot.getAttribute("width")) },
      texts,
    };
    host.remove();
    return out;
  }, svgText);
}

const CHARTS = [
  { path: "/", figure: "chart-portfolio" },
  { path: "/", figure: "chart-pledge" },
  // The overview's competitors figure is a list of bars in HTML (the comparable view), with a CSV download and no chart image.
  { path: "/deals", figure: "chart-deals-per-year" },
  { path: "/capex", figure: "capex-chart" },
];

for (const { path, figure } of CHARTS) {
  test(`${path} ${figure}: the SVG and PNG are the whole chart, title on top, legend, and a footer of at most a quarter`, async ({ page }) => {
    await page.goto(path);
    const fig = page.getByTestId(figure);
    test.skip((await fig.count()) === 0, `${figure} is not on ${path}`);
    // Pointing at the chart asks for the plot (use-box-size.ts); the export is of the plot.
    await pointAtUntil(fig.locator(".chart-box"), fig.locator(".chart-box svg.recharts-surface"));
    await expect(fig.locator(".chart-box svg.recharts-surface").first()).toBeVisible();
    const plotBox = await fig.locator(".chart-box svg.recharts-surface").first().boundingBox();
    const title = (await fig.locator("h2").first().textContent())!.trim();

    const svg = await download(page, fig.getByTestId("download-svg"));
    const layout = await layoutOf(page, svg.bytes.toString("utf8"));
    // The plot inside the image is the chart on screen, not a legend icon.
    expect(Math.abs(layout.plot.width - plotBox!.width)).toBeLessThan(2);
    expect(Math.abs(layout.plot.height - plotBox!.height)).toBeLessThan(2);
    expect(layout.width).toBeGreaterThanOrEqual(plotBox!.width);
    // The title is the first text, above the plot.
    const first = layout.texts[0]!;
    expect(title.startsWith(first.text)).toBe(true);
    expect(first.y).toBeLessThan(layout.plot.y);
    // The legend's names are drawn under the plot, when the chart has a legend.
    const legendNames = await fig.locator("[data-legend-label]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.legendLabel));
    for (const name of legendNames) expect(layout.texts.some((t) => t.text === name && t.y > layout.plot.y + layout.plot.height)).toBe(true);
    // Sources and the data date in a footer of at most a quarter of the image.
    const footer = layout.texts.filter((t) => t.text.startsWith("Sources:") || t.text.startsWith("Data as of"));
    expect(footer.length).toBeGreaterThanOrEqual(2);
    const footerTop = Math.min(...layout.texts.filter((t) => t.y > layout.plot.y + layout.plot.height && !legendNames.includes(t.text)).map((t) => t.y)) - 15;
    expect(layout.height - footerTop).toBeLessThanOrEqual(layout.height / 4 + 1);

    const png = await download(page, fig.getByTestId("download-png"));
    expect(png.name).toMatch(/\.png$/);
    const size = pngSize(png.bytes);
    expect(size.width).toBe(layout.width * 2);
    expect(size.height).toBe(layout.height * 2);
  });
}

test("a PNG exported in dark mode is drawn in light colours: dark names on a white ground", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const fig = page.getByTestId("chart-portfolio");
  await pointAtUntil(fig.locator(".chart-box"), fig.locator(".chart-box svg.recharts-surface"));
  await expect(fig.locator(".chart-box svg.recharts-surface").first()).toBeVisible();
  const svg = await download(page, fig.getByTestId("download-svg"));
  const png = await download(page, fig.getByTestId("download-png"));
  // Draw the PNG and sample the pixels under each axis name (the layer names on the left).
  const samples = await page.evaluate(
    async ({ svgText, pngBase64 }) => {
      const host = document.createElement("div");
      host.style.cssText = "position:absolute;left:0;top:0;";
      host.innerHTML = svgText;
      document.body.append(host);
      const root = host.querySelector("svg")!;
      const rootBox = root.getBoundingClientRect();
      const names = [...root.querySelectorAll(".recharts-yAxis text, text.recharts-cartesian-axis-tick-value, :scope > text")].map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent, x: b.left - rootBox.left, y: b.top - rootBox.top, w: b.width, h: b.height };
      });
      host.remove();
      const img = new Image();
      img.src = `data:image/png;base64,${pngBase64}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const lum = (d: Uint8ClampedArray, i: number) => 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!;
      return names
        .filter((n) => n.w > 4)
        .map((n) => {
          const data = ctx.getImageData(Math.floor(n.x * 2), Math.floor(n.y * 2), Math.ceil(n.w * 2), Math.ceil(n.h * 2)).data;
          let darkest = 255;
          let lightest = 0;
          for (let i = 0; i < data.length; i += 4) {
            darkest = Math.min(darkest, lum(data, i));
            lightest = Math.max(lightest, lum(data, i));
          }
          return { text: n.text, darkest, lightest };
        });
    },
    { svgText: svg.bytes.toString("utf8"), pngBase64: png.bytes.toString("base64") },
  );
  expect(samples.length).toBeGreaterThan(3);
  for (const s of samples) {
    // Text pixels are dark and the ground between them is white: legible, not white on white.
    expect(s.darkest, `text "${s.text}"`).toBeLessThan(110);
    expect(s.lightest, `ground under "${s.text}"`).toBeGreaterThan(230);
  }
});
