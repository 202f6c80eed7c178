import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run build:standalone` sets NEXT_OUTPUT=standalone: a self-contained server in
  // .next/standalone for hosts that do not install node_modules. `npm start` keeps the
  // ordinary build and `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  reactStrictMode: true,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  // The search workers' entry file (lib/db/read-pool.ts) is read by Node at run time, not
  // imported, so the trace cannot see it: the standalone server gets it listed here.
  outputFileTracingIncludes: { "/search": ["./lib/db/read-worker.mjs"] },
  // Every client gets the same HTML for a URL, so one validator and one cached copy serve
  // all: Next would otherwise block on metadata for the user agents it calls HTML-limited
  // bots and stream it for everyone else. A pattern that matches no user agent keeps the
  // one (streaming) variant, which a request without a user agent gets anyway.
  htmlLimitedBots: /(?!)/,
  // Nothing here needs resizing; the optimiser would write its cache under .next/ on request.
  // maximumDiskCacheSize 0: not even the empty cache folder Next otherwise creates at start.
  images: { unoptimized: true, maximumDiskCacheSize: 0 },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
