/**
 * The record shapes pages hand to components. The queries define them (they are what a
 * read returns); components take them from here, so nothing under components/ imports a
 * query module, and a type-only re-export keeps the database out of every bundle.
 */
export type { CitationView } from "@/lib/db/queries/citations";
export type { DealView, OrgRef } from "@/lib/db/queries/deals";
export type { FacetKey, LayerSummary, PortfolioCompany, PortfolioTile, SegmentCount } from "@/lib/db/queries/portfolio";
export type { ConflictView, SourceContribution, SourceView } from "@/lib/db/queries/sources";
export type { FinancialView, SpendingView } from "@/lib/db/queries/spending";
export type { HistoryStep } from "@/lib/db/queries/changes";
