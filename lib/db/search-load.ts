/**
 * How many searches are running in this server process, and the cap past which a new one
 * is refused. Kept on globalThis because proxy.ts and the pages are separate bundles of
 * the same process: the proxy refuses a search with a 503 (never cached) when the cap is
 * reached, before anything renders, and the page counts the searches it runs.
 */
export const MAX_SEARCHES = 32;

const KEY = Symbol.for("portfolio.searchLoad");
type Load = { running: number };

function load(): Load {
  const g = globalThis as unknown as Record<symbol, Load | undefined>;
  return (g[KEY] ??= { running: 0 });
}

export function searchesRunning(): number {
  return load().running;
}

/** Counts a search in, unless MAX_SEARCHES are running; false means refuse it. */
export function startSearch(): boolean {
  const l = load();
  if (l.running >= MAX_SEARCHES) return false;
  l.running++;
  return true;
}

export function endSearch(): void {
  const l = load();
  l.running = Math.max(0, l.running - 1);
}
