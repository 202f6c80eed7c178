import Link from "next/link";

export default function NotFound() {
  return (
    <div className="notice" data-testid="not-found">
      <h1>We could not find that page</h1>
      <p>The company, page or filter in this link is not in the database. It may have been renamed, or the link was cut short.</p>
      <ul>
        <li>
          <Link href="/portfolio">Browse the portfolio map</Link> or search it by any name, English or pinyin.
        </li>
        <li>
          <Link href="/deals">See every deal</Link> or <Link href="/">go to the overview</Link>.
        </li>
      </ul>
    </div>
  );
}
