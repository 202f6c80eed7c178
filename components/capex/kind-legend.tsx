import { SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { SPENDING_KINDS, type SpendingKind } from "@/lib/domain/vocabulary";
import styles from "./capex.module.css";

const NOTES: Record<SpendingKind, string> = {
  pledge: "hatched, solid outline: a promise, not money spent",
  plan: "hatched, dashed outline: an announced budget",
  actual: "solid: money reported as spent",
};

/** What the bar fills mean, in words beside each swatch. */
export function KindLegend({ kinds = SPENDING_KINDS }: { kinds?: readonly SpendingKind[] }) {
  return (
    <ul className={styles.legend} aria-label="Legend: kind of figure" data-testid="capex-legend">
      {kinds.map((k) => (
        <li key={k}>
          <span className={styles.swatch} data-kind={k} aria-hidden="true" />
          <span>
            <strong>{SPENDING_KIND_LABELS[k]}</strong> <span className="muted">({NOTES[k]})</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
