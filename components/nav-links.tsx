"use client";

import { AppLink } from "@/components/app-link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/portfolio", label: "Portfolio" },
  { href: "/capex", label: "Capex" },
  { href: "/deals", label: "Deals" },
  { href: "/sources", label: "Sources" },
];

export function NavLinks({ asof }: { asof?: string }) {
  const pathname = usePathname();
  return (
    <ul className="nav">
      {LINKS.map((l) => {
        const active = l.href === "/" ? pathname === "/" : pathname.startsWith(l.href);
        return (
          <li key={l.href}>
            <AppLink href={asof ? `${l.href}?asof=${asof}` : l.href} aria-current={active ? "page" : undefined} data-testid={`nav-${l.label.toLowerCase()}`}>
              {l.label}
            </AppLink>
          </li>
        );
      })}
    </ul>
  );
}
