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

export function parseSource(text: string, fileLabel: string): SourceDoc {
  const lines = new LineCounter();
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
