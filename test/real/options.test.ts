/** `npm run real` flags (scripts/real/options.ts): units, defaults, variants, refusals. */
import { describe, expect, it } from "vitest";
import { harnessOptions } from "../../scripts/real/options.ts";
import { UsageError } from "../../sim/cli/exit.ts";

const MiB = 2 ** 20;

describe("harnessOptions", () => {
  it("defaults to the issue's swarm: 32 MiB of 256 KiB pieces, 2 / 1 / 4 MiB/s", () => {
    const o = harnessOptions({});
    expect(o.peers).toEqual([5, 10, 20]);
    expect(o.sizeBytes).toBe(32 * MiB);
    expect(o.pieceSizeBytes).toBe(256 * 1024);
    expect([o.seedUpBytesPerS, o.upBytesPerS, o.downBytesPerS]).toEqual([2 * MiB, MiB, 4 * MiB]);
    expect(o.variants.map((v) => v.name)).toEqual(["default"]);
  });

  it("takes rates in the scenario's units, converted to whole bytes per second", () => {
    const o = harnessOptions({ up: "8Mbit/s", down: "1000kB/s" });
    expect(o.upBytesPerS).toBe(1e6);
    expect(o.downBytesPerS).toBe(1e6);
  });

  it("bounds a swarm by default in proportion to the seed's time to send the file", () => {
    expect(harnessOptions({ size: "4MiB" }).timeoutS).toBeLessThan(harnessOptions({}).timeoutS);
    expect(harnessOptions({ timeout: "90s" }).timeoutS).toBe(90);
  });

  it("makes one simulated variant per --profile value, --set applying to all", () => {
    const o = harnessOptions({ profile: "libtorrent,mainline", set: ["protocol.endgame=false"] });
    expect(o.variants.map((v) => v.sets)).toEqual([
      ["protocol.profile=libtorrent"],
      ["protocol.profile=mainline"],
    ]);
    expect(o.sets).toEqual(["protocol.endgame=false"]);
  });

  it("keeps every leecher and a plain seed unless --leave / --super-seed", () => {
    expect([harnessOptions({}).leave, harnessOptions({}).superSeed]).toEqual([false, false]);
    const o = harnessOptions({ leave: true, "super-seed": true });
    expect([o.leave, o.superSeed]).toEqual([true, true]);
  });

  it("crosses --vary axes into a grid", () => {
    const o = harnessOptions({
      vary: ["protocol.unchoke_slots=4,8", "protocol.pipeline_depth=5,24"],
    });
    expect(o.variants).toHaveLength(4);
  });

  it.each([
    [{ peers: "5,x" }, /--peers/],
    [{ peers: "0" }, /--peers/],
    [{ peers: "100" }, /at most 60/],
    [{ size: "12parsecs" }, /--size/],
    [{ size: "100KiB" }, /smaller than one piece/],
    [{ "piece-size": "10000B" }, /multiple of 16KiB/],
    [{ up: "1MB" }, /--up/],
    [{ reps: 0 }, /--reps/],
    [{ vary: ["protocol.picker"] }, /PATH=V1,V2/],
  ])("refuses %o", (raw, message) => {
    expect(() => harnessOptions(raw)).toThrow(UsageError);
    expect(() => harnessOptions(raw)).toThrow(message);
  });
});
