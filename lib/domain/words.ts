import type { DealKind, DealStatus, Layer, LifecycleState, PositionStatus, Relationship, SpendingKind, SpendingScope } from "./vocabulary";
import { formatCount, lastDayOfMonth } from "./money";

/** Words for the dataset's codes; every page labels enums through these. */
export const LAYER_LABELS: Record<Layer, string> = {
  basic: "Basic layer",
  technology: "Technology layer",
  application: "Application layer",
};

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  subsidiary: "Subsidiary",
  "in-house": "In-house unit",
  "equity-investment": "Equity investment",
  acquisition: "Acquisition",
  "joint-venture": "Joint venture",
  partnership: "Partnership",
  rumoured: "Rumoured",
};

export const STATUS_LABELS: Record<PositionStatus, string> = {
  active: "Active",
  integrated: "Integrated",
  "listing-in-progress": "Listing in progress",
  "wound-down": "Wound down",
  denied: "Denied",
};

/** A past view can find a position only reported, a state the stored statuses do not have. */
export const VIEW_STATUS_LABELS: Record<PositionStatus | "reported", string> = { ...STATUS_LABELS, reported: "Reported" };

/** The steps of a deal's or position's history. */
export const LIFECYCLE_LABELS: Record<LifecycleState, string> = {
  rumoured: "Rumoured",
  reported: "Reported",
  denied: "Denied",
  announced: "Announced",
  completed: "Completed",
  built: "Built",
  "listing-guidance": "Listing guidance",
  "listing-application": "Listing application",
  listed: "Listed",
  "wound-down": "Wound down",
};

export const DEAL_KIND_LABELS: Record<DealKind, string> = {
  "equity-investment": "Equity investment",
  acquisition: "Acquisition",
  "joint-venture": "Joint venture",
  partnership: "Partnership",
  reorganisation: "Reorganisation",
  "rumoured-investment": "Rumoured investment",
};

export const DEAL_STATUS_LABELS: Record<DealStatus, string> = {
  completed: "Completed",
  announced: "Announced",
  reported: "Reported",
  rumoured: "Rumoured",
  denied: "Denied",
};

export const SPENDING_KIND_LABELS: Record<SpendingKind, string> = {
  pledge: "Pledge",
  plan: "Plan",
  actual: "Reported spending",
};

export const SCOPE_LABELS: Record<SpendingScope, string> = {
  "ai-data-centres": "AI data centres",
  "ai-cloud-infrastructure": "AI and cloud infrastructure",
  "total-capex": "Total capex",
  "ai-infra-and-rnd": "AI infrastructure + R&D",
  rnd: "R&D",
  "ai-capital-projects": "AI-related capital projects",
};

const SEGMENT_WORDS: Record<string, string> = { ai: "AI", llm: "LLM", rnd: "R&D", ev: "EV" };
const SEGMENT_NAMES: Record<string, string> = { llm: "Large models", "e-commerce": "E-commerce" };

/** "ai-platform" → "AI platform": hyphens become spaces, acronyms stay upper-case. */
export function segmentLabel(segment: string): string {
  if (SEGMENT_NAMES[segment]) return SEGMENT_NAMES[segment];
  const words = segment.split("-").map((w, i) => SEGMENT_WORDS[w] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w));
  return words.join(" ");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A partial ISO date at the precision the source gave: "2024", "Feb 2025", "24 Feb 2025". */
export function formatPartialDate(date: string | null, qualifier: string = "exact"): string {
  if (!date) return "Date not given";
  const [y, m, d] = date.split("-");
  let out = y!;
  if (m) out = `${MONTHS[Number(m) - 1]} ${y}`;
  if (d) out = `${Number(d)} ${out}`;
  if (qualifier === "on-or-after") return `${out} or later`;
  if (qualifier === "about") return `c. ${out}`;
  if (qualifier === "before") return `before ${out}`;
  return out;
}

/** "2025", "Q4 2024", "Jul 2024 – Jun 2025", or the dates when they are not whole months. */
export function shortPeriod(start: string, end: string): string {
  const [sy, sm, sd] = start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = end.split("-").map(Number) as [number, number, number];
  const wholeMonths = sd === 1 && ed === lastDayOfMonth(ey, em);
  if (!wholeMonths) return `${start} – ${end}`;
  if (sy === ey && sm === 1 && em === 12) return String(sy);
  if (sy === ey && em - sm === 2 && (sm - 1) % 3 === 0) return `Q${(sm - 1) / 3 + 1} ${sy}`;
  if (sy === ey && sm === em) return `${MONTHS[sm - 1]} ${sy}`;
  if (sm === 1 && em === 12) return `${sy}–${ey}`;
  return `${MONTHS[sm - 1]} ${sy} – ${MONTHS[em - 1]} ${ey}`;
}

/** What a citation needs to be written out; query rows and export rows both fit. */
export interface CitationLike {
  sourceTitle?: string;
  sourceSlug?: string;
  outlet?: string | null;
  publishedDate?: string | null;
  /** The article prints no date; publishedDate is our estimate. */
  dateEstimated?: boolean;
  locator?: string;
  /** A citation that backs a count of deals rather than a paragraph. */
  dealCount?: number;
  /** What the cited paragraph supports, in our words. */
  paraphrase?: string | null;
}

/**
 * "Title (Outlet, 2025-10-09) ¶34: what the paragraph supports": a citation readable in a
 * spreadsheet cell or a caption; an estimated date reads "c. 2025-02-24".
 */
/** Where in the article a citation points: its paragraph, or for a count, how many of the deals it is cited for. */
export function citationPlace(c: Pick<CitationLike, "locator" | "dealCount">): string {
  if (c.dealCount != null) return `cited for ${formatCount(c.dealCount, "deal")}`;
  return c.locator ?? "";
}

export function citationText(c: CitationLike): string {
  const date = c.publishedDate ? `${c.dateEstimated ? "c. " : ""}${c.publishedDate}` : "date not printed";
  const where = [c.outlet ?? "outlet unknown", date].join(", ");
  const text = `${c.sourceTitle ?? c.sourceSlug} (${where}) ${citationPlace(c)}`.trim();
  return c.paraphrase ? `${text}: ${c.paraphrase}` : text;
}

/** Each citation's text once, in order: a chart's sources as its image caption names them. */
export function citationTexts(citations: readonly CitationLike[]): string[] {
  return [...new Set(citations.map(citationText))];
}

/**
 * The `sources` cell of one CSV row: each citation once, joined with "; ". A row without
 * any citation says so rather than leaving the cell empty.
 */
export function citationsText(citations: readonly CitationLike[], none = "no source cited"): string {
  const texts = citationTexts(citations);
  return texts.length ? texts.join("; ") : none;
}

/** Aliases worth printing: one that only differs from the name in case says nothing new. */
export function distinctAliases(name: string, aliases: string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  return aliases.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}
