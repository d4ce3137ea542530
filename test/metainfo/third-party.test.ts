import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { pieceHashes } from "../../sim/integrity/hashes.ts";
import { metainfoForContent } from "../../sim/metainfo/for-content.ts";
import { inspectTorrent, readTorrentFile } from "../../sim/metainfo/read.ts";

/**
 * Real BitTorrent tools must agree with us: Transmission (Debian's
 * transmission-cli, installed by .ci/run) reads our torrents and makes
 * torrents of our synthetic file; mktorrent (optional) does too.
 */

function onPath(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const hasTransmission = onPath("transmission-show") && onPath("transmission-create");
const hasMktorrent = onPath("mktorrent");
if (!hasTransmission) {
  console.warn(
    "SKIPPED: transmission-show / transmission-create are not on PATH (apt-get install transmission-cli)",
  );
}
if (!hasMktorrent)
  console.warn("SKIPPED: mktorrent is not on PATH (optional; apt-get install mktorrent)");

const workDir = mkdtempSync(join(tmpdir(), "swarmsim-torrent-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface ShowReport {
  hash: string;
  pieceCount: number;
  pieceSizeText: string;
  totalSizeText: string;
}

function transmissionShow(file: string): ShowReport {
  const out = execFileSync("transmission-show", [file], { encoding: "utf8" });
  const field = (label: string) => {
    const match = out.match(new RegExp(`^\\s*${label}: (.+)$`, "m"));
    if (!match) throw new Error(`transmission-show printed no "${label}":\n${out}`);
    return match[1].trim();
  };
  return {
    hash: field("Hash"),
    pieceCount: Number(field("Piece Count")),
    pieceSizeText: field("Piece Size"),
    totalSizeText: field("Total Size"),
  };
}

const UNIT_BYTES: Record<string, number> = {
  B: 1,
  bytes: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
};

/** Does Transmission's rounded size text ("134.2 MB", "0.25 KiB") describe this many bytes? */
function sizeTextMatches(sizeText: string, bytes: number): boolean {
  const match = sizeText.match(/^([0-9.]+) (\S+)$/);
  if (!match || !(match[2] in UNIT_BYTES)) throw new Error(`unexpected size text "${sizeText}"`);
  const decimals = match[1].split(".")[1]?.length ?? 0;
  const unit = UNIT_BYTES[match[2]];
  const halfLastDigit = 0.5 * 10 ** -decimals * unit;
  return Math.abs(Number(match[1]) * unit - bytes) <= halfLastDigit + 1e-9 * unit;
}

const layouts = [
  { seed: 1, sizeBytes: 8 * 1024 ** 2, pieceSizeBytes: 256 * 1024 },
  { seed: 2, sizeBytes: 5 * 1024 ** 2 + 3, pieceSizeBytes: 32 * 1024 },
  { seed: 3, sizeBytes: 1000, pieceSizeBytes: 16 * 1024 },
];

describe.skipIf(!hasTransmission)("transmission-cli accepts and agrees", () => {
  for (const { seed, sizeBytes, pieceSizeBytes } of layouts) {
    it(`reads our torrent of ${sizeBytes} bytes in ${pieceSizeBytes}-byte pieces`, () => {
      const content = new SyntheticContent(seed, sizeBytes, pieceSizeBytes);
      const torrent = metainfoForContent(content, "swarm.bin");
      const file = join(workDir, `ours-${seed}.torrent`);
      writeFileSync(file, torrent);
      const ours = inspectTorrent(torrent);
      const theirs = transmissionShow(file);
      expect(theirs.hash).toBe(ours.infoHash);
      expect(theirs.pieceCount).toBe(ours.pieceCount);
      expect(theirs.pieceCount).toBe(content.pieceCount);
      expect(sizeTextMatches(theirs.pieceSizeText, pieceSizeBytes)).toBe(true);
      expect(sizeTextMatches(theirs.totalSizeText, sizeBytes)).toBe(true);
    });

    it(`hashes our synthetic file of ${sizeBytes} bytes exactly as transmission-create does`, () => {
      const content = new SyntheticContent(seed, sizeBytes, pieceSizeBytes);
      const dataFile = join(workDir, `data-${seed}.bin`);
      writeFileSync(dataFile, content.rangeBytes(0, sizeBytes));
      const torrentFile = join(workDir, `transmission-${seed}.torrent`);
      execFileSync(
        "transmission-create",
        ["-s", String(pieceSizeBytes / 1024), "-o", torrentFile, dataFile],
        { stdio: "ignore" },
      );
      const read = readTorrentFile(readFileSync(torrentFile));
      expect(read.pieceLengthBytes).toBe(pieceSizeBytes);
      expect(read.lengthBytes).toBe(sizeBytes);
      expect(read.pieceHashes.equals(pieceHashes(content))).toBe(true);
      expect(read.infoHash).toBe(transmissionShow(torrentFile).hash);
    });
  }

  it("reads a multi-file torrent made by transmission-create", () => {
    const dir = join(workDir, "bundle");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(
      join(dir, "a.bin"),
      new SyntheticContent(4, 40_000, 16_384).rangeBytes(0, 40_000),
    );
    writeFileSync(
      join(dir, "sub", "b.bin"),
      new SyntheticContent(5, 30_001, 16_384).rangeBytes(0, 30_001),
    );
    const torrentFile = join(workDir, "bundle.torrent");
    execFileSync("transmission-create", ["-s", "16", "-o", torrentFile, dir], { stdio: "ignore" });
    const read = readTorrentFile(readFileSync(torrentFile));
    const theirs = transmissionShow(torrentFile);
    expect(read.name).toBe("bundle");
    expect(read.lengthBytes).toBe(70_001);
    expect(read.files.map((f) => f.path).sort()).toEqual(["bundle/a.bin", "bundle/sub/b.bin"]);
    expect(read.infoHash).toBe(theirs.hash);
    expect(read.pieceCount).toBe(theirs.pieceCount);
  });
});

describe.skipIf(!hasMktorrent)("mktorrent round trip", () => {
  it("reads mktorrent's torrent of our file: same piece hashes as ours", () => {
    const content = new SyntheticContent(6, 3 * 1024 ** 2 + 9, 64 * 1024);
    const dataFile = join(workDir, "mk.bin");
    writeFileSync(dataFile, content.rangeBytes(0, content.sizeBytes));
    const torrentFile = join(workDir, "mk.torrent");
    execFileSync(
      "mktorrent",
      ["-l", "16", "-a", "http://tracker.swarmsim.invalid/announce", "-o", torrentFile, dataFile],
      { stdio: "ignore" },
    );
    const read = readTorrentFile(readFileSync(torrentFile));
    expect(read.name).toBe("mk.bin");
    expect(read.lengthBytes).toBe(content.sizeBytes);
    expect(read.pieceLengthBytes).toBe(64 * 1024);
    expect(read.announce).toBe("http://tracker.swarmsim.invalid/announce");
    expect(read.pieceHashes.equals(pieceHashes(content))).toBe(true);
    if (hasTransmission) expect(read.infoHash).toBe(transmissionShow(torrentFile).hash);
  });
});
