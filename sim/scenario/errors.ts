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

  constructor(where: { file: string; line?: number; col?: number }, path: string, problem: string) {
    const pos = where.line === undefined ? "" : `:${where.line}:${where.col ?? 1}`;
    super(`${where.file}${pos}: ${path === "" ? "" : `${path}: `}${problem}`);
    this.file = where.file;
    this.line = where.line;
    this.col = where.line === undefined ? undefined : (where.col ?? 1);
    this.path = path;
    this.problem = problem;
  }
}

export type KeyPath = readonly (string | number)[];

/** `["groups", 1, "upload"]` → `groups[1].upload`. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}
