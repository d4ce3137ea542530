/**
 * fast-check arbitraries for the input fuzz test: valid scenario and sweep
 * documents, mutated the ways people (and attackers) break YAML — wrong
 * types, negatives, NaN/Infinity strings, huge numbers, unknown and misspelt
 * keys, deleted keys, deep nesting — then, as text, duplicate keys,
 * truncation, non-UTF-8 bytes, alias bombs, empty and odd documents.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { ROOT } from "../helpers/cli.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const SMALL_TEXT = readFileSync(join(ROOT, "scenarios/small.yaml"), "utf8");
const SMALL: Json = parse(SMALL_TEXT);

/** A sweep over small.yaml (its path absolute, so the file can live anywhere). */
export function sweepBase(): Json {
  return {
    name: "fuzz",
    base: join(ROOT, "scenarios/small.yaml"),
    vary: { "protocol.picker": ["rarest-first", "random"], "groups.1.count": [2, 4] },
    seeds: 2,
    metrics: ["download_time_s.mean"],
  };
}

/** Values that have broken parsers and validators somewhere. */
const EVIL: Json[] = [
  -1,
  0,
  -0.5,
  0.5,
  1e-300,
  100000000000,
  1e15,
  2 ** 53 + 2,
  -1e9,
  "NaN",
  ".nan",
  "Infinity",
  "-.inf",
  ".inf",
  "1e400",
  "-1e400",
  "1e400s",
  "-3s",
  "0s",
  "1e400GiB",
  "100000000000",
  "5 GiB",
  "10 Mbit/s",
  "0bit/s",
  "12furlongs",
  "",
  " ",
  "abc",
  "null",
  "~",
  "ünïcødé ☃",
  "x".repeat(5000),
  true,
  false,
  null,
  [],
  {},
  [1, 2, 3],
  { pattern: "flash" },
  { exponential: "-5s" },
  { at: "1e400s" },
  { pattern: "poisson", rate: 1e9, until: "1h" },
  "rarest-first",
  "client-server",
  "napster",
  "dht",
  "never",
  "seed",
];

/** Every path (keys and list indices) into a document. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) out.push(...paths(doc[i], [...prefix, i]));
  } else if (doc !== null && typeof doc === "object")
    for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function clone(doc: Json): Json {
  return structuredClone(doc);
}

function parentOf(doc: Json, path: (string | number)[]): Json | undefined {
  let node: Json | undefined = doc;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, Json>)[seg];
  }
  return node;
}

function nest(v: Json, depth: number): Json {
  let out = v;
  for (let i = 0; i < depth; i++) out = i % 2 ? [out] : { a: out };
  return out;
}

type Mutation = (doc: Json) => Json;

/** One structural mutation at a random path. */
const mutation: fc.Arbitrary<(doc: Json) => Json> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...EVIL)).map(
    ([i, v]): Mutation =>
      (doc) => {
        const ps = paths(doc).filter((p) => p.length > 0);
        if (ps.length === 0) return v;
        const p = ps[i % ps.length];
        const parent = parentOf(doc, p) as Record<string | number, Json>;
        parent[p[p.length - 1]] = clone(v);
        return doc;
      },
  ),
  fc.nat().map(
    (i): Mutation =>
      (doc) => {
        const ps = paths(doc).filter((p) => p.length > 0);
        if (ps.length === 0) return doc;
        const p = ps[i % ps.length];
        const parent = parentOf(doc, p);
        if (Array.isArray(parent)) parent.splice(p[p.length - 1] as number, 1);
        else if (parent && typeof parent === "object") delete parent[p[p.length - 1] as string];
        return doc;
      },
  ),
  // An unknown key, or an existing one misspelt (a letter dropped, doubled or swapped).
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("drop", "double", "swap", "new")).map(
    ([i, j, how]): Mutation =>
      (doc) => {
        const maps = paths(doc).filter((p) => {
          const n = p.reduce<Json | undefined>(
            (m, s) => (m as Record<string | number, Json>)?.[s],
            doc,
          );
          return n !== null && typeof n === "object" && !Array.isArray(n);
        });
        if (maps.length === 0) return doc;
        const p = maps[i % maps.length];
        const node = p.reduce<Json>((m, s) => (m as Record<string | number, Json>)[s], doc) as {
          [k: string]: Json;
        };
        const keys = Object.keys(node);
        if (how === "new" || keys.length === 0) {
          node[`unknown_${j % 7}`] = j;
          return doc;
        }
        const k = keys[j % keys.length];
        const c = j % Math.max(1, k.length);
        const bad =
          how === "drop"
            ? k.slice(0, c) + k.slice(c + 1)
            : how === "double"
              ? k.slice(0, c) + k[c] + k.slice(c)
              : k.slice(0, c) + (k[c + 1] ?? "") + k[c] + k.slice(c + 2);
        const v = node[k];
        delete node[k];
        node[bad || "_"] = v;
        return doc;
      },
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 2, max: 400 })).map(
    ([i, depth]): Mutation =>
      (doc) => {
        const ps = paths(doc).filter((p) => p.length > 0);
        if (ps.length === 0) return nest(doc, depth);
        const p = ps[i % ps.length];
        const parent = parentOf(doc, p) as Record<string | number, Json>;
        parent[p[p.length - 1]] = nest(parent[p[p.length - 1]], depth);
        return doc;
      },
  ),
);

/** "Billion laughs": 9^8 nodes from a few hundred bytes. */
const BOMB = `lol: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
`;

/** Text-level damage: what a structural edit cannot produce. */
const textDamage: fc.Arbitrary<(text: string) => Buffer> = fc.oneof(
  fc.constant((t: string) => Buffer.from(t)),
  fc.constant((t: string) => Buffer.from(t)),
  fc.nat().map((i) => (t: string) => {
    const lines = t.split("\n");
    const j = i % lines.length;
    lines.splice(j, 0, lines[j]); // duplicate key (or list item)
    return Buffer.from(lines.join("\n"));
  }),
  fc.nat().map((i) => (t: string) => Buffer.from(t.slice(0, i % (t.length + 1)))),
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }))
    .map(([i, bytes]) => (t: string) => {
      const b = Buffer.from(t);
      const at = i % (b.length + 1);
      return Buffer.concat([
        b.subarray(0, at),
        Buffer.from([0xff, 0xfe, ...bytes]),
        b.subarray(at),
      ]);
    }),
  fc.constant((t: string) => Buffer.from(BOMB + t)),
  fc.constant((t: string) => Buffer.from(t.replace(/^seed: .*$/m, `seed: 1\n${BOMB}`))),
  fc
    .constantFrom(
      "",
      "# only a comment\n",
      "---\n---\n",
      "42\n",
      "- a\n- b\n",
      "null\n",
      "[".repeat(3000),
      `a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
      "\u0000\u0001\u0002",
      "name: x\nname: y\nseed: 1\n",
      "name: [unclosed\n",
      "\tname: tabs\n",
    )
    .map((s) => () => Buffer.from(s)),
);

/** A mutated document as the bytes of a file. */
export function mutatedFile(base: () => Json): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.array(mutation, { minLength: 0, maxLength: 3 }), textDamage)
    .map(([ms, damage]) => {
      let doc = clone(base());
      for (const m of ms) doc = m(doc);
      let text: string;
      try {
        text = stringify(doc, { aliasDuplicateObjects: false });
      } catch {
        text = JSON.stringify(doc);
      }
      return damage(text);
    });
}

export const scenarioFiles = mutatedFile(() => SMALL);
export const sweepFiles = mutatedFile(sweepBase);
