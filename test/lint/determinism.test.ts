/**
 * Simulation code must be reproducible bit for bit from the scenario seed: it
 * draws randomness only from seeded streams (sim/engine/rng.ts), never reads
 * the wall clock, and never touches the file system. Only sim/cli/ — the
 * program's edge — may do those things. This test scans the sources.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const SIM = join(ROOT, "sim");
const EXEMPT = [join(SIM, "cli") + sep];

/** Wall-clock reads and unseeded randomness. */
const NONDETERMINISM: readonly { what: string; re: RegExp }[] = [
  { what: "Math.random", re: /\bMath\s*\.\s*random\b/ },
  { what: "Date.now", re: /\bDate\s*\.\s*now\b/ },
  { what: "new Date(", re: /\bnew\s+Date\s*\(/ },
  { what: "performance.now", re: /\bperformance\s*\.\s*now\b/ },
];

/** `import … from "node:fs"`, `"fs/promises"`, `import("node:fs")`, `require("fs")`, `export … from`. */
const FS_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)["'](?:node:)?fs(?:\/promises)?["']/;

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFilesUnder(full));
    else if (entry.isFile() && /\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
      out.push(full);
  }
  return out;
}

/**
 * The source with comments blanked out (newlines kept, so line numbers hold):
 * a comment that says "never use Math.random" is not a violation. Strings are
 * kept, since `globalThis["Date"]` tricks are out of scope anyway.
 */
function stripComments(src: string): string {
  let out = "";
  let i = 0;
  let quote: string | null = null;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (quote) {
      out += c;
      if (c === "\\") {
        out += next ?? "";
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
      out += c;
      i++;
    } else if (c === "/" && next === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      i += 2;
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) {
        if (src[i] === "\n") out += "\n";
        i++;
      }
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `file:line: text` for every line of `src` that matches `re` (comments ignored). */
function findLines(file: string, src: string, re: RegExp): string[] {
  const hits: string[] = [];
  stripComments(src)
    .split("\n")
    .forEach((line, i) => {
      if (re.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  return hits;
}

const simFiles = tsFilesUnder(SIM)
  .filter((f) => !EXEMPT.some((d) => f.startsWith(d)))
  .map((f) => ({ rel: relative(ROOT, f), src: readFileSync(f, "utf8") }));

describe("the scanner itself", () => {
  it("finds violations in code and ignores them in comments", () => {
    const src = [
      "const a = Math.random();",
      "// Math.random is banned",
      "/* Date.now()",
      "   new Date() */ const t = Date.now();",
      'const url = "http://x"; const d = new Date(0);',
      "const p = performance . now();",
    ].join("\n");
    const hits = NONDETERMINISM.flatMap(({ re }) => findLines("f.ts", src, re));
    expect(hits.map((h) => h.split(":").slice(0, 2).join(":")).sort()).toEqual([
      "f.ts:1",
      "f.ts:4",
      "f.ts:5",
      "f.ts:6",
    ]);
  });

  it("recognises file-system imports in their usual spellings", () => {
    for (const line of [
      'import { readFileSync } from "node:fs";',
      "import * as fs from 'fs';",
      'import { readFile } from "node:fs/promises";',
      'const fs = await import("node:fs");',
      'const fs = require("fs");',
      'export { readFileSync } from "node:fs";',
      'import "node:fs";',
    ]) {
      expect(FS_IMPORT.test(line), line).toBe(true);
    }
    for (const line of [
      'import { join } from "node:path";',
      'import x from "./fs.ts";',
      'const s = "fs";',
    ]) {
      expect(FS_IMPORT.test(line), line).toBe(false);
    }
  });

  it("scans a plausible number of files, including sim/run and sim/swarm, and not sim/cli", () => {
    const rels = simFiles.map((f) => f.rel.split(sep).join("/"));
    expect(rels.length).toBeGreaterThan(20);
    expect(rels.some((r) => r.startsWith("sim/engine/"))).toBe(true);
    expect(rels.some((r) => r.startsWith("sim/swarm/"))).toBe(true);
    expect(rels.some((r) => r.startsWith("sim/run/"))).toBe(true);
    expect(rels.some((r) => r.startsWith("sim/cli/"))).toBe(false);
  });
});

describe("determinism of simulation code (sim/ except sim/cli/)", () => {
  it("never uses Math.random or reads the wall clock (Date.now, new Date(, performance.now)", () => {
    const hits = simFiles.flatMap(({ rel, src }) =>
      NONDETERMINISM.flatMap(({ what, re }) =>
        findLines(rel, src, re).map((h) => `${h}   [${what}]`),
      ),
    );
    expect(
      hits,
      `draw randomness from RngStreams and time from the Simulator:\n${hits.join("\n")}`,
    ).toEqual([]);
  });

  // Architecture: sim/cli/ is the only code that touches the file system.
  it("never imports the file system (node:fs)", () => {
    const hits = simFiles.flatMap(({ rel, src }) => findLines(rel, src, FS_IMPORT));
    expect(hits, `only sim/cli/ may touch the file system:\n${hits.join("\n")}`).toEqual([]);
  });
});
