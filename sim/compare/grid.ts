/**
 * `--vary PATH=V1,V2[,...]` flags → the variants of a comparison. Several
 * flags form a grid (their cartesian product), in flag order: the first flag
 * varies slowest. Each variant is a list of `--set` overrides.
 */

export interface VaryAxis {
  readonly path: string;
  readonly values: readonly string[];
}

export interface Variant {
  /** `protocol.picker=random` (axes joined with `,`): shown in tables and charts. */
  readonly name: string;
  /** Folder name under the compare output folder. */
  readonly dir: string;
  /** The `--set` expressions that make this variant. */
  readonly sets: readonly string[];
  /** Value of each axis, in axis order. */
  readonly values: readonly string[];
}

/** Parses one `--vary` expression; throws a message for the user on bad syntax. */
export function parseVary(expr: string): VaryAxis {
  const eq = expr.indexOf("=");
  if (eq <= 0) throw new Error(`--vary ${expr}: expected PATH=V1,V2[,...]`);
  const path = expr.slice(0, eq).trim();
  const values = expr
    .slice(eq + 1)
    .split(",")
    .map((v) => v.trim());
  if (values.some((v) => v === ""))
    throw new Error(`--vary ${expr}: empty value in the list (expected PATH=V1,V2[,...])`);
  if (new Set(values).size !== values.length)
    throw new Error(`--vary ${expr}: a value is listed twice`);
  return { path, values };
}

/** A folder name from a variant name: path separators and odd characters become `_`. */
export function variantDir(name: string): string {
  return name.replace(/[^A-Za-z0-9._=,+-]/g, "_");
}

/** The cartesian product of the axes, first axis slowest. */
export function expandGrid(axes: readonly VaryAxis[]): Variant[] {
  const paths = axes.map((a) => a.path);
  if (new Set(paths).size !== paths.length) throw new Error("--vary: the same path is given twice");
  let combos: string[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
  const used = new Set<string>();
  return combos.map((values) => {
    const sets = values.map((v, i) => `${axes[i].path}=${v}`);
    const name = sets.join(",");
    let dir = variantDir(name);
    for (let k = 2; used.has(dir); k++) dir = `${variantDir(name)}-${k}`;
    used.add(dir);
    return { name, dir, sets, values };
  });
}
