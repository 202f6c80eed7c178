import path from "node:path";
import type { NextConfig } from "next";

// Built from the project's own node_modules, so the floor is the exact Next.js and React
// the dashboard ships.
const root = path.resolve(__dirname, "../../..");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
