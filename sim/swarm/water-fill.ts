/**
 * Max-min fair shares of one link among flows capped elsewhere (the lean
 * model's uplink sharing, lean-uplink.ts): every flow gets an equal share of
 * `capacity`, except that none gets more than its cap; what a capped flow
 * cannot take goes to the others (water-filling; Bertsekas & Gallager,
 * *Data Networks*, §6.5.2).
 *
 * Only flows capped below the fair share need ordering, and they are few (a
 * fast uplink serving slow receivers), so they are sorted in batches — the
 * flows below the current fair share, which rises as capped flows take less
 * — and the rest share what is left equally. The result is that of sorting
 * every flow by cap, in O(n) when no flow is capped.
 */

const batch: number[] = [];

/**
 * Writes each flow's rate into `rates` (length ≥ n). `caps[i]` is flow i's
 * cap; a flow whose share would be at most `floors[i]` gets nothing (what it
 * would have had goes to the others); `done` is scratch (length ≥ n).
 */
export function waterFill(
  n: number,
  capacity: number,
  caps: Float64Array,
  floors: Float64Array,
  rates: Float64Array,
  done: Uint8Array,
): void {
  let left = Math.max(0, capacity);
  let shares = n;
  done.fill(0, 0, n);
  for (;;) {
    if (shares === 0) return;
    const fair = left / shares;
    batch.length = 0;
    for (let i = 0; i < n; i++) if (done[i] === 0 && caps[i] < fair) batch.push(i);
    if (batch.length === 0) break;
    // Ascending cap, ties by flow index (a stable order).
    batch.sort((a, b) => caps[a] - caps[b] || a - b);
    for (const i of batch) {
      left -= give(i, Math.min(caps[i], left / shares), floors, rates);
      done[i] = 1;
      shares--;
    }
  }
  for (let i = 0; i < n; i++) {
    if (done[i] === 1) continue;
    left -= give(i, Math.min(caps[i], left / shares), floors, rates);
    shares--;
  }
}

function give(i: number, rate: number, floors: Float64Array, rates: Float64Array): number {
  const r = rate <= floors[i] ? 0 : rate;
  rates[i] = r;
  return r;
}
