/**
 * What a position in the portfolio is, for counts that mean what they say. "Portfolio"
 * in the data mixes companies Alibaba has put money into or owns with its own units,
 * partners it holds no stated stake in, a denied rumour and a non-AI takeover; a count of
 * "companies" must say which of these it counts, and count each organisation once.
 *
 * Pure, so the overview, the map and the unit tests classify alike.
 */

import type { Layer, PositionStatus, Relationship } from "./vocabulary";
import { formatCount } from "./money";

export const POSITION_KINDS = ["investment", "in-house", "partner", "merged", "rumour", "non-ai-holding"] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export const POSITION_KIND_LABELS: Record<PositionKind, string> = {
  investment: "Invested in or owned",
  "in-house": "In-house units",
  partner: "Partners (no stake stated)",
  merged: "Merged into another holding",
  rumour: "Rumoured, not a holding",
  "non-ai-holding": "Non-AI holdings",
};

/** "3 in-house units", "1 non-AI holding": a count in words, singular or plural. */
const COUNT_WORDS: Record<PositionKind, [string, string]> = {
  investment: ["company invested in or owned", "companies invested in or owned"],
  "in-house": ["in-house unit", "in-house units"],
  partner: ["partner (no stake stated)", "partners (no stake stated)"],
  merged: ["company merged into another holding", "companies merged into other holdings"],
  rumour: ["rumoured deal that did not happen", "rumoured deals that did not happen"],
  "non-ai-holding": ["non-AI holding", "non-AI holdings"],
};

export function positionKindCount(kind: PositionKind, n: number): string {
  return formatCount(n, ...COUNT_WORDS[kind]);
}

/** One line each, for the page's "what is counted". */
export const POSITION_KIND_NOTES: Record<PositionKind, string> = {
  investment: "companies Alibaba has an equity stake in, bought, co-founded as a joint venture or owns as a subsidiary",
  "in-house": "labs, model families and platforms inside Alibaba, not companies",
  partner: "companies working with Alibaba (including a joint venture's other founder) with no Alibaba stake stated",
  merged: "bought and then merged into another holding, so counted with that one",
  rumour: "reported deals that did not happen",
  "non-ai-holding": "holdings outside AI, kept for their history",
};

// Segments outside AI. Today only Kaola (a cross-border e-commerce site) sits in one; a
// kind stated in the data, when it has one, wins over this reading.
const NON_AI_SEGMENTS: ReadonlySet<string> = new Set(["e-commerce"]);

export interface PositionKindInput {
  relationship: Relationship;
  /** "reported": a past view's status of a rumour before it was denied. */
  status: PositionStatus | "reported";
  segment: string;
  /** The organization's kind (portfolio, partner, alibaba-unit, ...). */
  organizationKind: string;
  /** A kind stated by the data; used when it is one of ours. */
  kind?: string | null;
}

function isPositionKind(value: unknown): value is PositionKind {
  return typeof value === "string" && (POSITION_KINDS as readonly string[]).includes(value);
}

export function positionKind(p: PositionKindInput): PositionKind {
  if (isPositionKind(p.kind)) return p.kind;
  if (p.relationship === "rumoured" || p.status === "denied" || p.status === "reported") return "rumour";
  if (p.relationship === "in-house") return "in-house";
  if (p.relationship === "partnership") return "partner";
  // A joint venture has two sides: the venture itself (a holding) and the company Alibaba
  // founded it with, which the data records as a partner organisation.
  if (p.relationship === "joint-venture" && p.organizationKind === "partner") return "partner";
  if (p.status === "integrated") return "merged";
  if (NON_AI_SEGMENTS.has(p.segment)) return "non-ai-holding";
  return "investment";
}

export interface KindTally {
  total: Record<PositionKind, number>;
  byLayer: Record<Layer, Record<PositionKind, number>>;
}

const zero = (): Record<PositionKind, number> => Object.fromEntries(POSITION_KINDS.map((k) => [k, 0])) as Record<PositionKind, number>;

/**
 * Organisations per kind and per layer, each counted once: rows may come one per position
 * or already grouped (`companies`), and an organisation seen twice counts once, in the
 * first place it appears.
 */
export function tallyPositionKinds(
  rows: readonly (PositionKindInput & { layer: Layer; organizationId?: number; companies?: number })[],
  layers: readonly Layer[],
): KindTally {
  const total = zero();
  const byLayer = Object.fromEntries(layers.map((l) => [l, zero()])) as Record<Layer, Record<PositionKind, number>>;
  const seen = new Set<number>();
  for (const row of rows) {
    if (row.organizationId !== undefined) {
      if (seen.has(row.organizationId)) continue;
      seen.add(row.organizationId);
    }
    const n = row.companies ?? 1;
    const kind = positionKind(row);
    total[kind] += n;
    (byLayer[row.layer] ??= zero())[kind] += n;
  }
  return { total, byLayer };
}
