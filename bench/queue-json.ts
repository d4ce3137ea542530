/** Prints the raw event-queue benchmark as one JSON line (bench/run.ts runs it in its own process). */
import { benchQueue } from "./queue.ts";

process.stdout.write(`${JSON.stringify(benchQueue())}\n`);
