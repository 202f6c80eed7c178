import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Internal links go through AppLink, which turns Next's prefetch off (components/app-link.tsx says why).
    files: ["app/**", "components/**"],
    ignores: ["components/app-link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use AppLink from @/components/app-link: pages here are dynamic and a prefetch only costs." }] }] },
  },
  globalIgnores([".next/**", "tests/perf/floor-app/.next/**", "tests/perf/floor-app/next-env.d.ts", "node_modules/**", "var/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
