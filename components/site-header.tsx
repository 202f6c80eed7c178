import { AppLink } from "@/components/app-link";
import { NavLinks } from "./nav-links";

export function SiteHeader({ asof, dateControl }: { asof?: string; dateControl?: React.ReactNode }) {
  return (
    <header className="site-header">
      <div className="inner">
        <AppLink href="/" className="brand">
          Alibaba <span>AI</span> Portfolio
        </AppLink>
        <nav aria-label="Main">
          <NavLinks asof={asof} />
        </nav>
        {dateControl}
        {/* A plain GET form: search works without JavaScript and every search has a URL. */}
        <form action="/search" method="get" role="search" className="nav-search" data-testid="nav-search">
          <label htmlFor="nav-search-q" className="visually-hidden">
            Search companies, deals and sources
          </label>
          <input id="nav-search-q" type="search" name="q" placeholder="Search names, deals…" maxLength={80} autoComplete="off" />
          {asof ? <input type="hidden" name="asof" value={asof} /> : null}
          <button type="submit">Search</button>
        </form>
      </div>
    </header>
  );
}
