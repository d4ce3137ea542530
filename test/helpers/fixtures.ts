/**
 * Compact string fixtures for strategy tests, in the style of libtorrent's
 * picker tests: one character per piece, so a whole scenario reads on one line.
 *
 *   availability "2213" → copies per piece (a digit each)
 *   have-sets    "* .*" → `*` (or `1`) = has the piece, space or `.` (or `0`) = does not
 *
 * Choke candidates are written as a small whitespace-separated table whose
 * first row names the columns (see `candidates`).
 */
import { Rng } from "../../sim/engine/rng.ts";
import type { ChokeCandidate } from "../../sim/protocol/choker/types.ts";
import { pieceBitsOf } from "../../sim/protocol/picker/piece-bits.ts";
import type { PickerView } from "../../sim/protocol/picker/types.ts";

/** `"* .*"` → Uint8Array [1, 0, 0, 1]. */
export function bits(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "*" || ch === "1") out[i] = 1;
    else if (ch === " " || ch === "." || ch === "0") out[i] = 0;
    else
      throw new Error(
        `bad have-set character ${JSON.stringify(ch)} at ${i} in ${JSON.stringify(s)}`,
      );
  }
  return out;
}

/** `"2213"` → Int32Array [2, 2, 1, 3]. */
export function counts(s: string): Int32Array {
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      throw new Error(
        `bad availability character ${JSON.stringify(s[i])} at ${i} in ${JSON.stringify(s)}`,
      );
    }
    out[i] = d;
  }
  return out;
}

/** Indices whose character is set in a have-set string: `"* .*"` → [0, 3]. */
export function indicesOf(s: string): number[] {
  const b = bits(s);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) if (b[i] === 1) out.push(i);
  return out;
}

export interface PickerFixture {
  /** One digit per piece. */
  availability: string;
  /** Have-set of the remote peer; defaults to all pieces. */
  remote?: string;
  /** Have-set of pieces we may start; defaults to all pieces. */
  startable?: string;
  /** Pieces we hold; defaults to 0. */
  held?: number;
  /** Seed of the picker's random stream (or the stream itself); defaults to 1. */
  seed?: number | Rng;
}

/**
 * A `PickerView` from string fixtures:
 * `pickerView({ availability: "2223333", remote: "*******", startable: "**  ***", held: 0, seed: 1 })`.
 */
export function pickerView(f: PickerFixture): PickerView {
  const n = f.availability.length;
  const remote = f.remote ?? "*".repeat(n);
  const startable = f.startable ?? "*".repeat(n);
  if (remote.length !== n || startable.length !== n) {
    throw new Error(
      `fixture lengths differ: availability ${n}, remote ${remote.length}, startable ${startable.length}`,
    );
  }
  const seed = f.seed ?? 1;
  return {
    pieceCount: n,
    availability: counts(f.availability),
    remoteHas: pieceBitsOf(bits(remote)),
    startable: bits(startable),
    piecesHeld: f.held ?? 0,
    rng: seed instanceof Rng ? seed : new Rng(`picker-fixture/${seed}`),
  };
}

/**
 * Choke candidates from a table. Columns (any order, any subset after `handle`):
 *   handle  integer
 *   int     interested: `*` yes, `.` no (default yes)
 *   down    downloadRate (default 0)
 *   up      uploadRate (default 0)
 *   snub    snubbed: `*` / `.` (default no)
 *   last    lastUnchokedUs, -1 = never (default -1)
 *   new     isNew: `*` / `.` (default no)
 *
 *   candidates(`
 *     handle int down  up snub
 *     0      *   100   5  .
 *     1      .   900   0  .
 *   `)
 */
export function candidates(table: string): ChokeCandidate[] {
  const rows = table
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/\s+/));
  const [header, ...body] = rows;
  if (header?.[0] !== "handle")
    throw new Error("candidate table must start with a 'handle' column");
  const known = new Set(["handle", "int", "down", "up", "snub", "last", "new"]);
  for (const h of header) if (!known.has(h)) throw new Error(`unknown candidate column ${h}`);
  return body.map((cells, r) => {
    if (cells.length !== header.length)
      throw new Error(`candidate row ${r} has ${cells.length} cells`);
    const get = (col: string): string | undefined => {
      const i = header.indexOf(col);
      return i < 0 ? undefined : cells[i];
    };
    const flag = (col: string, dflt: boolean): boolean => {
      const v = get(col);
      if (v === undefined) return dflt;
      if (v === "*") return true;
      if (v === ".") return false;
      throw new Error(`bad flag ${v} in column ${col}`);
    };
    const num = (col: string, dflt: number): number => {
      const v = get(col);
      if (v === undefined) return dflt;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new Error(`bad number ${v} in column ${col}`);
      return x;
    };
    return {
      handle: num("handle", Number.NaN),
      interested: flag("int", true),
      downloadRate: num("down", 0),
      uploadRate: num("up", 0),
      snubbed: flag("snub", false),
      lastUnchokedUs: num("last", -1),
      isNew: flag("new", false),
    };
  });
}

/** One candidate with defaults (interested, rates 0, not snubbed, never unchoked, not new). */
export function candidate(handle: number, fields: Partial<ChokeCandidate> = {}): ChokeCandidate {
  return {
    handle,
    interested: true,
    downloadRate: 0,
    uploadRate: 0,
    snubbed: false,
    lastUnchokedUs: -1,
    isNew: false,
    ...fields,
  };
}
