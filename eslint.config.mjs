import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "tests/perf/floor-app/.next/**", "tests/perf/floor-app/next-env.d.ts", "node_modules/**", "var/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
