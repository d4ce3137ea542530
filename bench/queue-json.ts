/**
 * Prints the raw event-queue benchmark as one JSON line (bench/run.ts runs it
 * in its own process): at a queue the size the simulations keep (10⁴–10⁵
 * pending events) and at 10⁶, where the heap no longer fits in cache.
 */
import { benchQueue } from "./queue.ts";

const small = benchQueue({ queued: 20_000 });
const large = benchQueue({ queued: 1_000_000 });
process.stdout.write(`${JSON.stringify({ small, large })}\n`);
