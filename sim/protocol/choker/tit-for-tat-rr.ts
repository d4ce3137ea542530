import { rankBy, roundRobinCompare } from "./round-robin.ts";
import type { Choker } from "./types.ts";

/**
 * libtorrent's leecher choker (src/choker.cpp `unchoke_sort`: `compare_peers`,
 * then `unchoke_compare_rr`): unchoke the interested peers that sent us the
 * most payload in the last unchoke round (one `unchoke_interval`, not
 * mainline's 20 s rolling average), and break ties — most often among peers
 * that sent us nothing — in round-robin order (round-robin.ts). Snubbed peers
 * are not excluded.
 */
export const titForTatRoundRobin: Choker = (candidates, ctx) =>
  rankBy(candidates, ctx, (a, b) => {
    const da = a.downloadedLastRoundBytes ?? a.downloadRate;
    const db = b.downloadedLastRoundBytes ?? b.downloadRate;
    return da - db || roundRobinCompare(a, b, ctx);
  });
