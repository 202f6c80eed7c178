import { DEAL_STATUS_LABELS } from "@/lib/domain/words";
import type { DealStatus } from "@/lib/domain/vocabulary";
import styles from "./deals.module.css";

/** Deal status in words; rumoured and denied also get a distinct outline, never colour alone. */
export function DealStatusBadge({ status }: { status: DealStatus }) {
  const flagged = status === "rumoured" || status === "denied";
  return (
    <span className={`badge${flagged ? ` ${styles.flagged}` : ""}`} data-status={status} data-testid="deal-status">
      {flagged ? <span aria-hidden="true">{status === "denied" ? "✕ " : "? "}</span> : null}
      {DEAL_STATUS_LABELS[status]}
    </span>
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
