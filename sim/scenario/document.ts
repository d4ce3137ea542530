/**
 * The scenario as a YAML document that remembers where each node came from:
 * a line:col in the file, or the `--set`/`--seed` override that put it there.
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from "yaml";
import { type KeyPath, ScenarioError } from "./errors.ts";
import type { ProblemKind } from "./issues.ts";

export interface SourceDoc {
  readonly doc: Document;
  readonly fileLabel: string;
  readonly lines: LineCounter;
  /** Nodes created by overrides (and so everything under them), with the override text. */
  readonly overrides: Map<Node, string>;
}

export interface Where {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/**
 * Nesting a document may have. Scenarios use a handful of levels; the YAML
 * parser recurses per level and overflows the stack somewhere past a few
 * thousand, at a depth that depends on how deep the caller's stack already
 * is, so deeper documents are refused here, at a position that does not.
 */
export const MAX_NESTING = 256;

/** Where flow brackets or block indentation first nest deeper than MAX_NESTING, or -1. */
function tooDeepAt(text: string): number {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      lineStart = true;
      indent = 0;
      quote = null;
      continue;
    }
    if (lineStart) {
      if (c === " " || c === "-") {
        indent++; // "- " opens a level as indentation does
        continue;
      }
      lineStart = false;
      if (c !== "#") {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > MAX_NESTING) return i;
      }
    }
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      if (++flow > MAX_NESTING) return i;
    } else if (c === "]" || c === "}") flow = Math.max(0, flow - 1);
  }
  return -1;
}

export function parseSource(text: string, fileLabel: string): SourceDoc {
  const lines = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const before = text.slice(0, deep).split("\n");
    throw new ScenarioError(
      { file: fileLabel, line: before.length, col: before[before.length - 1].length + 1 },
      "",
      `nested more than ${MAX_NESTING} levels deep`,
    );
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const [first] = doc.errors;
  if (first) {
    const pos = first.linePos?.[0];
    // yaml appends " at line L, column C:" and a code excerpt; we print our own position.
    const problem = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ScenarioError({ file: fileLabel, line: pos?.line, col: pos?.col }, "", problem);
  }
  return { doc, fileLabel, lines, overrides: new Map() };
}

/**
 * Aliases one document may expand, counting the nodes they stand for: far
 * more than any scenario needs (a few shared group settings), far fewer than
 * a "billion laughs" alias bomb, which is refused in milliseconds.
 */
export const MAX_ALIAS_COUNT = 100;

/** The document as plain data; an alias bomb is a located ScenarioError, not a crash. */
export function toPlain(src: SourceDoc): unknown {
  try {
    return src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError) || !/alias/i.test(e.message)) throw e;
    let first: Node | null = null;
    visit(src.doc, {
      Alias(_, node) {
        first = node;
        return visit.BREAK;
      },
    });
    const range = (first as Node | null)?.range;
    const pos = range ? src.lines.linePos(range[0]) : { line: 1, col: 1 };
    throw new ScenarioError(
      { file: src.fileLabel, line: pos.line, col: pos.col },
      "",
      `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias expansions): refused as a resource exhaustion attack`,
    );
  }
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * Where to point for `path`: the value's node (for an unknown key, the key's),
 * or, when the path does not exist, the nearest mapping or list that does.
 */
export function locate(src: SourceDoc, path: KeyPath, kind: ProblemKind): Where {
  let node: unknown = src.doc.contents;
  let keyNode: unknown;
  let override = src.overrides.get(node as Node);
  for (const seg of path) {
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(keyOf(p.key)) === String(seg));
      next = pair?.value;
      nextKey = pair?.key;
      if (pair && next == null) next = pair.key; // `key:` with no value
    } else if (isSeq(node) && typeof seg === "number") {
      next = node.items[seg];
    }
    if (next == null) break;
    node = next;
    keyNode = nextKey;
    override = src.overrides.get(node as Node) ?? override;
  }
  if (override !== undefined) return { file: override };
  const target = kind === "unknown-key" && keyNode ? keyNode : node;
  const range = (target as Node | null)?.range;
  if (!range) return { file: src.fileLabel, line: 1, col: 1 };
  const { line, col } = src.lines.linePos(range[0]);
  return { file: src.fileLabel, line, col };
}
