// Lighthouse's mobile preset slows the CPU by a fixed 4x, which lands a high-end desktop
// (benchmark index about 1,500) on the mid-tier phone the preset stands for. This machine's
// index moves between about 900 and 1,900 with the load, so 4x here emulates anything from a
// low-end phone to a mid-tier one. Lighthouse's throttling guide (docs/throttling.md,
// "Calibrating the CPU slowdown") says to pick the multiplier from the index instead, and
// links a calculator; the anchor points below are that calculator's. The bench reports the
// calibrated figures beside the preset's own, never in place of them.

/** (benchmark index, multiplier) anchors, ascending; straight lines between them. */
const ANCHORS: readonly (readonly [index: number, multiplier: number])[] = [
  [150, 1],
  [800, 2],
  [1300, 3],
  [1533, 4],
];

/**
 * The CPU slowdown that brings a host of this Lighthouse benchmark index to the preset's
 * target phone: 1x at or below index 150, then the calculator's lines, and past the last
 * anchor the last line's slope (about one step of multiplier per 233 of index).
 */
export function calibratedCpuMultiplier(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) {
    throw new RangeError(`benchmark index must be a positive number, not ${benchmarkIndex}`);
  }
  const [first] = ANCHORS;
  if (benchmarkIndex <= first![0]) return first![1];
  for (let i = 1; i < ANCHORS.length; i++) {
    const [x1, y1] = ANCHORS[i]!;
    const [x0, y0] = ANCHORS[i - 1]!;
    if (benchmarkIndex <= x1 || i === ANCHORS.length - 1) {
      return round2(y0 + ((benchmarkIndex - x0) * (y1 - y0)) / (x1 - x0));
    }
  }
  throw new Error("unreachable: the last anchor extrapolates");
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
