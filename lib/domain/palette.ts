import type { DealKind, DealStatus, Layer, PositionStatus, Relationship, SpendingKind } from "@/lib/domain/vocabulary";

/**
 * The one palette: every category the dashboard colours (relationship, deal kind, status,
 * layer, spending kind) gets one colour and one pattern here, for light and dark mode. Charts,
 * legends, badges and exported images all read it, through the CSS custom properties
 * `paletteCss()` writes (`--c-<category>-<key>`, in app/palette.css) or, for exports, the
 * light values directly.
 *
 * A concept shared by two categories keeps its colour in both: an equity investment is
 * violet as a relationship and as a deal kind; a rumour is grey and hatched wherever it
 * appears; a denial red and cross-hatched. Each colour is also the text colour of its badge,
 * so it must reach WCAG AA (4.5:1) on every surface it sits on, and `ink` (the colour of a
 * count drawn on the fill) must reach 4.5:1 on the fill: tests/unit/palette.test.ts checks
 * every pair against the surfaces in app/globals.css.
 */

export type Pattern = "solid" | "hatch" | "dots" | "cross" | "stripes";

export interface Tone {
  light: string;
  dark: string;
}

export interface Swatch {
  tone: Tone;
  pattern: Pattern;
}

/** Text drawn on a fill: white on the deep light-mode fills, near-black on the pale dark-mode ones. */
export const INK: Tone = { light: "#ffffff", dark: "#0b0f17" };

const TONES = {
  blue: { light: "#1d4ed8", dark: "#8ab4ff" },
  teal: { light: "#0f766e", dark: "#5eead4" },
  violet: { light: "#6d28d9", dark: "#c4a5ff" },
  magenta: { light: "#be185d", dark: "#f9a8d4" },
  green: { light: "#047857", dark: "#6ee7b7" },
  amber: { light: "#92400e", dark: "#fbbf24" },
  orange: { light: "#b43c0b", dark: "#fb923c" },
  slate: { light: "#334155", dark: "#cbd5e1" },
  grey: { light: "#4b5563", dark: "#a3acb9" },
  red: { light: "#b91c1c", dark: "#fca5a5" },
} as const satisfies Record<string, Tone>;

const s = (tone: Tone, pattern: Pattern = "solid"): Swatch => ({ tone, pattern });

export const PALETTE = {
  relationship: {
    subsidiary: s(TONES.blue),
    // Striped: its teal is close to the joint venture's green (tests/unit/palette.test.ts).
    "in-house": s(TONES.teal, "stripes"),
    "equity-investment": s(TONES.violet),
    acquisition: s(TONES.magenta),
    "joint-venture": s(TONES.green),
    partnership: s(TONES.amber),
    rumoured: s(TONES.grey, "hatch"),
  } satisfies Record<Relationship, Swatch>,
  dealKind: {
    "equity-investment": s(TONES.violet),
    acquisition: s(TONES.magenta),
    "joint-venture": s(TONES.green),
    partnership: s(TONES.amber),
    reorganisation: s(TONES.slate, "stripes"),
    "rumoured-investment": s(TONES.grey, "hatch"),
  } satisfies Record<DealKind, Swatch>,
  positionStatus: {
    active: s(TONES.green),
    integrated: s(TONES.blue, "stripes"),
    "listing-in-progress": s(TONES.amber, "dots"),
    "wound-down": s(TONES.slate, "cross"),
    denied: s(TONES.red, "cross"),
  } satisfies Record<PositionStatus, Swatch>,
  dealStatus: {
    completed: s(TONES.green),
    announced: s(TONES.blue, "stripes"),
    reported: s(TONES.teal, "dots"),
    rumoured: s(TONES.grey, "hatch"),
    denied: s(TONES.red, "cross"),
  } satisfies Record<DealStatus, Swatch>,
  layer: {
    basic: s(TONES.blue),
    technology: s(TONES.violet),
    application: s(TONES.green),
  } satisfies Record<Layer, Swatch>,
  /** Promises are patterned, money spent is solid; the kind's name is written beside every bar too. */
  spendingKind: {
    pledge: s(TONES.orange, "hatch"),
    plan: s(TONES.violet, "dots"),
    actual: s(TONES.slate),
  } satisfies Record<SpendingKind, Swatch>,
} as const;

export type PaletteCategory = keyof typeof PALETTE;
export type PaletteKey<C extends PaletteCategory> = keyof (typeof PALETTE)[C] & string;

export function swatchOf<C extends PaletteCategory>(category: C, key: PaletteKey<C>): Swatch {
  return (PALETTE[category] as Record<string, Swatch>)[key]!;
}

/** The CSS custom property holding a category's colour in the current theme. */
export const colourVar = (category: PaletteCategory, key: string) => `var(--c-${category}-${key})`;
/** The colour of text drawn on that fill. */
export const inkVar = "var(--c-ink)";
/** The SVG pattern id a chart defines for a patterned swatch (see components/charts/palette-defs.tsx). */
export const patternId = (category: PaletteCategory, key: string) => `pat-${category}-${key}`;

/** What an SVG shape's fill should be: the colour, or the pattern drawn in it. */
export function svgFill(category: PaletteCategory, key: string): string {
  const sw = (PALETTE[category] as Record<string, Swatch>)[key];
  return sw && sw.pattern !== "solid" ? `url(#${patternId(category, key)})` : colourVar(category, key);
}

/**
 * A CSS background drawing the same pattern as the chart, for legend swatches and badges.
 * `base` is the colour between the pattern's lines (the surface it sits on).
 */
export function cssPattern(pattern: Pattern, colour: string, base = "var(--surface)"): string {
  switch (pattern) {
    case "solid":
      return colour;
    case "hatch":
      return `repeating-linear-gradient(45deg, ${colour} 0 2px, ${base} 2px 5px)`;
    case "stripes":
      return `repeating-linear-gradient(90deg, ${colour} 0 3px, ${base} 3px 5px)`;
    case "cross":
      return `repeating-linear-gradient(45deg, ${colour} 0 1.5px, transparent 1.5px 5px), repeating-linear-gradient(-45deg, ${colour} 0 1.5px, ${base} 1.5px 5px)`;
    case "dots":
      return `radial-gradient(${colour} 1.3px, ${base} 1.5px) 0 0 / 4px 4px`;
  }
}

// A swatch's look lives in CSS, once per page, rather than in each swatch's style attribute:
// a page of deals carries hundreds of badges, each with a swatch, and every inline style came
// twice (in the HTML and again in the RSC payload). A legend's swatch element sets only its
// colour, as --swatch-colour. A badge (`.badge[data-category][data-value]`) carries no
// swatch element and no style at all: its colour and its swatch, drawn before the word, come
// from a rule per category value here. A 100-tile map or a page of 50 deal cards had two
// extra elements and two style attributes per tile or card, rendered, serialised into the
// payload and decoded again on every request.
// A record, so a pattern added to the type must be added here too.
const DRAWN_PATTERNS: Record<Exclude<Pattern, "solid">, true> = { hatch: true, stripes: true, cross: true, dots: true };
const badgeOf = (category: string, key: string) => `.badge[data-category="${category}"][data-value="${key}"]`;
const SWATCH_CSS = [
  ".swatch,.badge[data-value]::before{display:inline-block;flex:none;width:1em;height:1em;border-radius:2px;border:1.5px solid var(--swatch-colour);background:var(--swatch-colour)}",
  '.badge[data-value]::before{content:"";box-sizing:border-box}',
  ...(Object.keys(DRAWN_PATTERNS) as Pattern[]).map((p) => `.swatch[data-pattern="${p}"]{background:${cssPattern(p, "var(--swatch-colour)")}}`),
  ...Object.entries(PALETTE).flatMap(([category, entries]) =>
    Object.entries(entries as Record<string, Swatch>).flatMap(([key, sw]) => [
      `${badgeOf(category, key)}{--swatch-colour:${colourVar(category as PaletteCategory, key)}}`,
      ...(sw.pattern === "solid" ? [] : [`${badgeOf(category, key)}::before{background:${cssPattern(sw.pattern, "var(--swatch-colour)")}}`]),
    ]),
  ),
].join("\n");

/**
 * Light and dark values of every category colour, as custom properties, and the swatch
 * rules: the content of app/palette.css.
 */
export function paletteCss(): string {
  const decls = (mode: keyof Tone) => {
    const out = [`--c-ink:${INK[mode]};`];
    for (const [category, entries] of Object.entries(PALETTE)) {
      for (const [key, sw] of Object.entries(entries as Record<string, Swatch>)) out.push(`--c-${category}-${key}:${sw.tone[mode]};`);
    }
    return out.join("");
  };
  return [
    `:root{${decls("light")}}`,
    `:root[data-theme="dark"]{${decls("dark")}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]){${decls("dark")}}}`,
    // Print always uses the light values (the id selector outranks the dark rules above).
    `@media print{:root:not(#print){${decls("light")}}}`,
    SWATCH_CSS,
  ].join("\n");
}

/** app/palette.css as `npm run palette:css` writes it: paletteCss() under a header saying where it comes from. */
export function paletteStylesheet(): string {
  return `/* Generated from lib/domain/palette.ts by \`npm run palette:css\`: edit the palette there, then run it. */\n${paletteCss()}\n`;
}
