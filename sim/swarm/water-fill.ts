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
 * cap; a flow whose cap is at most `floors[i]` gets nothing (its receiver has
 * next to nothing to spare: it waits) and takes no share; `done` is scratch
 * (length ≥ n).
 *
 * The floor is on the cap, not on the share: under the block model a block
 * is not started on a receiver's downlink that has under 1 % of its capacity
 * spare (uplink.ts), but a started block goes at whatever the sender can
 * give. Zeroing small shares instead would starve every fast receiver of a
 * slow uplink that serves more than one run.
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
  for (let i = 0; i < n; i++) {
    if (caps[i] > floors[i]) continue;
    rates[i] = 0;
    done[i] = 1;
    shares--;
  }
  for (;;) {
    if (shares === 0) return;
    const fair = left / shares;
    batch.length = 0;
    for (let i = 0; i < n; i++) if (done[i] === 0 && caps[i] < fair) batch.push(i);
    if (batch.length === 0) break;
    // Ascending cap, ties by flow index (a stable order).
    batch.sort((a, b) => caps[a] - caps[b] || a - b);
    for (const i of batch) {
      rates[i] = Math.min(caps[i], left / shares);
      left -= rates[i];
      done[i] = 1;
      shares--;
    }
  }
  for (let i = 0; i < n; i++) {
    if (done[i] === 1) continue;
    rates[i] = Math.min(caps[i], left / shares);
    left -= rates[i];
    shares--;
  }
}
