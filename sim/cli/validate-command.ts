import { estimateMemory } from "../run/memory-estimate.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { formatBytes } from "./resource-guard.ts";

/** `sim validate`: the same checks as `sim run` (the memory guard included), then a one-line description. */
export function validateCommand(args: {
  scenario: string;
  set?: readonly string[];
  seed?: number;
  force?: boolean;
}): void {
  const c = loadScenarioFile(args.scenario, {
    sets: args.set ?? [],
    seed: args.seed,
    guard: { force: args.force },
  });
  const peers = c.groups.reduce((n, g) => n + g.count, 0);
  const pieces = c.torrent.size > 0 ? Math.ceil(c.torrent.size / c.torrent.piece_size) : "?";
  const memory =
    c.torrent.size > 0 ? `, about ${formatBytes(estimateMemory(c).bytes)} of memory` : "";
  process.stdout.write(
    `${args.scenario}: ok — ${c.name}, seed ${c.seed}, ${peers} peers in ${c.groups.length} groups, ` +
      `${c.torrent.size} bytes in ${pieces} pieces, ${c.distribution}${memory}\n`,
  );
}
