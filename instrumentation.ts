/**
 * Two request forms that Next's server throws on before any of our code runs, answering a
 * bare 500: `TRACE` (the Fetch standard forbids the method, so building the request for
 * proxy.ts fails) and a request target that is not a path (`GET *`, which `new URL`
 * rejects). No config option or proxy matcher reaches them, and without a custom server
 * the only hook in the server process is this one: refuse them with a 4xx and the
 * security headers before Next sees them. Everything else goes to Next untouched.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { securityHeaders } = await import("./lib/http/security-headers");
  const proto = Server.prototype as unknown as { emit: (event: string, ...args: unknown[]) => boolean; __refusesOdd?: boolean };
  if (proto.__refusesOdd) return;
  proto.__refusesOdd = true;
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
    }
    return emit.call(this, event, ...args);
  };
}
