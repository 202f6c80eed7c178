/**
 * The budgets of the performance issue, as data, and the one function that checks a
 * bench run against them. Pure, so the smoke test exercises it without a server.
 */
export const BUDGETS = {
  lighthouse: {
    performance: { desktop: 100, mobile: 95 },
    accessibility: 100,
    cls: 0,
    /** Total blocking time of the median mobile run: the margin that keeps the score on a busier machine. */
    mobileTbtMs: 200,
  },
  /** Gzipped JavaScript per page; 1 KB = 1,000 bytes. */
  jsBytes: { withCharts: 220_000, withoutCharts: 120_000 },
  /** Route throughput as a share of a same-size static file's, same server, same run. */
  minThroughputRatio: 0.5,
  /** On the synthetic database, for the filtered /portfolio and /deals routes, concurrency 1. */
  filteredP95Ms: 100,
  /** db:synth and db:import. */
  minRowsPerSecond: 100_000,
} as const;

export type Preset = "desktop" | "mobile";

export interface LighthouseFigures {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  /** Script bytes the browser transferred, as Lighthouse counted them. */
  scriptTransferBytes?: number | null;
  /** Lighthouse's measure of this machine's CPU speed during the run (higher is faster). */
  benchmarkIndex?: number | null;
  /** Audits that did not pass, for whoever fixes the page. */
  failedAudits?: string[];
  /** Performance score of every run; the figures above are from the median one. */
  runs?: (number | null)[];
  /** Total blocking time of every run, ms. */
  tbtRuns?: (number | null)[];
  error?: string;
}

export interface RouteResult {
  id: string;
  path: string;
  /** Filtered page whose p95 is budgeted on the synthetic database. */
  filtered: boolean;
  page: boolean;
  missing: boolean;
  status: number | null;
  htmlBytes?: number;
  latency?: { p50: number; p95: number; p99: number; mean: number; requests: number } | null;
  staticLatency?: { p50: number; p95: number; p99: number; mean: number; requests: number } | null;
  throughput?: { rps: number; p50: number; p99: number; errors: number; non2xx: number } | null;
  staticThroughput?: { rps: number; p50: number; p99: number; errors: number; non2xx: number } | null;
  ratio?: { throughput: number | null; p50: number | null };
  /** The same route with the response cache off, so every request renders and queries. */
  rendered?: {
    latency: { p50: number; p95: number; p99: number; mean: number; requests: number };
    throughput: { rps: number; p50: number; p99: number; errors: number; non2xx: number };
    throughputRatio: number | null;
  } | null;
  js?: { gzipBytes: number; scripts: number; hasCharts: boolean } | null;
  lighthouse?: Partial<Record<Preset, LighthouseFigures>>;
}

export interface ToolRate {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Rows per second of CPU time, steadier on a shared machine; null when not measured. */
  rowsPerCpuSecond: number | null;
}

export interface BudgetCheck {
  budget: string;
  subject: string;
  value: number | null;
  limit: string;
  pass: boolean | null;
}

const check = (budget: string, subject: string, value: number | null | undefined, limit: string, ok: (v: number) => boolean): BudgetCheck => ({
  budget,
  subject,
  value: value ?? null,
  limit,
  pass: value == null || !Number.isFinite(value) ? null : ok(value),
});

/** The JS budget of a page: the larger one only when the page draws a chart. */
export function jsBudgetFor(hasCharts: boolean): number {
  return hasCharts ? BUDGETS.jsBytes.withCharts : BUDGETS.jsBytes.withoutCharts;
}

/**
 * Every budget that applies to the run. `pass` is null when the figure was not measured
 * (route missing, step skipped), which is neither a pass nor a failure.
 */
export function checkBudgets(run: { synthetic: boolean; routes: RouteResult[]; synth?: ToolRate | null; import?: ToolRate | null }): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  for (const r of run.routes) {
    if (r.missing) continue;
    if (r.ratio) out.push(check("throughput >= 0.5x static", r.path, r.ratio.throughput, `>= ${BUDGETS.minThroughputRatio}`, (v) => v >= BUDGETS.minThroughputRatio));
    // Judged on rendered requests when they were measured: a cache hit says nothing about
    // whether the filter and count queries scale.
    const queried = r.rendered?.latency ?? r.latency;
    if (run.synthetic && r.filtered && queried !== undefined) {
      out.push(check("synthetic db: filtered p95 at c=1", r.path, queried?.p95, `<= ${BUDGETS.filteredP95Ms} ms`, (v) => v <= BUDGETS.filteredP95Ms));
    }
    if (r.page && r.js) {
      const limit = jsBudgetFor(r.js.hasCharts);
      out.push(check(`JS gzipped (${r.js.hasCharts ? "page with charts" : "page without charts"})`, r.path, r.js.gzipBytes, `<= ${limit / 1000} KB`, (v) => v <= limit));
    }
    for (const preset of ["desktop", "mobile"] as const) {
      const lh = r.lighthouse?.[preset];
      if (!lh) continue;
      const perf = BUDGETS.lighthouse.performance[preset];
      out.push(check(`Lighthouse performance (${preset})`, r.path, lh.performance, preset === "desktop" ? `= ${perf}` : `>= ${perf}`, (v) => v >= perf));
      out.push(check(`Lighthouse accessibility (${preset})`, r.path, lh.accessibility, `= ${BUDGETS.lighthouse.accessibility}`, (v) => v >= BUDGETS.lighthouse.accessibility));
      // "0" as Lighthouse displays it (three decimals): a shift under 0.0005 is no shift anyone sees.
      out.push(check(`CLS (${preset})`, r.path, lh.cls, `= ${BUDGETS.lighthouse.cls}`, (v) => v < BUDGETS.lighthouse.cls + 0.0005));
      if (preset === "mobile") out.push(check(`TBT (${preset})`, r.path, lh.tbtMs, `<= ${BUDGETS.lighthouse.mobileTbtMs} ms`, (v) => v <= BUDGETS.lighthouse.mobileTbtMs));
    }
  }
  if (run.synth) out.push(check("db:synth rows/s", "db:synth", run.synth.rowsPerSecond, `>= ${BUDGETS.minRowsPerSecond.toLocaleString("en-US")}`, (v) => v >= BUDGETS.minRowsPerSecond));
  if (run.import) out.push(check("db:import rows/s", "db:import", run.import.rowsPerSecond, `>= ${BUDGETS.minRowsPerSecond.toLocaleString("en-US")}`, (v) => v >= BUDGETS.minRowsPerSecond));
  return out;
}

export const verdict = (pass: boolean | null): string => (pass === null ? "n/a" : pass ? "PASS" : "FAIL");
