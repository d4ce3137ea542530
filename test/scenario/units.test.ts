import { describe, expect, it } from "vitest";
import { parseDuration, parseRate, parseSize } from "../../sim/scenario/units.ts";

describe("parseDuration", () => {
  it.each([
    ["500ms", 0.5],
    ["30s", 30],
    ["10min", 600],
    ["2h", 7200],
    ["1d", 86400],
    ["250us", 0.00025],
    ["1.5s", 1.5],
    ["0s", 0],
    [45, 45],
    ["45", 45],
  ] as const)("%s → %d s", (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 12);
  });

  it.each(["3 parsecs", "-5s", "fast", "", "1e999s"])("rejects %j", (input) => {
    expect(() => parseDuration(input)).toThrow(/duration/);
  });

  it("rejects negative and non-finite numbers", () => {
    expect(() => parseDuration(-1)).toThrow(/negative/);
    expect(() => parseDuration(Number.NaN)).toThrow(/duration/);
  });

  it("explains the bad input", () => {
    expect(() => parseDuration("3 parsecs")).toThrow(
      "expected a duration like 500ms, 30s, 10min, 2h; got '3 parsecs'",
    );
    expect(() => parseDuration("10m")).toThrow(/write min for minutes/);
  });
});

describe("parseSize", () => {
  it.each([
    ["16KiB", 16384],
    ["256KiB", 262144],
    ["4MiB", 4194304],
    ["1GiB", 1073741824],
    ["1GB", 1e9],
    ["1MB", 1e6],
    ["1kB", 1000],
    ["100B", 100],
    ["1.5KiB", 1536],
    [4096, 4096],
  ] as const)("%s → %d bytes", (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it.each(["1 parsec", "-1KiB", "1Mbit/s", "0.5B"])("rejects %j", (input) => {
    expect(() => parseSize(input)).toThrow(/size/);
  });
});

describe("parseRate", () => {
  it.each([
    ["512kbit/s", 512e3],
    ["8Mbit/s", 8e6],
    ["1Gbit/s", 1e9],
    ["1.5Mbit/s", 1.5e6],
    ["2MiB/s", 2 * 1024 * 1024 * 8],
    ["1MB/s", 8e6],
    ["100bit/s", 100],
    ["10Mbps", 10e6],
    ["256kbps", 256e3],
    [1e6, 1e6],
  ] as const)("%s → %d bit/s", (input, bps) => {
    expect(parseRate(input)).toBeCloseTo(bps, 6);
  });

  it.each(["8mbit", "fast", "-1Mbit/s", "1MiB"])("rejects %j", (input) => {
    expect(() => parseRate(input)).toThrow(/rate/);
  });
});
