import type {
  DealKind,
  DealStatus,
  Layer,
  PositionStatus,
  Relationship,
  SpendingKind,
  SpendingScope,
} from "../validation/dataset";

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

export function formatIsoDate(date: string | null): string {
  return date ? formatPartialDate(date) : "undated";
}
