import { AppLink } from "@/components/app-link";
import { DEAL_KIND_LABELS } from "@/lib/domain/words";
import type { DealView } from "@/lib/views/records";
import { dealDate } from "@/lib/domain/labels";

export interface Partner {
  slug: string;
  name: string;
  role: string;
  dealSlug: string;
}

const ROLE_WORDS: Record<string, string> = {
  investor: "Investor",
  "co-investor": "Co-investor",
  company: "Company backed",
};

/**
 * Who shares each of these deals with `self`: the company backed, the investor and the
 * co-investors, once per (partner, role, deal), sorted by name. Built from the deals the
 * page already shows rather than from a query over every deal of the organization, whose
 * cost (and, as one IN list, whose size: SQLite takes at most 32,766 variables) grew with
 * its deal count; a company page shows at most its first 100 deals of each kind.
 */
export function partnersOf(self: string, deals: Iterable<DealView>): Partner[] {
  const seen = new Set<string>();
  const out: Partner[] = [];
  const add = (org: { slug: string; name: string }, role: string, dealSlug: string) => {
    if (org.slug === self) return;
    const key = `${org.slug}|${role}|${dealSlug}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ slug: org.slug, name: org.name, role, dealSlug });
  };
  for (const d of deals) {
    add(d.organization, "company", d.slug);
    add(d.investor, "investor", d.slug);
    for (const co of d.coInvestors) add(co, "co-investor", d.slug);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Everyone this organization shares a deal with, one line per partner listing each deal
 * and the part the partner played in it. Deals link to their card further up the page.
 */
export function PartnersList({ partners, deals }: { partners: Partner[]; deals: Map<string, DealView> }) {
  const byOrg = new Map<string, { name: string; roles: Partner[] }>();
  for (const p of partners) {
    const entry = byOrg.get(p.slug) ?? { name: p.name, roles: [] };
    entry.roles.push(p);
    byOrg.set(p.slug, entry);
  }
  return (
    <ul className="grid grid-4" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="partners">
      {[...byOrg].map(([slug, { name, roles }]) => (
        <li key={slug} className="card" data-testid="partner" data-slug={slug}>
          <AppLink href={`/companies/${slug}`} style={{ fontWeight: 600 }}>
            {name}
          </AppLink>
          <ul className="muted" style={{ margin: "var(--space-1) 0 0", paddingLeft: "var(--space-4)" }}>
            {roles.map((r) => {
              const deal = deals.get(r.dealSlug);
              return (
                <li key={`${r.role}-${r.dealSlug}`}>
                  {ROLE_WORDS[r.role] ?? r.role}:{" "}
                  {deal ? (
                    <a href={`#deal-${r.dealSlug}`}>
                      {DEAL_KIND_LABELS[deal.kind].toLowerCase()} by {deal.investor.name} in {deal.organization.name},{" "}
                      {dealDate(deal.date, deal.datePrecision, deal.dateQualifier)}
                    </a>
                  ) : (
                    r.dealSlug
                  )}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
