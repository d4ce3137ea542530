/**
 * Every scenario key is documented: each path of the schema
 * (sim/scenario/schema.ts) has a row in the key reference of
 * docs/scenarios.md, and each name an enum accepts — strategy names come
 * from the protocol's registries — is listed in that row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { scenarioSchema } from "../../sim/scenario/schema.ts";
import { withoutCodeBlocks } from "./markdown.ts";

const PAGE = join(import.meta.dirname, "../../docs/scenarios.md");

interface SchemaKey {
  readonly path: string;
  /** The accepted values, for an enum. */
  readonly values?: readonly string[];
}

/**
 * The key paths of a zod schema: `a.b`, and `list[].key` inside lists of
 * mappings. Mappings are walked into; every other value is a key of its own.
 */
function keysOf(schema: z.ZodType, path = ""): SchemaKey[] {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "default":
    case "prefault":
    case "optional":
    case "nullable":
      return keysOf(def.innerType, path);
    case "pipe":
      return keysOf(def.in, path);
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        keysOf(v, path === "" ? k : `${path}.${k}`),
      );
    case "array": {
      const inner = keysOf(def.element, `${path}[]`);
      return [{ path }, ...inner.filter((k) => k.path !== `${path}[]`)];
    }
    case "enum":
      return [{ path, values: Object.values(def.entries as Record<string, string>) }];
    default:
      return [{ path }];
  }
}

/** Rows of the page's tables whose first cell names `path` in a code span. */
function rowsFor(page: string, path: string): string[] {
  return withoutCodeBlocks(page)
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .filter((line) => {
      const first = line.split(/(?<!\\)\|/)[1] ?? "";
      return first.includes(`\`${path}\``);
    });
}

describe("the key reference", () => {
  const page = readFileSync(PAGE, "utf8");
  const keys = keysOf(scenarioSchema as unknown as z.ZodType);

  it("walks the schema into key paths", () => {
    const paths = keys.map((k) => k.path);
    expect(paths).toContain("protocol.picker");
    expect(paths).toContain("groups[].arrival");
    expect(paths).toContain("faults.corrupt.group");
    expect(paths).toContain("faults.tracker_outage[].from");
    expect(keys.find((k) => k.path === "protocol.picker")?.values).toContain("rarest-first");
  });

  it.each(keys.map((k) => [k.path, k] as const))("documents %s", (_, key) => {
    const rows = rowsFor(page, key.path);
    expect(rows, `no row for \`${key.path}\` in docs/scenarios.md`).not.toEqual([]);
    for (const v of key.values ?? []) {
      expect(rows.join("\n"), `\`${key.path}\` accepts '${v}'`).toContain(`\`${v}\``);
    }
  });
});
