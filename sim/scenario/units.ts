/**
 * Unit strings → base units (seconds, bytes, bits per second).
 *
 * Unit symbols are case-sensitive on purpose: `MB/s` (megabytes) and `Mbit/s`
 * (megabits) differ by 8×, and guessing between them would silently skew a run.
 * Plain numbers (and numeric strings) are already in base units.
 */

type UnitTable = Readonly<Record<string, number>>;

interface Quantity {
  readonly noun: string;
  readonly examples: string;
  readonly units: UnitTable;
  /** Symbols people reach for that we refuse, with the reason. */
  readonly refused?: Readonly<Record<string, string>>;
}

const DURATION: Quantity = {
  noun: "duration",
  examples: "500ms, 30s, 10min, 2h",
  units: { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, sec: 1, min: 60, h: 3600, d: 86400 },
  refused: { m: "'m' is ambiguous; write min for minutes" },
};

const KIB = 1024;
const SIZE: Quantity = {
  noun: "size",
  examples: "16KiB, 256KiB, 1GiB, 1GB",
  units: {
    B: 1,
    kB: 1e3,
    KB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12,
    KiB: KIB,
    MiB: KIB ** 2,
    GiB: KIB ** 3,
    TiB: KIB ** 4,
  },
};

const RATE: Quantity = {
  noun: "rate",
  examples: "512kbit/s, 8Mbit/s, 1Gbit/s, 2MiB/s",
  units: {
    "bit/s": 1,
    bps: 1,
    "kbit/s": 1e3,
    "Kbit/s": 1e3,
    kbps: 1e3,
    Kbps: 1e3,
    "Mbit/s": 1e6,
    Mbps: 1e6,
    "Gbit/s": 1e9,
    Gbps: 1e9,
    // Byte rates: × 8.
    "B/s": 8,
    "kB/s": 8e3,
    "KB/s": 8e3,
    "MB/s": 8e6,
    "GB/s": 8e9,
    "KiB/s": 8 * KIB,
    "MiB/s": 8 * KIB ** 2,
    "GiB/s": 8 * KIB ** 3,
  },
};

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)$/;

function describe(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (v === undefined) return "nothing";
  return JSON.stringify(v) ?? String(v);
}

function parseQuantity(q: Quantity, v: unknown): number {
  const expected = `expected a ${q.noun} like ${q.examples}`;
  let value: number;
  if (typeof v === "number") {
    value = v;
  } else if (typeof v === "string") {
    const m = NUMBER_WITH_UNIT.exec(v.trim());
    if (!m) throw new Error(`${expected}; got ${describe(v)}`);
    const [, num, unit] = m;
    const refusal = q.refused?.[unit];
    if (refusal) throw new Error(`${expected}; got ${describe(v)} (${refusal})`);
    const factor = unit === "" ? 1 : q.units[unit];
    if (factor === undefined) {
      const known = Object.keys(q.units).join(", ");
      throw new Error(`${expected}; got ${describe(v)} (unknown unit '${unit}'; use ${known})`);
    }
    value = Number(num) * factor;
  } else {
    throw new Error(`${expected}; got ${describe(v)}`);
  }
  if (!Number.isFinite(value)) throw new Error(`${expected}; got ${describe(v)} (not finite)`);
  if (value < 0) throw new Error(`a ${q.noun} cannot be negative; got ${describe(v)}`);
  return value;
}

/** `500ms`, `30s`, `10min`, `2h`, `1d`, `250us`, or a number of seconds → seconds. */
export function parseDuration(v: string | number): number {
  return parseQuantity(DURATION, v);
}

/** `16KiB`, `1GiB` (binary), `1GB`, `1kB` (decimal), `100B`, or a number of bytes → bytes. */
export function parseSize(v: string | number): number {
  const bytes = parseQuantity(SIZE, v);
  if (!Number.isInteger(bytes)) {
    throw new Error(`a size must be a whole number of bytes; '${v}' is ${bytes} bytes`);
  }
  return bytes;
}

/** `512kbit/s`, `8Mbit/s`, `1Gbit/s`, `2MiB/s` (bytes/s × 8), or a number of bits/s → bits/s. */
export function parseRate(v: string | number): number {
  return parseQuantity(RATE, v);
}
