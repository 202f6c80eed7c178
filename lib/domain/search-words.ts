import type { DealStatus, Layer, PositionStatus, Relationship } from "@/lib/domain/vocabulary";

/**
 * Words an analyst types for a status, layer or relationship, indexed with each company and
 * deal so a search for "IPO" finds the companies whose listing is in progress, "rumour" the
 * rumoured deals and "denied" the denied ones. Each list is the words, not a sentence.
 */
export const POSITION_STATUS_WORDS: Record<PositionStatus, string> = {
  active: "active",
  integrated: "integrated merged",
  "listing-in-progress": "listing in progress ipo listed flotation float going public",
  "wound-down": "wound down closed shut",
  denied: "denied denial rumour rumor",
};

export const DEAL_STATUS_WORDS: Record<DealStatus, string> = {
  completed: "completed closed",
  announced: "announced",
  reported: "reported",
  rumoured: "rumoured rumored rumour rumor unconfirmed",
  denied: "denied denial rumour rumor",
};

export const LAYER_WORDS: Record<Layer, string> = {
  basic: "basic layer compute infrastructure",
  technology: "technology layer models platforms",
  application: "application layer applications",
};

export const RELATIONSHIP_WORDS: Record<Relationship, string> = {
  subsidiary: "subsidiary owned",
  "in-house": "in house",
  "equity-investment": "equity investment stake",
  acquisition: "acquisition acquired",
  "joint-venture": "joint venture jv",
  partnership: "partnership partner",
  rumoured: "rumoured rumour rumor",
};

/** A SQL CASE turning a column's value into its words (the values are our own enumerations, not input). */
export function sqlWords(column: string, words: Record<string, string>): string {
  return `(CASE ${column} ${Object.entries(words)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(" ")} ELSE '' END)`;
}
