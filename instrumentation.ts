/**
 * The one hook in the server process that sees every request before Next does. It does
 * three things there:
 *
 * Two request forms that Next's server throws on before any of our code runs, answering a
 * bare 500: `TRACE` (the Fetch standard forbids the method, so building the request for
 * proxy.ts fails) and a request target that is not a path (`GET *`, which `new URL`
 * rejects). No config option or proxy matcher reaches them, and without a custom server
 * the only hook in the server process is this one: refuse them with a 4xx and the
 * security headers before Next sees them.
 *
 * `/_data-version` (nginx's cache key, asked before every page) is answered here, as
 * proxy.ts would, without Next's pipeline.
 *
 * Searches give way to other pages (lib/http/search-gate.ts): a `/search` request is passed
 * on to Next only once no other request is in flight and the search before it has answered
 * (or after SEARCH_YIELD_MS, default 250; 0 turns this off), so a page asked for while eight
 * searches run is not rendered interleaved with all of them. Everything else goes to Next
 * at once.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { securityHeaders } = await import("./lib/http/security-headers");
  const { createSearchGate, isSearchRequest, searchGateOptions } = await import("./lib/http/search-gate");
  const { dataValidator, DATA_VERSION_PATH, noStore } = await import("./lib/http/validators");
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
        for (const [key, value] of Object.entries(noStore())) res.setHeader(key, value);
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        if (bad === 405) res.setHeader("Allow", "GET, HEAD");
        res.statusCode = bad;
        res.end(bad === 405 ? `${req.method} is not supported here.\n` : "The request target must be a path.\n");
        return true;
      }
      if (isPlainDataVersionRequest(req, DATA_VERSION_PATH)) {
        // The same answer proxy.ts gives (which stays for the requests passed on), without
        // Next's pipeline: 3.6-6 ms of the request thread there, asked by nginx's
        // auth_request before every page it serves (tests/perf/README.md, search6).
        for (const { key, value } of securityHeaders) res.setHeader(key, value);
        for (const [key, value] of Object.entries(noStore())) res.setHeader(key, value);
        res.setHeader("X-Data-Version", dataValidator(new URL(req.url!, "http://localhost"), new Headers())?.dataKey ?? "none");
        res.statusCode = 204;
        res.end();
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

/**
 * GET or HEAD of the data-version path, as nginx asks it: none of the headers that change
 * Next's answer (`rsc` skips proxy.ts, so Next answers 404; Next's `x-middleware-*` make
 * the validator null), so the answer is only the data key. Other forms still go to Next.
 */
function isPlainDataVersionRequest(req: import("node:http").IncomingMessage, dataVersionPath: string): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const target = req.url ?? "";
  if (target !== dataVersionPath && !target.startsWith(`${dataVersionPath}?`)) return false;
  return !Object.keys(req.headers).some((h) => h === "rsc" || h.startsWith("x-middleware-"));
}
