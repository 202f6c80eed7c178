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
      if (!el) continue;
      const cs = getComputedStyle(el);
      const fg = parse(cs.color);
      if (!fg) continue;
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      const min = large ? 3 : 4.5;
      for (const bg of backgrounds(el)) {
        const text = fg[3] < 1 ? blend(fg, bg) : fg.slice(0, 3);
        const r = ratio(text, bg);
        if (r < min) failures.push(`${sel}: ${cs.color} on rgb(${bg.map(Math.round).join(",")}) = ${r.toFixed(2)} (needs ${min})`);
      }
    }
    return failures;
  }, selectors);
}

for (const theme of ["light", "dark"] as const) {
  for (const path of PAGES) {
    test(`axe (WCAG 2.1 AA) finds no violations on ${path} in ${theme} mode, and every incomplete contrast passes`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
      expect(summary).toEqual([]);
      const incomplete = results.incomplete.filter((r) => r.id === "color-contrast").flatMap((r) => r.nodes.map((n) => String(n.target[0])));
      expect(await checkIncompleteContrast(page, incomplete)).toEqual([]);
    });
  }
}
