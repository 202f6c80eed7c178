import { AppLink } from "@/components/app-link";
import { pageUrl } from "@/lib/http/page-url";
import { hrefWith } from "@/lib/views/url";

/**
 * The company a /companies/<slug> link asked for, when the slug is one a link of ours could
 * hold: anything else stays off the page, so a crafted link cannot put its text here.
 */
function missingCompany(url: URL): string | null {
  const m = /^\/companies\/([a-z0-9][a-z0-9-]{0,59})\/?$/.exec(url.pathname);
  return m ? m[1]! : null;
}

export default async function NotFound() {
  const slug = missingCompany(await pageUrl());
  const words = slug?.replace(/-/g, " ");
  return (
    <div className="notice" data-testid="not-found">
      <h1>We could not find that page</h1>
      {slug ? (
        <p data-testid="not-found-company">
          No company in the database has the address <code>{slug}</code>. It may have been renamed, or the link was cut
          short. <AppLink href={hrefWith("/search", {}, { q: words })}>Search for “{words}”</AppLink> among
          names and aliases.
        </p>
      ) : (
        <p>The company, page or filter in this link is not in the database. It may have been renamed, or the link was cut short.</p>
      )}
      <ul>
        <li>
          <AppLink href="/portfolio">Browse the portfolio map</AppLink> or search it by any name, English or pinyin.
        </li>
        <li>
          <AppLink href="/deals">See every deal</AppLink> or <AppLink href="/">go to the overview</AppLink>.
        </li>
      </ul>
    </div>
  );
}
