// Worker thread of `sim run` (see run-thread.ts): worker threads do not
// inherit tsx's loader, so register it here (as bin/sim.mjs does) before
// importing the TypeScript task.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runJob } = await import("./run-task.ts");
await runJob(workerData, (message) => parentPort.postMessage(message));
