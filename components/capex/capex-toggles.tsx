import Link from "next/link";
import type { CapexSelection } from "@/lib/views/capex";
import { SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { hrefWith } from "@/lib/views/url";
import { CAPEX_CURRENCIES, SPENDING_KINDS, SPENDING_SCOPES } from "@/lib/domain/vocabulary";
import styles from "./capex.module.css";

type Option = { value: string; label: string };

const MODES: Option[] = [
  { value: "stated", label: "As stated" },
  { value: "annual", label: "Per year" },
];
const CURRENCIES: Option[] = CAPEX_CURRENCIES.map((c) => ({ value: c, label: c }));
const SCOPES: Option[] = [{ value: "all", label: "All scopes" }, ...SPENDING_SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))];
const KINDS: Option[] = [{ value: "", label: "All kinds" }, ...SPENDING_KINDS.map((k) => ({ value: k, label: SPENDING_KIND_LABELS[k] }))];

/**
 * The selection as links: every state is a URL, so the toggles work without JavaScript
 * and a view can be shared. Links keep the other choices as they are.
 */
export function CapexToggles({ selection, scopeCounts }: { selection: CapexSelection; scopeCounts: Record<string, number> }) {
  const current = { mode: selection.mode, currency: selection.currency, scope: selection.scope, kind: selection.kind };
  const group = (param: keyof typeof current, title: string, options: Option[], counts?: Record<string, number>) => (
    <div data-testid={`toggle-${param}`}>
      <span className={styles.label} id={`toggle-${param}-label`}>
        {title}
      </span>
      <nav className="toggle-group" aria-labelledby={`toggle-${param}-label`} style={{ flexWrap: "wrap" }}>
        {options.map((o) => {
          const active = (current[param] ?? "") === o.value;
          return (
            <Link
              key={o.value || "any"}
              href={hrefWith("/capex", current, { [param]: o.value || undefined })}
              aria-current={active ? "true" : undefined}
              data-testid={`toggle-${param}-${o.value || "any"}`}
              prefetch={false}
            >
              {o.label}
              {counts ? <span> ({counts[o.value] ?? 0})</span> : null}
            </Link>
          );
        })}
      </nav>
    </div>
  );
  return (
    <div className={styles.toggles} data-testid="capex-toggles">
      {group("mode", "Figures", MODES)}
      {group("currency", "Currency", CURRENCIES)}
      {group("scope", "Scope", SCOPES, scopeCounts)}
      {group("kind", "Kind", KINDS)}
    </div>
  );
}
