/** A scenario the simulator refuses, located as precisely as we know. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** The file label, or the override (`--set protocol.picker=foo`) the problem came from. */
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** Key path as users write it: `groups[1].upload`; empty for file-level problems. */
  readonly path: string;
  readonly problem: string;

  constructor(where: { file: string; line?: number; col?: number }, path: string, text: string) {
    const pos = where.line === undefined ? "" : `:${where.line}:${where.col ?? 1}`;
    const problem = printable(text);
    super(printable(`${where.file}${pos}: ${path === "" ? "" : `${path}: `}`) + problem);
    this.file = where.file;
    this.line = where.line;
    this.col = where.line === undefined ? undefined : (where.col ?? 1);
    this.path = printable(path);
    this.problem = problem;
  }
}

/** Control characters (a stray CR, NUL, ESC from a damaged file) escaped, so a message stays one clean line. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) =>
    c === "\n"
      ? "\\n"
      : c === "\r"
        ? "\\r"
        : c === "\t"
          ? "\\t"
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export type KeyPath = readonly (string | number)[];

/** Keys printed as they are; anything else (spaces, control bytes, quotes) is quoted. */
const PLAIN_KEY = /^[^\s\p{Cc}"[\]]+$/u;

/** `["groups", 1, "upload"]` → `groups[1].upload`; an odd key → `groups[0]["a b"]`. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (!PLAIN_KEY.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}
