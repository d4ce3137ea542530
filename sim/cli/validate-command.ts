import { assertSupported } from "../run/supported.ts";
import { loadScenarioFile } from "./load-scenario.ts";

/** `sim validate`: the same checks as `sim run`, then a one-line description. */
export function validateCommand(args: {
  scenario: string;
  set?: readonly string[];
  seed?: number;
}): void {
  const c = loadScenarioFile(args.scenario, { sets: args.set ?? [], seed: args.seed });
  assertSupported(c, args.scenario);
  const peers = c.groups.reduce((n, g) => n + g.count, 0);
  const pieces = c.torrent.size > 0 ? Math.ceil(c.torrent.size / c.torrent.piece_size) : "?";
  process.stdout.write(
    `${args.scenario}: ok — ${c.name}, seed ${c.seed}, ${peers} peers in ${c.groups.length} groups, ` +
      `${c.torrent.size} bytes in ${pieces} pieces, ${c.distribution}\n`,
  );
}
