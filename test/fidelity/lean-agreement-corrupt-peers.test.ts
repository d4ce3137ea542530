/** Lean model against block model on `corrupt-peers` (lean-agreement-case.ts has the rules). */
import { describe } from "vitest";
import { agreementCase } from "./lean-agreement-case.ts";

// Its max is the slowest corrupt peer's (banned everywhere, it ends on the origin alone),
// which swings ±25 % between seeds and models; six seeds average that out.
describe("lean model agrees with the block model", () => agreementCase("corrupt-peers", 6));
