/**
 * Axis ticks at round values (steps of 1, 2, 2.5 or 5 times a power of ten) that cover
 * [min, max] and zero. Every chart draws its grid from these, the server's plain SVG and the
 * Recharts plot alike, so the first drawing and the interactive one agree and an axis never
 * reads "900m, 1.8bn, 2.6bn". Recharts' own tick choice (tickCount) is left unused because
 * it depends on the measured width and differs between the two drawings.
 */
export function niceTicks(min: number, max: number, options: { target?: number; integer?: boolean } = {}): number[] {
  const target = Math.max(2, options.target ?? 5);
  const lo = Math.min(0, Number.isFinite(min) ? min : 0);
  let hi = Math.max(0, Number.isFinite(max) ? max : 0);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / (target - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // 2.5 is a round step for tens and up, not for counts of one.
  const multiples = options.integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = magnitude * (multiples.find((m) => m * magnitude >= raw) ?? 10);
  if (options.integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // toPrecision drops float noise such as 0.30000000000000004 that would print in a label.
  for (let i = 0; first + i * step <= last + step / 2; i++) ticks.push(Number((first + i * step).toPrecision(12)));
  return ticks;
}
