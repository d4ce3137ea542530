/**
 * What `sim run`, `sim compare` and `sim sweep` load at run time must be a
 * `dependency`, not a `devDependency`: `npm ci --omit=dev` (or installing the
 * package elsewhere) would otherwise leave the CLI unable to start its worker
 * pool (piscina) or bundle its pages (esbuild, which inlines d3 from viz/).
 * This scans every value import of the code the CLI runs: bin/, sim/, viz/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const RUNTIME_DIRS = ["bin", "sim", "viz"];

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(full));
    else if (/\.(c|m)?[jt]s$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Package names of the value imports in `src` (`import type` is erased, so it needs nothing). */
function runtimePackages(src: string): string[] {
  const found = new Set<string>();
  const re =
    /\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g;
  for (const m of src.matchAll(re)) {
    if (m[1]) continue;
    const spec = m[2] ?? m[3];
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) continue;
    const parts = spec.split("/");
    const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    if (!builtinModules.includes(name)) found.add(name);
  }
  return [...found];
}

describe("runtime dependencies", () => {
  it("finds value imports and skips type-only, relative and built-in ones", () => {
    const src = [
      'import { a } from "alpha";',
      'import type { B } from "beta";',
      'import * as g from "@scope/gamma/sub";',
      'const { P } = await import("delta");',
      'import { x } from "./local.ts";',
      'import { readFileSync } from "node:fs";',
      'export { e } from "epsilon/esm/api";',
    ].join("\n");
    expect(runtimePackages(src).sort()).toEqual(["@scope/gamma", "alpha", "delta", "epsilon"]);
  });

  it("every package the CLI imports is in dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const missing: string[] = [];
    let scanned = 0;
    for (const dir of RUNTIME_DIRS) {
      for (const file of sourcesUnder(join(ROOT, dir))) {
        for (const name of runtimePackages(readFileSync(file, "utf8"))) {
          scanned++;
          if (!deps.has(name)) missing.push(`${relative(ROOT, file)}: ${name}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
