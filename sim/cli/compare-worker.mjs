// Piscina worker for `sim compare`: worker threads do not inherit tsx's
// loader, so register it here (as bin/sim.mjs does) before importing the
// TypeScript task.
import { register } from "tsx/esm/api";

register();
const { runTaskOutcome } = await import("./compare-task.ts");

export default runTaskOutcome;
