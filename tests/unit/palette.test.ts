import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio } from "@/lib/domain/contrast";
import { INK, PALETTE, type Swatch, paletteCss, paletteStylesheet } from "@/lib/domain/palette";

// The surfaces come from the stylesheet itself, so a change there is checked too.
const css = readFileSync(path.resolve(import.meta.dirname, "../../app/globals.css"), "utf8");
function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const light = tokens(css.slice(css.indexOf(":root {"), css.indexOf("}", css.indexOf(":root {"))));
const darkStart = css.indexOf(':root[data-theme="dark"] {');
const dark = tokens(css.slice(darkStart, css.indexOf("}", darkStart)));
const SURFACES = ["bg", "surface", "surface-2", "layer-basic-bg", "layer-technology-bg", "layer-application-bg", "warn-bg", "bad-bg"];

const entries = Object.entries(PALETTE).flatMap(([category, e]) => Object.entries(e as Record<string, Swatch>).map(([key, sw]) => ({ category, key, sw })));

describe("the palette", () => {
  it("reads every surface of both themes from globals.css", () => {
    for (const name of SURFACES) {
      expect(light[name], `light --${name}`).toMatch(/^#/);
      expect(dark[name], `dark --${name}`).toMatch(/^#/);
    }
  });

  for (const mode of ["light", "dark"] as const) {
    const surfaces = mode === "light" ? light : dark;
    it(`gives every category colour 4.5:1 as text on every ${mode} surface`, () => {
      const failures: string[] = [];
      for (const { category, key, sw } of entries) {
        for (const name of SURFACES) {
          const ratio = contrastRatio(sw.tone[mode], surfaces[name]!);
          if (ratio < 4.5) failures.push(`${category}.${key} ${sw.tone[mode]} on --${name} ${surfaces[name]}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failures).toEqual([]);
    });
    it(`keeps counts drawn on a ${mode} fill at 4.5:1`, () => {
      const failures = entries
        .map(({ category, key, sw }) => ({ name: `${category}.${key}`, ratio: contrastRatio(INK[mode], sw.tone[mode]) }))
        .filter((x) => x.ratio < 4.5)
        .map((x) => `${x.name}: ${x.ratio.toFixed(2)}`);
      expect(failures).toEqual([]);
    });
    it(`keeps the theme's own text at 4.5:1 on every ${mode} surface`, () => {
      for (const text of ["text", "text-muted", "link", "warn", "bad", "ok", "accent-text"]) {
        for (const name of SURFACES) expect(contrastRatio(surfaces[text]!, surfaces[name]!), `--${text} on --${name}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it("gives a shared concept one colour in every category", () => {
    expect(PALETTE.relationship["equity-investment"]).toEqual(PALETTE.dealKind["equity-investment"]);
    expect(PALETTE.relationship.acquisition).toEqual(PALETTE.dealKind.acquisition);
    expect(PALETTE.relationship.rumoured).toEqual(PALETTE.dealKind["rumoured-investment"]);
    expect(PALETTE.relationship.rumoured).toEqual(PALETTE.dealStatus.rumoured);
    expect(PALETTE.positionStatus.denied).toEqual(PALETTE.dealStatus.denied);
  });

  it("tells pledge, plan and reported spending apart by pattern as well as colour", () => {
    const { pledge, plan, actual } = PALETTE.spendingKind;
    expect(new Set([pledge.pattern, plan.pattern, actual.pattern]).size).toBe(3);
    expect(new Set([pledge.tone.light, plan.tone.light, actual.tone.light]).size).toBe(3);
  });

  it("gives each value of a category its own colour or pattern", () => {
    for (const [category, e] of Object.entries(PALETTE)) {
      const looks = Object.values(e as Record<string, Swatch>).map((sw) => `${sw.tone.light}/${sw.pattern}`);
      expect(new Set(looks).size, category).toBe(looks.length);
    }
  });

  it("gives two values of a category whose colours look alike different patterns", () => {
    // CIE76 distance in Lab: under about 20 two small swatches side by side read as one hue
    // (teal #0f766e and green #047857 are 15.9 apart in light mode, 14.0 in dark).
    const lab = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c > 0.04045 ? ((c + 0.055) / 1.055) ** 2.4 : c / 12.92;
      }) as [number, number, number];
      const f = (v: number) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116);
      const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
      return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
    };
    const distance = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));
    for (const [category, e] of Object.entries(PALETTE)) {
      const values = Object.entries(e as Record<string, Swatch>);
      for (const [i, [ka, a]] of values.entries()) {
        for (const [kb, b] of values.slice(i + 1)) {
          const close = Math.min(distance(a.tone.light, b.tone.light), distance(a.tone.dark, b.tone.dark)) < 20;
          if (close) expect(a.pattern, `${category}: ${ka} and ${kb}`).not.toBe(b.pattern);
        }
      }
    }
  });

  it("writes a custom property per colour for both themes", () => {
    const out = paletteCss();
    expect(out).toContain(`--c-relationship-subsidiary:${PALETTE.relationship.subsidiary.tone.light};`);
    expect(out).toContain(`--c-relationship-subsidiary:${PALETTE.relationship.subsidiary.tone.dark};`);
  });

  it("draws every pattern the palette uses in a swatch rule of its own, in the swatch's colour", () => {
    const out = paletteCss();
    const used = new Set(Object.values(PALETTE).flatMap((e) => Object.values(e as Record<string, Swatch>).map((sw) => sw.pattern)));
    used.delete("solid");
    expect(used.size).toBeGreaterThan(0);
    for (const pattern of used) expect(out).toMatch(new RegExp(`\\.swatch\\[data-pattern="${pattern}"\\]\\{background:[^}]*var\\(--swatch-colour\\)`));
    expect(out).toContain("border:1.5px solid var(--swatch-colour)");
  });

  it("gives every badge its category value's colour, and its swatch before the word in that value's pattern", () => {
    const out = paletteCss();
    expect(out).toMatch(/\.badge\[data-value\]::before\{[^}]*content:""/);
    for (const { category, key, sw } of entries) {
      const badge = `.badge[data-category="${category}"][data-value="${key}"]`;
      expect(out, `${category}.${key}`).toContain(`${badge}{--swatch-colour:var(--c-${category}-${key})}`);
      const patterned = new RegExp(`${badge.replace(/[.[\]"]/g, "\\$&")}::before\\{background:[^}]*var\\(--swatch-colour\\)`);
      if (sw.pattern === "solid") expect(out, `${category}.${key}`).not.toMatch(patterned);
      else expect(out, `${category}.${key}`).toMatch(patterned);
    }
  });

  it("is what app/palette.css holds (run `npm run palette:css` after changing the palette)", () => {
    const file = readFileSync(path.resolve(import.meta.dirname, "../../app/palette.css"), "utf8");
    expect(file).toBe(paletteStylesheet());
  });
});
