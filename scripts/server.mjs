// The production server: Next's own request handler (the one `next start` uses) behind the
// response cache. Run after `next build`; `npm start` (scripts/start.mjs) does both.
//   node scripts/server.mjs [--port N] [--hostname H]
//   PORT (default 3000; --port wins), PORTFOLIO_DB (the database), RESPONSE_CACHE_MB
//   (default 64; 0 turns the cache off). Without --hostname it listens on every interface.
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { createResponseCache, fileVersion } from "./response-cache.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
let args;
try {
  ({ values: args } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } }));
} catch (err) {
  console.error(`${err.message}\nUsage: node scripts/server.mjs [--port N] [--hostname H]`);
  process.exit(1);
}
const port = Number(args.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`The port must be a whole number from 0 to 65535, got "${args.port ?? process.env.PORT}".`);
  process.exit(1);
}
// Not $HOSTNAME: containers export it as the machine's name, which is not what to bind.
const hostname = args.hostname;
const dbFile = path.resolve(process.env.PORTFOLIO_DB || path.join("var", "portfolio.db"));
const cacheMb = Number(process.env.RESPONSE_CACHE_MB ?? 64);
if (!Number.isFinite(cacheMb) || cacheMb < 0) {
  console.error(`RESPONSE_CACHE_MB must be a number of megabytes (0 = off), got "${process.env.RESPONSE_CACHE_MB}".`);
  process.exit(1);
}

// Pages and API answers built from the database. Everything else (/_next/static, public/
// files, icons) Next already serves from disk with its own caching headers.
const DATA_PATHS = /^\/(?:$|portfolio(?:\/download)?$|deals(?:\/download)?$|capex$|sources$|search$|api$|api\/v1\/[^/]+$|companies\/[^/]+$)/;

// Next is told "localhost" whatever we bind to: given 127.0.0.1 it treats the proxy's
// same-origin rewrites (the 400 for an unreadable link) as external and proxies them to
// localhost, which fails (`next start -H 127.0.0.1` has the same fault).
const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const cache = cacheMb > 0 ? createResponseCache({ version: () => fileVersion(dbFile), cacheable: (p) => DATA_PATHS.test(p), maxBytes: cacheMb * 1024 * 1024 }) : null;

const server = createServer((req, res) => {
  const answer = cache ? cache.handle(req, res, handle) : handle(req, res);
  Promise.resolve(answer).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => {
  console.log(`Serving on http://${hostname ?? "localhost"}:${port} (database ${dbFile}, response cache ${cacheMb > 0 ? `${cacheMb} MB` : "off"})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
