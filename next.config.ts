import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// Next inlines its bootstrap scripts, so script-src needs 'unsafe-inline' (a nonce would
// need a proxy on every request); 'unsafe-eval' is only for the dev server's refresh.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  // Every client gets the same HTML for a URL, so one validator and one cached copy serve
  // all: Next would otherwise block on metadata for the user agents it calls HTML-limited
  // bots and stream it for everyone else. A pattern that matches no user agent keeps the
  // one (streaming) variant, which a request without a user agent gets anyway.
  htmlLimitedBots: /(?!)/,
  // Nothing here needs resizing; the optimiser would write its cache under .next/ on request.
  images: { unoptimized: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
