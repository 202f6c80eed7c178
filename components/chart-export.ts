/**
 * Builds the SVG and PNG files of "Download SVG" / "Download PNG". Loaded by the buttons on
 * first use, so pages do not ship this code to readers who never export a chart.
 */

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
 * A copy of the chart's SVG with its title, sources and data date written underneath, so an
 * image pasted into a memo still says where it comes from.
 */
export function annotatedSvg(svg: SVGSVGElement, title: string, sources: string[], dataAsOf: string | null): { text: string; width: number; height: number } {
  const { width, height } = svg.getBoundingClientRect();
  // About 6 px per character at 11 px: wrap each note to the image's width.
  const perLine = Math.max(30, Math.floor((width - 8) / 6));
  const wrap = (text: string) => {
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
  };
  const lines = [
    { text: title, size: 13 },
    ...wrap(`Sources: ${sources.join("; ") || "see the dashboard"}`).map((text) => ({ text, size: 11 })),
    ...wrap(`Data as of ${dataAsOf ?? "unknown"} · Alibaba AI Portfolio dashboard`).map((text) => ({ text, size: 11 })),
  ];
  const extra = 16 * lines.length + 12;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height + extra));
  clone.setAttribute("viewBox", `0 0 ${width} ${height + extra}`);
  clone.setAttribute("style", `background:#ffffff;font-family:system-ui,sans-serif`);
  const ns = "http://www.w3.org/2000/svg";
  const bg = document.createElementNS(ns, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  clone.insertBefore(bg, clone.firstChild);
  lines.forEach((line, i) => {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", "4");
    t.setAttribute("y", String(height + 16 * (i + 1)));
    t.setAttribute("font-size", String(line.size));
    t.setAttribute("fill", "#14171f");
    t.textContent = line.text;
    clone.append(t);
  });
  // Computed colours replace CSS variables, which mean nothing outside the page.
  const live = svg.querySelectorAll("*");
  clone.querySelectorAll("*").forEach((el, i) => {
    const src = live[i - 1];
    if (!(src instanceof SVGElement) || !(el instanceof SVGElement)) return;
    const cs = getComputedStyle(src);
    el.setAttribute("fill", cs.fill);
    el.setAttribute("stroke", cs.stroke);
  });
  return { text: new XMLSerializer().serializeToString(clone), width, height: height + extra };
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
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob(resolve, "image/png");
    };
    img.onerror = () => resolve(null);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}
