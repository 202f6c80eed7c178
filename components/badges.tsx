import { LAYER_LABELS, RELATIONSHIP_LABELS, SPENDING_KIND_LABELS, VIEW_STATUS_LABELS } from "@/lib/domain/words";
import type { PaletteCategory } from "@/lib/domain/palette";
import type { Layer, PositionStatus, Relationship, SpendingKind } from "@/lib/domain/vocabulary";

/**
 * A badge in a palette category's colour, with the swatch its bars have in charts, and the
 * word: never colour alone. The colour and the swatch (drawn before the word) come from the
 * palette's stylesheet by `data-category` and `data-value` (lib/domain/palette.ts), so the
 * badge is one element with no style of its own.
 */
export function CategoryBadge({
  category,
  value,
  children,
  testId,
  attrs,
}: {
  category: PaletteCategory;
  value: string;
  children: React.ReactNode;
  testId?: string;
  attrs?: Record<string, string>;
}) {
  return (
    <span className="badge" data-category={category} data-value={value} data-testid={testId} {...attrs}>
      {children}
    </span>
  );
}

export function LayerChip({ layer }: { layer: Layer }) {
  return <span className={`chip layer-${layer}`}>{LAYER_LABELS[layer]}</span>;
}

export function StatusBadge({ status }: { status: PositionStatus | "reported" }) {
  return (
    // "Reported" is a deal's status, shown for a position known only from a report: its swatch is the deal one.
    <CategoryBadge
      category={status === "reported" ? "dealStatus" : "positionStatus"}
      value={status}
      testId="status-badge"
      attrs={{ "data-status": status }}
    >
      {VIEW_STATUS_LABELS[status]}
    </CategoryBadge>
  );
}

export function RelationshipBadge({ relationship }: { relationship: Relationship }) {
  return (
    <CategoryBadge category="relationship" value={relationship} attrs={{ "data-relationship": relationship }}>
      {RELATIONSHIP_LABELS[relationship]}
    </CategoryBadge>
  );
}

export function SpendingKindBadge({ kind }: { kind: SpendingKind }) {
  return (
    <CategoryBadge category="spendingKind" value={kind} attrs={{ "data-kind": kind }}>
      {SPENDING_KIND_LABELS[kind]}
    </CategoryBadge>
  );
}
