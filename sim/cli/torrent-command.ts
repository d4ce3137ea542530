import { readFileSync, writeFileSync } from "node:fs";
import { inspectTorrent, TorrentFormatError } from "../metainfo/index.ts";
import { prepareTorrent } from "../run/torrent-setup.ts";
import { UsageError } from "./exit.ts";
import { readExternalTorrent } from "./external-torrent.ts";
import { loadScenarioFile } from "./load-scenario.ts";

export interface TorrentArgs {
  readonly scenario?: string;
  readonly out?: string;
  readonly inspect?: string;
  readonly set?: readonly string[];
  readonly seed?: number;
}

/**
 * `sim torrent SCENARIO --out FILE` writes the scenario's .torrent only;
 * `sim torrent --inspect FILE` prints name, size, pieces and info-hash of any .torrent.
 */
export function torrentCommand(args: TorrentArgs): void {
  if (args.inspect !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(args.inspect);
    } catch {
      throw new UsageError(`${args.inspect}: cannot read the file`);
    }
    try {
      const t = inspectTorrent(bytes);
      process.stdout.write(
        [
          `name:         ${t.name}`,
          `size:         ${t.lengthBytes} bytes`,
          `piece length: ${t.pieceLengthBytes} bytes`,
          `pieces:       ${t.pieceCount}`,
          `info-hash:    ${t.infoHash}`,
          `announce:     ${t.announce ?? "-"}`,
        ].join("\n") + "\n",
      );
    } catch (e) {
      if (e instanceof TorrentFormatError) throw new UsageError(`${args.inspect}: ${e.message}`);
      throw e;
    }
    return;
  }
  if (args.scenario === undefined || args.out === undefined) {
    throw new UsageError("sim torrent: give SCENARIO --out FILE, or --inspect FILE");
  }
  const config = loadScenarioFile(args.scenario, { sets: args.set ?? [], seed: args.seed });
  const torrent = prepareTorrent(config, readExternalTorrent(config), args.scenario);
  writeFileSync(args.out, torrent.metainfo);
  process.stdout.write(`${args.out}\n`);
}
