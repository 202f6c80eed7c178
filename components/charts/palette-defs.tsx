import { PALETTE, type Pattern, type Swatch, colourVar, patternId } from "@/lib/domain/palette";

const SIZE = 6;

function PatternShapes({ pattern, colour }: { pattern: Pattern; colour: string }) {
  const line = { stroke: colour, strokeWidth: 2 };
  switch (pattern) {
    case "hatch":
      return <line x1={0} y1={0} x2={0} y2={SIZE} style={line} />;
    case "stripes":
      return <line x1={1.5} y1={0} x2={1.5} y2={SIZE} style={{ ...line, strokeWidth: 3 }} />;
    case "cross":
      return (
        <>
          <line x1={0} y1={0} x2={0} y2={SIZE} style={{ ...line, strokeWidth: 1.5 }} />
          <line x1={0} y1={SIZE / 2} x2={SIZE} y2={SIZE / 2} style={{ ...line, strokeWidth: 1.5 }} />
        </>
      );
    case "dots":
      return <circle cx={SIZE / 2} cy={SIZE / 2} r={1.6} style={{ fill: colour }} />;
    default:
      return null;
  }
}

/**
 * The SVG patterns of every patterned swatch in the palette, for a chart's <defs>. Ids are
 * the same in every chart; identical definitions on one page are harmless.
 */
export function PaletteDefs({ categories }: { categories: (keyof typeof PALETTE)[] }) {
  return (
    <defs>
      {categories.flatMap((category) =>
        Object.entries(PALETTE[category] as Record<string, Swatch>)
          .filter(([, sw]) => sw.pattern !== "solid")
          .map(([key, sw]) => (
            <pattern
              key={`${category}-${key}`}
              id={patternId(category, key)}
              width={SIZE}
              height={SIZE}
              patternUnits="userSpaceOnUse"
              patternTransform={sw.pattern === "hatch" || sw.pattern === "cross" ? "rotate(45)" : undefined}
            >
              <rect width={SIZE} height={SIZE} style={{ fill: "var(--surface)" }} />
              <PatternShapes pattern={sw.pattern} colour={colourVar(category, key)} />
            </pattern>
          )),
      )}
    </defs>
  );
}
