/**
 * The one hook in the server process that sees every request before Next does. It does two
 * things there:
 *
 * Two request forms that Next's server throws on before any of our code runs, answering a
 * bare 500: `TRACE` (the Fetch standard forbids the method, so building the request for
 * proxy.ts fails) and a request target that is not a path (`GET *`, which `new URL`
 * rejects). No config option or proxy matcher reaches them, and without a custom server
 * the only hook in the server process is this one: refuse them with a 4xx and the
 * security headers before Next sees them.
 *
 * Searches give way to other pages (lib/http/search-gate.ts): a `/search` request is passed
 * on to Next only once no other request is in flight (or after SEARCH_YIELD_MS, default
 * 250; 0 turns this off), so a page asked for while eight searches run is not rendered
 * interleaved with all of them. Everything else goes to Next at once.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { securityHeaders } = await import("./lib/http/security-headers");
  const { createSearchGate, isSearchRequest, searchGateOptions } = await import("./lib/http/search-gate");
  const proto = Server.prototype as unknown as { emit: (event: string, ...args: unknown[]) => boolean; __refusesOdd?: boolean };
  if (proto.__refusesOdd) return;
  proto.__refusesOdd = true;
  const gate = createSearchGate(searchGateOptions(process.env));
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [import("node:http").IncomingMessage, import("node:http").ServerResponse];
      const bad = req.method === "TRACE" || req.method === "CONNECT" ? 405 : !req.url?.startsWith("/") ? 400 : 0;
      if (bad) {
        for (const { key, value } of securityHeaders) res.setHeader(key, value);
        res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        if (bad === 405) res.setHeader("Allow", "GET, HEAD");
        res.statusCode = bad;
        res.end(bad === 405 ? `${req.method} is not supported here.\n` : "The request target must be a path.\n");
        return true;
      }
      if (isSearchRequest(req.url)) {
        // A client that leaves while its search waits is not searched for; its turn is given back.
        let closed = false;
        let finished: (() => void) | null = null;
        res.once("close", () => {
          closed = true;
          finished?.();
        });
        void gate.admitSearch().then(({ done }) => {
          if (closed) return done();
          finished = done;
          emit.call(this, event, ...args);
        });
        return true;
      }
      res.once("close", gate.otherStarted());
    }
    return emit.call(this, event, ...args);
  };
}
