/**
 * `--set PATH=VALUE` and `--seed N`, applied to the YAML document before
 * validation so an override is checked exactly like the file. Nodes an override
 * creates are remembered, so errors in them are reported against the override.
 */
import { isMap, isScalar, isSeq, parseDocument, YAMLMap } from "yaml";
import { MAX_ALIAS_COUNT, type SourceDoc } from "./document.ts";
import { formatPath, type KeyPath, ScenarioError } from "./errors.ts";

function splitPath(text: string): string[] {
  // Accept `groups[1].count` as well as `groups.1.count`.
  return text.replace(/\[(\d+)\]/g, ".$1").split(".");
}

function kindOf(node: unknown): string {
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return node.value === null ? "empty" : `the value '${String(node.value)}'`;
  return "not a mapping";
}

/** Sets `path` to the JS `value`, creating missing mappings on the way. */
export function applyValue(
  src: SourceDoc,
  segments: readonly string[],
  value: unknown,
  label: string,
) {
  const fail = (upTo: KeyPath, problem: string) =>
    new ScenarioError({ file: label }, formatPath(upTo), problem);
  const { doc, overrides } = src;
  if (!isMap(doc.contents)) {
    if (doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
      throw fail([], "the scenario is not a mapping, so it has no keys to set");
    }
    doc.contents = new YAMLMap() as unknown as typeof doc.contents;
  }
  let node: unknown = doc.contents;
  const walked: (string | number)[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === "") throw fail(walked, "empty key in path");
    if (isSeq(node)) {
      const index = /^\d+$/.test(seg) ? Number(seg) : Number.NaN;
      walked.push(Number.isNaN(index) ? seg : index);
      if (!(index < node.items.length)) {
        throw fail(
          walked,
          `no such item (${formatPath(walked.slice(0, -1))} has ${node.items.length})`,
        );
      }
      if (last) {
        const created = doc.createNode(value);
        node.set(index, created);
        overrides.set(created, label);
      } else {
        node = node.items[index];
      }
      continue;
    }
    walked.push(seg);
    if (!isMap(node)) {
      throw fail(
        walked,
        `cannot set a key inside ${formatPath(walked.slice(0, -1))}: it is ${kindOf(node)}`,
      );
    }
    if (last) {
      const created = doc.createNode(value);
      node.set(seg, created);
      overrides.set(created, label);
      continue;
    }
    const child = node.get(seg, true);
    if (isMap(child) || isSeq(child)) {
      node = child;
    } else if (child === undefined || (isScalar(child) && child.value === null)) {
      const created = new YAMLMap();
      node.set(seg, created);
      overrides.set(created, label);
      node = created;
    } else {
      node = child; // reported on the next step: a key inside a scalar
    }
  }
}

/** Applies one `PATH=VALUE`; VALUE is read as YAML (`30s`, `500`, `{pattern: flash, over: 30s}`). */
export function applySet(src: SourceDoc, expr: string) {
  const label = `--set ${expr}`;
  const eq = expr.indexOf("=");
  if (eq <= 0)
    throw new ScenarioError(
      { file: label },
      "",
      "expected PATH=VALUE, e.g. protocol.picker=random",
    );
  const pathText = expr.slice(0, eq).trim();
  const valueText = expr.slice(eq + 1);
  const parsed = parseDocument(valueText);
  const [err] = parsed.errors;
  if (err) {
    const why = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ScenarioError(
      { file: label },
      pathText,
      `cannot read '${valueText}' as a YAML value: ${why}`,
    );
  }
  let value: unknown;
  try {
    value = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new ScenarioError({ file: label }, pathText, `YAML aliases expand to too many nodes`);
  }
  applyValue(src, splitPath(pathText), value, label);
}
