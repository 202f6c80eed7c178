import { DEAL_KIND_LABELS, DEAL_STATUS_LABELS } from "@/lib/domain/words";
import type { DealKind, DealStatus } from "@/lib/domain/vocabulary";
import { CategoryBadge } from "@/components/badges";
import styles from "./deals.module.css";

/** Deal status in words and the palette's swatch; rumoured and denied also get a mark, never colour alone. */
export function DealStatusBadge({ status }: { status: DealStatus }) {
  const flagged = status === "rumoured" || status === "denied";
  return (
    <CategoryBadge category="dealStatus" value={status} testId="deal-status" attrs={{ "data-status": status }}>
      {flagged ? (
        <>
          <span aria-hidden="true">{status === "denied" ? "✕" : "?"}</span>
          <span className={styles.flagged}>{DEAL_STATUS_LABELS[status]}</span>
        </>
      ) : (
        DEAL_STATUS_LABELS[status]
      )}
    </CategoryBadge>
  );
}

export function DealKindBadge({ kind }: { kind: DealKind }) {
  return (
    <CategoryBadge category="dealKind" value={kind} testId="deal-kind" attrs={{ "data-kind": kind }}>
      {DEAL_KIND_LABELS[kind]}
    </CategoryBadge>
  );
}

/** One line saying what a rumoured or denied deal means, so it is not read as a fact. */
export function DealStatusNote({ status }: { status: DealStatus }) {
  if (status === "denied") {
    return (
      <p className={styles.statusNote} data-status={status}>
        <strong>Denied.</strong> Reports of this deal circulated, and the companies involved said it did not happen. It
        is listed so the rumour is not mistaken for a holding.
      </p>
    );
  }
  if (status === "rumoured") {
    return (
      <p className={styles.statusNote} data-status={status}>
        <strong>Rumoured.</strong> Reported by the press but not confirmed by the companies involved.
      </p>
    );
  }
  return null;
}
