/**
 * Inputs that once crashed the CLI (exit 1 with a stack trace, or a hang),
 * kept as regression cases for fuzz.test.ts. The first came from the issue
 * that asked for the fuzz test; the others are what the property found,
 * with the fast-check seed and path that found each (replay one with
 * `fc.assert(…, { seed, path })`). Bytes are given as latin1 text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/cli.ts";

const SMALL = readFileSync(join(ROOT, "scenarios/small.yaml"), "utf8");
const SWEEP_BASE = `name: r\nbase: ${join(ROOT, "scenarios/small.yaml")}\nvary:\n  protocol.picker: [rarest-first, random]\n`;

export interface Regression {
  readonly name: string;
  readonly kind: "scenario" | "sweep";
  readonly text: string;
  /** The exit status it must give. */
  readonly status: 0 | 2;
}

export const REGRESSIONS: readonly Regression[] = [
  {
    // Issue 15: yaml's ReferenceError "Excessive alias count…" came out as exit 1 with its stack.
    name: "a YAML alias bomb is refused at once",
    kind: "scenario",
    text: `${SMALL}\nlol: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
    status: 2,
  },
  {
    // Issue 15: RangeError "Invalid typed array length" from sim/net/links.ts.
    name: "count: 100000000000 is refused by the memory guard, not a RangeError",
    kind: "scenario",
    text: SMALL.replace("count: 12", "count: 100000000000"),
    status: 2,
  },
  {
    name: "ten million peers are refused by the memory guard",
    kind: "scenario",
    text: SMALL.replace("count: 12", "count: 10000000"),
    status: 2,
  },
  {
    // Was `small: torrent.file: cannot read …` with no line:col, and the scenario's name for a file.
    name: "a missing torrent.file is located",
    kind: "scenario",
    text: SMALL.replace("  size: 4MiB", "  file: nowhere.torrent"),
    status: 2,
  },
  {
    // Was `s.yaml: discovery: not modelled …` with no line:col.
    name: "a combination a distribution ignores is located",
    kind: "scenario",
    text: SMALL.replace("seed: 1 ", "distribution: napster\ndiscovery: dht\nseed: 1 "),
    status: 2,
  },
  {
    name: "nesting deeper than the parser's stack is a located error",
    kind: "scenario",
    text: `${SMALL}\nx: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
    status: 2,
  },
  {
    name: "non-UTF-8 bytes are read, not thrown",
    kind: "scenario",
    text: SMALL.replace("description: One seed", "description: One \xff\xfe seed").replace(
      "# A small",
      "# \xc3\x28 A small",
    ),
    status: 0,
  },
  {
    // Found by fc seed 1073347130, path "153:0:0:0" (and 372046658 for sweeps): bytes ff fe 0d 00
    // before the first key made it the key `\ufffd\ufffd\r\0name`, printed raw: a CR and a NUL
    // in the message, which then was not one line.
    name: "control characters in a key are escaped, the message stays one line",
    kind: "scenario",
    text: `\xff\xfe\r\x00${SMALL}`,
    status: 2,
  },
  {
    // Found by fc seed -1292807246, path "5:0:0:9:8": a C1 control (U+0085, bytes c2 85), which
    // JSON.stringify does not escape, in a key.
    name: "C1 control characters are escaped too",
    kind: "scenario",
    text: SMALL.replace("stop:", "st\xc2\x85op:"),
    status: 2,
  },
  {
    // Array.from({ length: 1e11 }) threw RangeError "Invalid array length" while planning.
    name: "seeds: 100000000000 is refused before the grid is expanded",
    kind: "sweep",
    text: `${SWEEP_BASE}seeds: 100000000000\n`,
    status: 2,
  },
  {
    name: "a grid of more runs than a sweep may plan is refused before it is expanded",
    kind: "sweep",
    text: `${SWEEP_BASE}  groups.1.count: [${Array.from({ length: 400 }, (_, i) => i + 1).join(", ")}]\n  groups.2.count: [${Array.from({ length: 400 }, (_, i) => i + 1).join(", ")}]\nseeds: 1\n`,
    status: 2,
  },
  {
    name: "an alias bomb in a sweep file is refused at once",
    kind: "sweep",
    text: `${SWEEP_BASE}seeds: 1\nlol: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    status: 2,
  },
];
