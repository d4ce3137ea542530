/** What the docs-generating scripts share: their flags and the generated blocks they rewrite. */
import { readFileSync, writeFileSync } from "node:fs";

/** `--name VALUE` from the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** `doc` with the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` replaced by `body`. */
export function replaceBlock(doc: string, name: string, body: string, file = "doc"): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a < 0 || b < a) throw new Error(`${file}: no ${open} … ${close} block`);
  return `${doc.slice(0, a + open.length)}\n${body}\n${doc.slice(b)}`;
}

/** Rewrites the named generated blocks of the file at `path`. */
export function rewriteBlocks(path: string, blocks: Record<string, string>): void {
  let doc = readFileSync(path, "utf8");
  for (const [name, body] of Object.entries(blocks)) doc = replaceBlock(doc, name, body, path);
  writeFileSync(path, doc);
}
