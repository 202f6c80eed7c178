import { AppLink } from "@/components/app-link";
import type { CapexSelection } from "@/lib/views/capex";
import { SCOPE_LABELS, SPENDING_KIND_LABELS } from "@/lib/domain/words";
import { hrefWith } from "@/lib/views/url";
import { CAPEX_CURRENCIES, SPENDING_KINDS, SPENDING_SCOPES } from "@/lib/domain/vocabulary";
import styles from "./capex.module.css";

type Option = { value: string; label: string };

const GROUPS: Option[] = [
  { value: "comparable", label: "Closest comparable, per year" },
  { value: "scope", label: "Every figure, strictly by scope" },
];
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
  const strict = selection.group === "scope";
  // The comparison view is per year over every scope by construction: only its currency
  // travels in its links, so switching back to it never lands on a strict selection.
  const current = strict
    ? { group: "scope", mode: selection.mode, currency: selection.currency, scope: selection.scope, kind: selection.kind, asof: selection.asof }
    : { group: undefined, mode: undefined, currency: selection.currency === "USD" ? undefined : selection.currency, scope: undefined, kind: undefined, asof: selection.asof };
  const active = { ...current, group: selection.group ?? "comparable", currency: selection.currency };
  const group = (param: keyof typeof current, title: string, options: Option[], counts?: Record<string, number>) => (
    <div data-testid={`toggle-${param}`}>
      <span className={styles.label} id={`toggle-${param}-label`}>
        {title}
      </span>
      <nav className="toggle-group" aria-labelledby={`toggle-${param}-label`} style={{ flexWrap: "wrap" }}>
        {options.map((o) => {
          const isActive = (active[param] ?? "") === o.value;
          const changes =
            param === "group"
              ? o.value === "scope"
                ? { group: "scope", mode: "annual", scope: "all" }
                : { group: undefined, mode: undefined, scope: undefined, kind: undefined }
              : { [param]: o.value || undefined };
          return (
            <AppLink
              key={o.value || "any"}
              href={hrefWith("/capex", current, changes)}
              aria-current={isActive ? "true" : undefined}
              data-testid={`toggle-${param}-${o.value || "any"}`}
            >
              {o.label}
              {counts ? <span> ({counts[o.value] ?? 0})</span> : null}
            </AppLink>
          );
        })}
      </nav>
    </div>
  );
  return (
    <div className={styles.toggles} data-testid="capex-toggles">
      {group("group", "View", GROUPS)}
      {strict ? group("mode", "Figures", MODES) : null}
      {group("currency", "Currency", CURRENCIES)}
      {strict ? group("scope", "Scope", SCOPES, scopeCounts) : null}
      {strict ? group("kind", "Kind", KINDS) : null}
    </div>
  );
}
