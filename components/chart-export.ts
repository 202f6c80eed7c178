import { INK, type PaletteCategory, type Pattern, swatchOf } from "@/lib/domain/palette";

/**
 * Builds the SVG and PNG files of "Download SVG" / "Download PNG". Loaded by the buttons on
 * first use, so pages do not ship this code to readers who never export a chart.
 *
 * The image is the chart as a reader would cite it: title on top, the plot, its legend, and a
 * footer with the sources and the data date that never takes more than a quarter of the
 * image. It is always drawn in the light theme, whatever the page shows, so it reads the same
 * pasted into a white memo (a dark page exported white names onto a white background).
 */

const NS = "http://www.w3.org/2000/svg";
const LIGHT_TEXT = "#14171f";
const LIGHT_MUTED = "#4a5263";
const PAD = 12;
const TITLE = 16;
const SMALL = 11;
const LINE = 15;

/** Hands a file to the browser as a download. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The chart's plot: the largest SVG in the figure's chart box. Recharts also draws small
 * SVGs (legend icons); taking the first one exported a 28 px sliver.
 */
export function plotSvgOf(root: ParentNode): SVGSVGElement | null {
  const all = [...root.querySelectorAll<SVGSVGElement>(".chart-box svg")];
  let best: SVGSVGElement | null = null;
  let area = 0;
  for (const svg of all) {
    const { width, height } = svg.getBoundingClientRect();
    if (width * height > area) {
      area = width * height;
      best = svg;
    }
  }
  return best;
}

/** Words wrapped to lines of at most `perLine` characters. */
function wrap(text: string, perLine: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > perLine) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** Runs `read` with the page's light theme applied, then puts the visitor's theme back before paint. */
function inLightTheme<T>(read: () => T): T {
  const html = document.documentElement;
  const previous = html.getAttribute("data-theme");
  html.setAttribute("data-theme", "light");
  try {
    return read();
  } finally {
    if (previous === null) html.removeAttribute("data-theme");
    else html.setAttribute("data-theme", previous);
  }
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function patternDef(id: string, pattern: Pattern, colour: string): SVGPatternElement {
  const p = el("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", ...(pattern === "hatch" || pattern === "cross" ? { patternTransform: "rotate(45)" } : {}) });
  p.append(el("rect", { width: 6, height: 6, fill: "#ffffff" }));
  if (pattern === "hatch") p.append(el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: colour, "stroke-width": 2 }));
  if (pattern === "stripes") p.append(el("line", { x1: 1.5, y1: 0, x2: 1.5, y2: 6, stroke: colour, "stroke-width": 3 }));
  if (pattern === "cross") {
    p.append(el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: colour, "stroke-width": 1.5 }));
    p.append(el("line", { x1: 0, y1: 3, x2: 6, y2: 3, stroke: colour, "stroke-width": 1.5 }));
  }
  if (pattern === "dots") p.append(el("circle", { cx: 3, cy: 3, r: 1.6, fill: colour }));
  return p;
}

interface LegendEntry {
  label: string;
  category?: PaletteCategory;
  value?: string;
}

/** The legend items shown beside the chart (ChartLegend, KindLegend), read from the page. */
function legendOf(figure: Element | null): LegendEntry[] {
  if (!figure) return [];
  return [...figure.querySelectorAll<HTMLElement>("[data-legend-label]")].map((li) => {
    const sw = li.querySelector<HTMLElement>(".swatch");
    return { label: li.dataset.legendLabel ?? "", category: sw?.dataset.category as PaletteCategory | undefined, value: sw?.dataset.value };
  });
}

export interface ExportedImage {
  text: string;
  width: number;
  height: number;
  /** Heights of the parts, for tests and for the PNG. */
  parts: { title: number; plot: number; legend: number; footer: number };
}

/** The chart as a standalone SVG document: title, plot, legend, footer. */
export function annotatedSvg(svg: SVGSVGElement, title: string, sources: string[], dataAsOf: string | null): ExportedImage {
  const box = svg.getBoundingClientRect();
  const plotW = Math.round(box.width);
  const plotH = Math.round(box.height);
  const width = Math.max(plotW + 2 * PAD, 360);
  const perLine = Math.max(30, Math.floor((width - 2 * PAD) / (SMALL * 0.55)));
  const titleLines = wrap(title, Math.floor((width - 2 * PAD) / (TITLE * 0.58)));
  const titleH = PAD + titleLines.length * (TITLE + 4) + 6;

  // Legend entries flow left to right, wrapping like the page's legend.
  const legend = legendOf(svg.closest("figure"));
  const legendRows: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = PAD;
  let row = 0;
  for (const entry of legend) {
    const w = 18 + entry.label.length * SMALL * 0.58 + 14;
    if (x > PAD && x + w > width - PAD) {
      row += 1;
      x = PAD;
    }
    legendRows.push({ entry, x, row });
    x += w;
  }
  const legendH = legend.length ? (row + 1) * LINE + 8 : 0;

  // The footer gets at most a third of the rest, so at most a quarter of the whole image;
  // sources that do not fit are counted, not dropped silently.
  const above = titleH + plotH + legendH;
  const maxFooterLines = Math.max(2, Math.floor((above / 3 - PAD) / LINE));
  const dateLine = `Data as of ${dataAsOf ?? "unknown"} · Alibaba AI Portfolio dashboard`;
  let sourceLines = wrap(`Sources: ${sources.join("; ") || "see the dashboard"}`, perLine);
  if (sourceLines.length > maxFooterLines - 1) {
    let kept = sources.length;
    do {
      kept -= 1;
      const more = sources.length - kept;
      sourceLines = wrap(`Sources: ${sources.slice(0, kept).join("; ")}${kept ? "; " : ""}and ${more} more (listed in the CSV download and on the page)`, perLine);
    } while (kept > 0 && sourceLines.length > maxFooterLines - 1);
    sourceLines = sourceLines.slice(0, maxFooterLines - 1);
  }
  const footerLines = [...sourceLines, dateLine];
  const footerH = footerLines.length * LINE + PAD;
  const height = above + footerH;

  const out = el("svg", { xmlns: NS, width, height, viewBox: `0 0 ${width} ${height}`, "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" });
  const defs = el("defs", {});
  out.append(defs, el("rect", { width, height, fill: "#ffffff" }));
  titleLines.forEach((line, i) => out.append(el("text", { x: PAD, y: PAD + (i + 1) * (TITLE + 4) - 4, "font-size": TITLE, "font-weight": 700, fill: LIGHT_TEXT }, line)));

  // The plot with every colour resolved in the light theme: CSS variables mean nothing
  // outside the page, and the page may be dark.
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll("*")];
  const copies = [clone, ...clone.querySelectorAll("*")];
  inLightTheme(() => {
    copies.forEach((node, i) => {
      const src = live[i];
      if (!(src instanceof SVGElement) || !(node instanceof SVGElement)) return;
      const cs = getComputedStyle(src);
      node.setAttribute("fill", cs.fill);
      node.setAttribute("stroke", cs.stroke);
      if (cs.strokeWidth) node.setAttribute("stroke-width", cs.strokeWidth);
      if (cs.paintOrder && cs.paintOrder !== "normal") node.setAttribute("paint-order", cs.paintOrder);
      if (src instanceof SVGTextElement || src instanceof SVGTSpanElement) {
        node.setAttribute("font-size", cs.fontSize);
        node.setAttribute("font-weight", cs.fontWeight);
      }
      node.removeAttribute("style");
      node.removeAttribute("class");
    });
  });
  clone.setAttribute("x", String(Math.round((width - plotW) / 2)));
  clone.setAttribute("y", String(titleH));
  clone.setAttribute("width", String(plotW));
  clone.setAttribute("height", String(plotH));
  clone.setAttribute("overflow", "visible");
  out.append(clone);

  // The legend, with the palette's light swatches.
  const legendTop = titleH + plotH + 4;
  for (const { entry, x: lx, row: r } of legendRows) {
    const y = legendTop + r * LINE;
    let fill = LIGHT_MUTED;
    let stroke = LIGHT_MUTED;
    if (entry.category && entry.value) {
      const sw = swatchOf(entry.category, entry.value as never);
      stroke = sw.tone.light;
      fill = sw.tone.light;
      if (sw.pattern !== "solid") {
        const id = `export-${entry.category}-${entry.value}`;
        if (!defs.querySelector(`#${CSS.escape(id)}`)) defs.append(patternDef(id, sw.pattern, sw.tone.light));
        fill = `url(#${id})`;
      }
    }
    out.append(el("rect", { x: lx, y: y + 2, width: 12, height: 12, rx: 2, fill, stroke, "stroke-width": 1.5 }));
    out.append(el("text", { x: lx + 18, y: y + 12, "font-size": SMALL + 1, fill: LIGHT_TEXT, "data-legend": "" }, entry.label));
  }

  const footerTop = above;
  out.append(el("line", { x1: PAD, x2: width - PAD, y1: footerTop + 2, y2: footerTop + 2, stroke: "#d9dde5" }));
  footerLines.forEach((line, i) => out.append(el("text", { x: PAD, y: footerTop + (i + 1) * LINE, "font-size": SMALL, fill: LIGHT_MUTED }, line)));

  return {
    text: new XMLSerializer().serializeToString(out),
    width,
    height,
    parts: { title: titleH, plot: plotH, legend: legendH, footer: footerH },
  };
}

/** The annotated chart as a PNG at twice its size on screen. */
export function pngOf(svg: SVGSVGElement, title: string, sources: string[], dataAsOf: string | null): Promise<Blob | null> {
  const { text, width, height } = annotatedSvg(svg, title, sources, dataAsOf);
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const scale = 2;
      const canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob(resolve, "image/png");
    };
    img.onerror = () => resolve(null);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/** Exposed for tests: the ink colours an export uses. */
export const EXPORT_INK = { text: LIGHT_TEXT, muted: LIGHT_MUTED, onFill: INK.light };
