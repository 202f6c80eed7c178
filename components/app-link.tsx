import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * Every internal link of the site: Next's client-side navigation, never a prefetch. Each
 * page here is dynamic (rendered per request, so an import shows at once), and a dynamic
 * route without a loading boundary prefetches only its layout, which every page shares and
 * the router already holds: the click still waits for the page. What a prefetch did cost is
 * real: two RSC requests per link in view (8-12 per page view, each a render on the server
 * that no cache may keep) and their responses parsed on the phone's main thread right after
 * hydration. The figures are in tests/perf/README.md, "Link prefetches".
 */
export function AppLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
