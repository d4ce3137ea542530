/**
 * How many upload slots (unchoked interested peers, the optimistic one
 * included) a peer runs.
 *
 * `fixed`: always `unchoke_slots` (BEP 3's reference client: 4). With a fast
 * uplink that wastes capacity: a slot carries at most what its receiver can
 * take, so a 100 Mbit/s peer whose four unchoked peers sit behind 8 Mbit/s
 * downlinks uses a third of its uplink, whatever the choker ranks.
 *
 * `rate-based`: libtorrent's rate_based_choker (choker.cpp): sort the peers
 * by the rate we uploaded to them over the last round; the k-th fastest
 * (k = 0, 1, …) earns a slot if it got at least 1 KiB/s + k × 2 KiB/s
 * (rate_choker_initial_threshold, and the step libtorrent hard-codes); one
 * more slot on top lets the count grow by one a round while every slot is
 * worth its keep, and shrink when slots only carry trickles (receivers that
 * are full, or nothing left to give). Unlike libtorrent we never go below
 * `unchoke_slots`, so the option only adds slots to the fixed scheme.
 */

/** libtorrent's rate_choker_initial_threshold, bytes per second. */
export const RATE_CHOKER_INITIAL_THRESHOLD = 1024;
/** The threshold's growth per slot in libtorrent's rate_based_choker. */
export const RATE_CHOKER_STEP = 2048;

/** protocol.upload_slots: `fixed` or libtorrent's `rate-based`. */
export type UploadSlotsMode = "fixed" | "rate-based";

/**
 * `uploadRates`: bytes per second we sent to each connected peer over the last
 * round (any order; it is not modified).
 */
export function uploadSlots(
  mode: UploadSlotsMode,
  fixedSlots: number,
  uploadRates: readonly number[],
): number {
  if (mode === "fixed") return fixedSlots;
  const sorted = uploadRates.slice().sort((a, b) => b - a);
  let earned = 0;
  let threshold = RATE_CHOKER_INITIAL_THRESHOLD;
  for (const rate of sorted) {
    if (rate < threshold) break;
    earned++;
    threshold += RATE_CHOKER_STEP;
  }
  return Math.max(fixedSlots, earned + 1);
}
