import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The scenario tests simulate a whole 1,000-peer crowd in a hook (~45 s on
    // an idle core); the bound leaves room for a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on a 2-core machine
    // (the project's reference, and CI) that runs the suite on one core.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
