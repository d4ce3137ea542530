/**
 * How many upload slots (unchoked interested peers, the optimistic ones
 * included) a peer runs.
 *
 * `fixed`: always `unchoke_slots` (BEP 3's reference client: 4; libtorrent's
 * default fixed_slots_choker: 8). With a fast uplink that wastes capacity: a
 * slot carries at most what its receiver can take, so a 100 Mbit/s peer whose
 * four unchoked peers sit behind 8 Mbit/s downlinks uses a third of its
 * uplink, whatever the choker ranks.
 *
 * `rate-based`: libtorrent's rate_based_choker (src/choker.cpp
 * `unchoke_sort`): sort the interested peers by the bytes we uploaded to
 * them in the last unchoke round, as a rate over that round's length; the
 * k-th fastest (k = 0, 1, …) earns a slot if it got at least
 * 1 KiB/s + k × 2 KiB/s (rate_choker_initial_threshold, and the step
 * libtorrent hard-codes); then one more slot on top ("always have at least
 * 1 unchoke slot"). The count is recomputed from nothing every round —
 * libtorrent resets it to 0 and ignores unchoke_slots_limit — so it grows by
 * one a round while every slot is worth its keep and shrinks when slots only
 * carry trickles. How often the round runs is the choke schedule's
 * (choke-schedule.ts).
 */

/** libtorrent's rate_choker_initial_threshold, bytes per second. */
export const RATE_CHOKER_INITIAL_THRESHOLD = 1024;
/** The threshold's growth per slot in libtorrent's rate_based_choker. */
export const RATE_CHOKER_STEP = 2048;

/** protocol.upload_slots: `fixed` or libtorrent's `rate-based`. */
export type UploadSlotsMode = "fixed" | "rate-based";

/**
 * `uploadRates`: bytes per second we sent to each interested peer over the
 * last round (any order; it is not modified). Unused by `fixed`.
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
  return earned + 1;
}

/**
 * Optimistic unchokes among `slots` for `optimistic_slots: auto`: libtorrent's
 * num_optimistic_unchoke_slots 0, max(1, slots / 5) of the current slot count
 * (session_impl.cpp recalculate_optimistic_unchoke_slots).
 */
export function autoOptimisticSlots(slots: number): number {
  return Math.max(1, Math.floor(slots / 5));
}
