/**
 * The random source the protocol draws from. The engine's seeded streams
 * (sim/engine/rng.ts) satisfy it; the protocol names only this interface, so
 * a test can drive a strategy with any deterministic source.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** k distinct items, uniformly (a partial Fisher–Yates). */
  sample<T>(items: readonly T[], k: number): T[];
}
