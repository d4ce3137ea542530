/**
 * Peer exchange (BEP 11, ut_pex), on by default as in libtorrent, µTorrent,
 * Transmission and Vuze: once a minute each peer tells every neighbour about
 * up to 50 of its current neighbours, and the receiver adds them to its known
 * peers. It spreads addresses the tracker hands out only every half hour —
 * notably the address of a seed that still has free slots.
 *
 * BEP 11 sends the peers added and dropped since the previous message; this
 * model sends a fresh random sample of current neighbours instead, which
 * carries the same information over a few rounds without per-connection
 * history.
 */
import type { Random } from "../random.ts";
import { US_PER_SECOND } from "../time.ts";

export const PEX_INTERVAL_US = 60 * US_PER_SECOND;
export const PEX_MAX_PEERS = 50;

/** Up to 50 of `neighbours` for the neighbour `to` (never itself). */
export function pexSample(neighbours: readonly number[], to: number, rng: Random): number[] {
  const sample = rng.sample(neighbours, PEX_MAX_PEERS + 1).filter((n) => n !== to);
  if (sample.length > PEX_MAX_PEERS) sample.length = PEX_MAX_PEERS;
  return sample;
}
