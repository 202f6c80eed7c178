import { AppLink } from "@/components/app-link";

export default function NotFound() {
  return (
    <div className="notice" data-testid="not-found">
      <h1>We could not find that page</h1>
      <p>The company, page or filter in this link is not in the database. It may have been renamed, or the link was cut short.</p>
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
