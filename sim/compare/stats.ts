/**
 * Mean and 95 % confidence interval of a small sample: mean ± t(0.975, n−1) ·
 * s/√n, with s the sample standard deviation and t Student's critical value
 * (the runs of one variant are independent seeds, their spread unknown).
 */

/** t(0.975, df) for df = 1..30 (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];
/** Beyond 30: (df, t) knots, interpolated linearly in 1/df. */
const T975_TAIL: readonly [number, number][] = [
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Number.POSITIVE_INFINITY, 1.96],
];

/** Two-sided 95 % critical value of Student's t with `df` degrees of freedom. */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`degrees of freedom must be ≥ 1, got ${df}`);
  if (df <= 30) return T975[df - 1];
  for (let i = 1; i < T975_TAIL.length; i++) {
    const [d1, t1] = T975_TAIL[i];
    if (df <= d1) {
      const [d0, t0] = T975_TAIL[i - 1];
      const w = (1 / d0 - 1 / df) / (1 / d0 - 1 / d1);
      return t0 + (t1 - t0) * w;
    }
  }
  return 1.96;
}

export interface Estimate {
  /** Samples that had a value (runs where the metric is defined). */
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  /** Half-width of the 95 % CI; null below two samples. */
  readonly ci95: number | null;
}

export function estimate(xs: readonly (number | null)[]): Estimate {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null };
  let sum = 0;
  for (const x of v) sum += x;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, ci95: null };
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, sd, ci95: (tCritical95(n - 1) * sd) / Math.sqrt(n) };
}
