import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PAGE_ROUTES } from "./routes";

const PAGES = [
  ...PAGE_ROUTES,
  "/search?q=unitree",
  "/portfolio?view=table",
  "/portfolio?relationship=-subsidiary&status=active",
  "/deals?view=table&kind=acquisition,equity-investment&status=-rumoured",
  "/companies/tencent",
  "/companies/no-such-company",
  // A past view: its banner sits on the warning colour in both themes.
  "/?asof=2025-03-01",
];

/**
 * Axe leaves colour contrast "incomplete" where it cannot tell the background: gradients,
 * patterns, translucent layers, text over other elements. Those are checked here instead of
 * skipped: the text colour against every colour the background can show under it (each stop
 * of a gradient, translucent layers blended over what is below), to 4.5:1 (3:1 for large
 * text). Returns the failures.
 */
async function checkIncompleteContrast(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((sels) => {
    const parse = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const blend = (top: number[], under: number[]) => top.slice(0, 3).map((v, i) => v * top[3]! + under[i]! * (1 - top[3]!));
    // The colours an element's background can show, from the element up to the first opaque layer.
    const backgrounds = (el: Element): number[][] => {
      const layers: { colours: number[][] }[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const cs = getComputedStyle(node);
        const colours: number[][] = [];
        const image = cs.backgroundImage;
        if (image && image !== "none") for (const m of image.matchAll(/rgba?\([^)]+\)/g)) colours.push(parse(m[0])!);
        const bg = parse(cs.backgroundColor);
        if (bg && bg[3] > 0) colours.push(bg);
        if (colours.length) layers.push({ colours });
        if (bg && bg[3] === 1 && (!image || image === "none")) break;
      }
      // Blend from the bottom layer up; transparent gradient stops show what is below.
      let under: number[][] = [[255, 255, 255]];
      for (const layer of layers.reverse()) {
        const next: number[][] = [];
        for (const c of layer.colours) for (const u of under) next.push(c[3]! >= 1 ? c.slice(0, 3) : blend(c, u));
        under = next;
      }
      return under;
    };
    const failures: string[] = [];
    for (const sel of sels) {
      const el = document.querySelector(sel);
      // A node axe could not decide on and we cannot find either is a failure, not a skip.
      if (!el) {
        failures.push(`${sel}: not found, so its contrast could not be checked`);
        continue;
      }
      const cs = getComputedStyle(el);
      const svg = el instanceof SVGElement;
      // SVG text is painted with fill, not color.
      const fg = parse(svg ? cs.fill : cs.color);
      if (!fg) {
        failures.push(`${sel}: unreadable text colour ${cs.color}`);
        continue;
      }
      // Opacity on the element or an ancestor fades the text towards what is behind it.
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      fg[3] *= opacity;
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      const min = large ? 3 : 4.5;
      // What is painted under SVG text is often a sibling shape (a bar), not an ancestor: take
      // the first shape under the text's centre, else the HTML backgrounds of the drawing.
      let under = backgrounds(el);
      if (svg) {
        const box = el.getBoundingClientRect();
        const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
        // Shapes of the same drawing painted before the text whose box holds its centre; the
        // last one is on top. (Not elementsFromPoint: it skips shapes with pointer-events: none.)
        const shapes = [...(el.ownerSVGElement?.querySelectorAll<SVGGeometryElement>("rect, path, circle, polygon, ellipse") ?? [])].filter((g) => {
          if (g.compareDocumentPosition(el) !== Node.DOCUMENT_POSITION_FOLLOWING || g.closest("defs, clipPath, pattern, mask, marker")) return false;
          if (getComputedStyle(g).fill === "none") return false;
          const r = g.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom && getComputedStyle(g).visibility !== "hidden";
        });
        const below = shapes.at(-1);
        if (below) {
          const paint = getComputedStyle(below).fill;
          const c = parse(paint);
          // A patterned bar (hatching) shows each colour of its pattern: check against all of them.
          const pattern = /url\("?#([^")]+)"?\)/.exec(paint)?.[1];
          const tile = pattern ? document.getElementById(pattern) : null;
          if (tile) {
            const colours: number[][] = [];
            for (const part of tile.querySelectorAll("*")) {
              const ps = getComputedStyle(part);
              for (const v of [ps.fill, ps.stroke]) {
                const pc = v && v !== "none" ? parse(v) : null;
                if (pc && pc[3] > 0) colours.push(pc);
              }
            }
            const base = under;
            under = [...base, ...colours.flatMap((pc) => (pc[3]! >= 1 ? [pc.slice(0, 3)] : base.map((u) => blend(pc, u))))];
          } else if (!c) {
            failures.push(`${sel}: over a ${below.tagName} painted ${paint}, which cannot be measured`);
            under = [];
          } else {
            c[3] *= Number(getComputedStyle(below).fillOpacity);
            if (c[3] > 0) under = c[3] >= 1 ? [c.slice(0, 3)] : under.map((u) => blend(c, u));
          }
        }
      }
      // A halo (a stroke painted under the glyphs, paint-order: stroke) is what surrounds the
      // letters, whatever shape lies further down.
      const halo = svg && cs.paintOrder.startsWith("stroke") && parseFloat(cs.strokeWidth) >= 3 ? parse(cs.stroke) : null;
      if (halo && halo[3] >= 1) under = [halo.slice(0, 3)];
      for (const bg of under) {
        const text = fg[3] < 1 ? blend(fg, bg) : fg.slice(0, 3);
        const r = ratio(text, bg);
        if (r < min) failures.push(`${sel}: ${svg ? cs.fill : cs.color} on rgb(${bg.map(Math.round).join(",")}) = ${r.toFixed(2)} (needs ${min})`);
      }
    }
    return failures;
  }, selectors);
}

test("the incomplete-contrast check can fail: light grey text over a gradient is caught", async ({ page }) => {
  await page.setContent(
    `<html lang="en"><head><title>t</title></head><body><main><p id="ok" style="background:linear-gradient(#fff,#eee);color:#111">Readable</p>` +
      `<p id="faint" style="background:linear-gradient(#fff,#ddd);color:#aaa">Faint</p></main></body></html>`,
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2aa"]).analyze();
  const incomplete = results.incomplete.filter((r) => r.id === "color-contrast").flatMap((r) => r.nodes.map((n) => String(n.target[0])));
  expect(incomplete).toEqual(expect.arrayContaining(["#ok", "#faint"]));
  const failures = await checkIncompleteContrast(page, incomplete);
  expect(failures.some((f) => f.startsWith("#faint"))).toBe(true);
  expect(failures.some((f) => f.startsWith("#ok"))).toBe(false);
  expect(await checkIncompleteContrast(page, ["#gone"])).toEqual(["#gone: not found, so its contrast could not be checked"]);
});

for (const theme of ["light", "dark"] as const) {
  for (const path of PAGES) {
    test(`axe (WCAG 2.1 AA) finds no violations on ${path} in ${theme} mode, and every incomplete contrast passes`, async ({ page }) => {
      // Axe over a long page (/deals holds hundreds of elements) takes a while on a shared machine.
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      // Charts near the screen swap their server drawing for Recharts once it loads: let that
      // finish, so the nodes axe reports are still there when their contrast is checked.
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
      expect(summary).toEqual([]);
      const incomplete = results.incomplete.filter((r) => r.id === "color-contrast").flatMap((r) => r.nodes.map((n) => String(n.target[0])));
      expect(await checkIncompleteContrast(page, incomplete)).toEqual([]);
    });
  }
}
