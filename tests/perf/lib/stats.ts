/** Latency figures in milliseconds from individual request timings. */
export interface LatencySummary {
  requests: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The p-th percentile by the nearest-rank method: the smallest sample with at least p% of
 * the samples at or below it. No interpolation, so the figure is always a measured value.
 */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, not ${p}`);
  if (p === 0) return sortedAsc[0]!;
  const rank = Math.ceil((p / 100) * sortedAsc.length);
  return sortedAsc[Math.min(sortedAsc.length, rank) - 1]!;
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, x) => s + x, 0) / n : Number.NaN;
  return {
    requests: n,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n ? sorted[n - 1]! : Number.NaN,
  };
}

/** route / static; null when either side is missing or zero, so a bad run never reads as a ratio. */
export function ratio(route: number | null | undefined, reference: number | null | undefined): number | null {
  if (route == null || reference == null || !Number.isFinite(route) || !Number.isFinite(reference) || reference === 0) return null;
  return route / reference;
}

export const formatMs = (ms: number | null | undefined): string =>
  ms == null || !Number.isFinite(ms) ? "-" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);

export const formatKb = (bytes: number | null | undefined): string =>
  bytes == null || !Number.isFinite(bytes) ? "-" : (bytes / 1000).toFixed(1);

/** A plain-text table with aligned columns (numbers right-aligned), for the terminal and the README. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,x%]+( (PASS|FAIL))?$|^-$/.test(String(r[i] ?? ""))));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (numeric[i] ? (c ?? "").padStart(widths[i]!) : (c ?? "").padEnd(widths[i]!))).join(" | ")} |`;
  return [line(cells[0]!), `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}
