/**
 * Rules that relate keys to each other. They run on the parsed (typed,
 * unit-converted) scenario, only once every key is valid on its own.
 */
import { BANDWIDTH_CLASSES } from "./bandwidth-classes.ts";
import type { Problem } from "./issues.ts";
import type { ParsedScenario } from "./schema.ts";

type Check = (s: ParsedScenario) => Problem[];

const problem = (path: Problem["path"], text: string): Problem => ({
  path,
  problem: text,
  kind: "invalid",
});

const torrentSizes: Check = ({ torrent }) => {
  const out: Problem[] = [];
  if (torrent.size === undefined && torrent.file === null) {
    out.push(problem(["torrent", "size"], "required unless torrent.file is given"));
  }
  if (torrent.size !== undefined && torrent.piece_size > torrent.size) {
    out.push(
      problem(
        ["torrent", "piece_size"],
        `${torrent.piece_size} bytes exceeds torrent.size (${torrent.size} bytes)`,
      ),
    );
  }
  // Blocks need not divide pieces (the last block of a piece may be short, as
  // the last piece of a file is), but a block can never span two pieces.
  if (torrent.block_size > torrent.piece_size) {
    out.push(
      problem(
        ["torrent", "block_size"],
        `${torrent.block_size} bytes exceeds piece_size (${torrent.piece_size} bytes)`,
      ),
    );
  }
  return out;
};

const groups: Check = ({ groups }) => {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  groups.forEach((g, i) => {
    const first = seen.get(g.name);
    if (first !== undefined) {
      out.push(
        problem(["groups", i, "name"], `duplicate group name '${g.name}' (also groups[${first}])`),
      );
    } else {
      seen.set(g.name, i);
    }
    for (const side of ["upload", "download"] as const) {
      if (g[side] === undefined && g.class === null) {
        const classes = Object.keys(BANDWIDTH_CLASSES).join(" | ");
        out.push(problem(["groups", i, side], `required unless the group has class: ${classes}`));
      }
    }
    if (g.super_seed && g.start_as !== "seed") {
      out.push(
        problem(["groups", i, "super_seed"], "only a group that starts as seed can super-seed"),
      );
    }
    const a = g.arrival;
    const bounded = "pattern" in a && (a.pattern === "poisson" || a.pattern === "decay");
    if (bounded && a.until !== undefined && a.until <= a.start) {
      out.push(problem(["groups", i, "arrival", "until"], `must be after start (${a.start}s)`));
    }
  });
  if (!groups.some((g) => g.start_as === "seed" && g.count > 0)) {
    out.push(
      problem(["groups"], "no peer starts as a seed: give a group start_as: seed and count ≥ 1"),
    );
  }
  return out;
};

const timing: Check = ({ network, tracker }) => {
  const out: Problem[] = [];
  if (network.latency.min > network.latency.max) {
    out.push(
      problem(
        ["network", "latency", "min"],
        `${network.latency.min}s exceeds max (${network.latency.max}s)`,
      ),
    );
  }
  if (tracker.min_interval > tracker.interval) {
    out.push(
      problem(
        ["tracker", "min_interval"],
        `${tracker.min_interval}s exceeds interval (${tracker.interval}s)`,
      ),
    );
  }
  return out;
};

const faults: Check = ({ faults, groups, torrent }) => {
  const out: Problem[] = [];
  const corrupt = faults.corrupt;
  if (corrupt !== null) {
    const names = groups.map((g) => g.name);
    if (!names.includes(corrupt.group)) {
      out.push(
        problem(
          ["faults", "corrupt", "group"],
          `no group named '${corrupt.group}' (groups: ${names.join(", ")})`,
        ),
      );
    }
    if (corrupt.pieces !== null && torrent.size !== undefined) {
      const pieceCount = Math.ceil(torrent.size / torrent.piece_size);
      corrupt.pieces.forEach((p, j) => {
        if (p >= pieceCount) {
          out.push(
            problem(
              ["faults", "corrupt", "pieces", j],
              `piece ${p} does not exist (the torrent has ${pieceCount} pieces, 0..${pieceCount - 1})`,
            ),
          );
        }
      });
    }
  }
  faults.tracker_outage.forEach((o, i) => {
    if (o.from >= o.to) {
      out.push(problem(["faults", "tracker_outage", i, "to"], `must be after from (${o.from}s)`));
    }
  });
  return out;
};

/** A client's start-up is modelled for BitTorrent peers only. */
const startup: Check = ({ distribution, groups }) =>
  distribution === "bittorrent"
    ? []
    : groups.flatMap((g, i) =>
        g.startup_delay === undefined
          ? []
          : [
              problem(
                ["groups", i, "startup_delay"],
                `not modelled with distribution '${distribution}' (only with bittorrent)`,
              ),
            ],
      );

const CHECKS: readonly Check[] = [torrentSizes, groups, timing, faults, startup];

export function crossChecks(s: ParsedScenario): Problem[] {
  return CHECKS.flatMap((check) => check(s));
}
