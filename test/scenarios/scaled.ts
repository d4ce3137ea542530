/**
 * The suite's stand-ins for the two 1,000-peer scenarios, whose full runs
 * take about a minute each (docs/flash-crowd.md gives the full runs' figures).
 *
 * flash-crowd: the same scenario with 64 KiB requests instead of 16 KiB: the
 * same peers, arrivals, seeding, file and pieces, a quarter of the block
 * events (about 18 M events instead of 37 M). Shrinking the file or the crowd
 * instead would change the swarm: with fewer pieces or peers the fast classes
 * no longer outrun the slow ones, since rechokes and announces keep their
 * 15 s and 30 min.
 *
 * selfish-departure: 64 KiB requests and half the crowd (500 leechers, same
 * class mix): the last piece still strands at the origin for ~100 s. (With a
 * quarter of the crowd and a quarter of the file it does not: the first
 * completers no longer outrun the origin's last pieces.)
 */
export const FLASH_CROWD_SCALED = ["--set", "torrent.block_size=64KiB"];

export const SELFISH_DEPARTURE_SCALED = [
  "--set",
  "torrent.block_size=64KiB",
  ...[200, 150, 100, 50].flatMap((n, i) => ["--set", `groups.${i + 1}.count=${n}`]),
];
