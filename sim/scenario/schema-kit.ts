/**
 * Building blocks for the scenario schema. They exist so every field reports
 * a message a user can act on ("expected a duration like 30s…", "unknown key
 * (did you mean picker?)") instead of zod's generic type errors.
 */
import * as z from "zod";
import { parseDuration, parseRate, parseSize } from "./units.ts";

export const REQUIRED = "required key is missing";

/** Marks an issue as "this key is not part of the schema"; `known` feeds did-you-mean. */
export interface UnknownKeyParams {
  readonly unknownKey: true;
  readonly known: readonly string[];
}

/**
 * A strict object: unknown keys are errors. Implemented as a catchall rather
 * than `z.strictObject` so each unknown key gets its own issue at its own path
 * (which we can point at in the file) and carries the keys that were allowed.
 */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const params: UnknownKeyParams = { unknownKey: true, known: Object.keys(shape) };
  return z.object(shape).catchall(
    z.unknown().superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", message: "unknown key", params });
    }),
  );
}

type Parse = (v: string | number) => number;

function unitField(parse: Parse, opts: { positive?: boolean } = {}) {
  return z.unknown().transform((v, ctx) => {
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: REQUIRED });
      return z.NEVER;
    }
    try {
      const value = parse(v as string | number);
      if (opts.positive && value === 0) {
        ctx.addIssue({ code: "custom", message: `must be greater than 0; got '${v}'` });
        return z.NEVER;
      }
      return value;
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  });
}

/** Seconds; `500ms`, `30s`, `10min`, `2h` or a plain number of seconds. */
export const duration = () => unitField(parseDuration);
export const positiveDuration = () => unitField(parseDuration, { positive: true });
/** Bytes; `16KiB`, `1GB` or a plain number of bytes. */
export const positiveSize = () => unitField(parseSize, { positive: true });
/** Bits per second; `8Mbit/s`, `2MiB/s` or a plain number of bits/s. */
export const rate = () => unitField(parseRate);

export const count = () => z.number().int().min(0);
export const positiveCount = () => z.number().int().min(1);
export const probability = () => z.number().min(0).max(1);

/**
 * A value with several shapes (`arrival`, `seed_time`). Instead of a zod union,
 * which reports every branch's failure at once, `choose` picks the one branch
 * the value was evidently meant as, so only that branch's errors are shown.
 * `T` is the union of the branches' outputs, spelt out by the caller.
 */
export function oneOf<T>(choose: (v: unknown) => z.ZodType | string) {
  return z.unknown().transform((v, ctx): T => {
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: REQUIRED });
      return z.NEVER;
    }
    const branch = choose(v);
    if (typeof branch === "string") {
      ctx.addIssue({ code: "custom", message: branch });
      return z.NEVER;
    }
    const result = branch.safeParse(v, { reportInput: true });
    if (result.success) return result.data as T;
    for (const issue of result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
