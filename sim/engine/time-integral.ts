import { US_PER_SECOND } from "./time.ts";

/**
 * ∫ level dt of a piecewise-constant level (e.g. the upload capacity of the
 * peers present), in level·seconds, updated in O(1) at each change.
 */
export class TimeIntegral {
  private level = 0;
  private integral = 0;
  private sinceUs = 0;

  /** The integral from time 0 up to `nowUs`. */
  valueAt(nowUs: number): number {
    return this.integral + (this.level * (nowUs - this.sinceUs)) / US_PER_SECOND;
  }

  /** The level changes by `delta` at `nowUs`. */
  add(delta: number, nowUs: number): void {
    this.integral = this.valueAt(nowUs);
    this.sinceUs = nowUs;
    this.level += delta;
  }
}
