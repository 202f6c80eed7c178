import { LAYER_LABELS, RELATIONSHIP_LABELS, SPENDING_KIND_LABELS, STATUS_LABELS } from "@/lib/domain/words";
import type { Layer, PositionStatus, Relationship, SpendingKind } from "@/lib/domain/vocabulary";

export function LayerChip({ layer }: { layer: Layer }) {
  return <span className={`chip layer-${layer}`}>{LAYER_LABELS[layer]}</span>;
}

export function StatusBadge({ status }: { status: PositionStatus }) {
  return (
    <span className="badge" data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function RelationshipBadge({ relationship }: { relationship: Relationship }) {
  return <span className="badge">{RELATIONSHIP_LABELS[relationship]}</span>;
}

export function SpendingKindBadge({ kind }: { kind: SpendingKind }) {
  return (
    <span className="badge" data-kind={kind}>
      {SPENDING_KIND_LABELS[kind]}
    </span>
  );
}
