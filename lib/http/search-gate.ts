/**
 * Lets searches give way to every other request on the one request thread (issue 15: other
 * pages within 2x of their idle time while eight searches run).
 *
 * Why a hand-made gate: Next has no request priorities or per-route concurrency (its server
 * starts every request it is given, in arrival order, and interleaves them at each await),
 * and Node's http server hands each request to its listener as soon as the headers are read.
 * A search page costs ~15 ms of the request thread even with its SQL on the workers
 * (lib/db/read-pool.ts), most of it the framework's own render (tests/perf/README.md,
 * search6), so eight searches in progress delay any other page by several renders. The only
 * place that sees every request before Next does is instrumentation.ts's wrapper of the http
 * server's `request` event; it asks this gate when to pass a search on.
 *
 * The rule: a search starts when no other request is in flight and fewer than `searchSlots`
 * searches it let through are still answering; otherwise it waits, first come first
 * served, but never longer than `capMs` (then it starts anyway, so a stream of other
 * requests can slow searches down but never stop them). Other requests never wait.
 */
export interface SearchGate {
  /** Counts another (non-search) request in; call the returned function once it has ended. */
  otherStarted(): () => void;
  /**
   * Resolves when the search may start: `true` if it got its turn, `false` if it waited
   * its cap. Call the returned `done` once the search's answer has ended.
   */
  admitSearch(): Promise<{ waitedOut: boolean; done: () => void }>;
  /** For tests and logs: requests in flight and searches waiting. */
  state(): { others: number; searches: number; waiting: number };
}

export interface SearchGateOptions {
  /** Longest a search waits, in ms. 0 turns the gate off (every search starts at once). */
  capMs: number;
  /** Searches answering at a time before the next one waits (those let through by their cap count too). */
  searchSlots: number;
  /** For tests: timers to use (vitest's fake ones). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Waiter {
  admit: (waitedOut: boolean) => void;
  timer: unknown;
}

export function createSearchGate(options: SearchGateOptions): SearchGate {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const slots = Math.max(1, Math.floor(options.searchSlots));
  let others = 0;
  let searches = 0;
  const queue: Waiter[] = [];

  const once = (fn: () => void) => {
    let called = false;
    return () => {
      if (called) return;
      called = true;
      fn();
    };
  };

  // Lets waiting searches through, oldest first, while the thread is free for them.
  const release = () => {
    while (queue.length > 0 && others === 0 && searches < slots) {
      const w = queue.shift()!;
      clearTimer(w.timer);
      w.admit(false);
    }
  };

  return {
    otherStarted() {
      others++;
      return once(() => {
        others--;
        release();
      });
    },
    admitSearch() {
      const done = once(() => {
        searches--;
        release();
      });
      if (options.capMs <= 0 || (queue.length === 0 && others === 0 && searches < slots)) {
        searches++;
        return Promise.resolve({ waitedOut: false, done });
      }
      return new Promise((resolve) => {
        const w: Waiter = {
          admit: (waitedOut) => {
            searches++;
            resolve({ waitedOut, done });
          },
          timer: null,
        };
        w.timer = setTimer(() => {
          const at = queue.indexOf(w);
          if (at >= 0) queue.splice(at, 1);
          w.admit(true);
        }, options.capMs);
        queue.push(w);
      });
    },
    state() {
      return { others, searches, waiting: queue.length };
    },
  };
}

/** Whether a request target is a search page (the request kind the gate holds back). */
export function isSearchRequest(target: string | undefined): boolean {
  if (!target) return false;
  const end = target.search(/[?#]/);
  return (end < 0 ? target : target.slice(0, end)) === "/search";
}

/**
 * The gate's settings from the environment: SEARCH_YIELD_MS, the longest a search waits
 * (default 250 ms, 0 turns the gate off), and SEARCH_YIELD_SLOTS, searches answering at a
 * time (default 1). A value that is not a whole number >= 0 keeps the default.
 */
export function searchGateOptions(env: Record<string, string | undefined>): SearchGateOptions {
  const whole = (raw: string | undefined, fallback: number) => (raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : fallback);
  return { capMs: whole(env.SEARCH_YIELD_MS, 250), searchSlots: Math.max(1, whole(env.SEARCH_YIELD_SLOTS, 1)) };
}
