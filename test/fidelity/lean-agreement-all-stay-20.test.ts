/** Lean model against block model on `all-stay-20` (lean-agreement-case.ts has the rules). */
import { describe } from "vitest";
import { agreementCase } from "./lean-agreement-case.ts";

describe("lean model agrees with the block model", () => agreementCase("all-stay-20", 10));
