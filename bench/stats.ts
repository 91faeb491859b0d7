// Clocks and summaries shared by the benchmarks.

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

export type Latency = { count: number; p50: number; p99: number; max: number };

/** Nearest-rank percentiles, in milliseconds rounded to 0.01. */
export function summarize(samples: number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(at(100)) };
}
