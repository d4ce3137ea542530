/**
 * Zod issues → problems worded for people editing a YAML file, each saying
 * where in the document it should be pointed at.
 */
import type * as z from "zod";
import type { KeyPath } from "./errors.ts";
import { REQUIRED, type UnknownKeyParams } from "./schema-kit.ts";
import { didYouMean } from "./suggest.ts";

export type ProblemKind = "unknown-key" | "missing" | "invalid";

export interface Problem {
  readonly path: KeyPath;
  readonly problem: string;
  /**
   * Unknown keys are pointed at by their key; missing keys by the nearest
   * mapping that exists; anything else by its value.
   */
  readonly kind: ProblemKind;
}

function describe(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (v === null) return "null (an empty value)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return String(v);
}

const TYPE_NAMES: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  int: "a whole number",
};

function isUnknownKey(params: unknown): params is UnknownKeyParams {
  return typeof params === "object" && params !== null && "unknownKey" in params;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }) {
  const limit = issue.minimum ?? issue.maximum;
  return `${limit}`;
}

function describeIssue(issue: z.core.$ZodIssue): Omit<Problem, "path"> {
  const path = issue.path;
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "custom": {
      if (isUnknownKey(issue.params)) {
        const key = String(path[path.length - 1]);
        return {
          problem: `unknown key${didYouMean(key, issue.params.known)}`,
          kind: "unknown-key",
        };
      }
      return { problem: issue.message, kind: issue.message === REQUIRED ? "missing" : "invalid" };
    }
    case "invalid_type": {
      if (input === undefined) return { problem: REQUIRED, kind: "missing" };
      const want = TYPE_NAMES[issue.expected] ?? issue.expected;
      return { problem: `expected ${want}; got ${describe(input)}`, kind: "invalid" };
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      const hint = typeof input === "string" ? didYouMean(input, values) : "";
      const got = describe(input);
      return {
        problem: `expected one of ${values.join(" | ")}; got ${got}${hint}`,
        kind: "invalid",
      };
    }
    case "too_small": {
      if (issue.origin === "array")
        return { problem: `needs at least ${bound(issue)} item(s)`, kind: "invalid" };
      if (issue.origin === "string") return { problem: "must not be empty", kind: "invalid" };
      const op = issue.inclusive ? "≥" : ">";
      return { problem: `must be ${op} ${bound(issue)}; got ${describe(input)}`, kind: "invalid" };
    }
    case "too_big": {
      const op = issue.inclusive ? "≤" : "<";
      return { problem: `must be ${op} ${bound(issue)}; got ${describe(input)}`, kind: "invalid" };
    }
    case "invalid_format":
      return { problem: `${issue.message}; got ${describe(input)}`, kind: "invalid" };
    case "unrecognized_keys":
      return { problem: `unknown key(s) ${issue.keys.join(", ")}`, kind: "invalid" };
    default:
      return { problem: issue.message, kind: "invalid" };
  }
}

export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    path: issue.path.filter((s): s is string | number => typeof s !== "symbol"),
    ...describeIssue(issue),
  }));
}
