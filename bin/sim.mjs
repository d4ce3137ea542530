#!/usr/bin/env node
// Entry point for `npx sim`: runs the TypeScript CLI through tsx, so a fresh
// clone needs no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../sim/cli/main.ts");
const code = await main(process.argv.slice(2));
// Stopped by a signal (130/143): leave now, whatever threads or timers remain.
if (code >= 128) process.exit(code);
process.exitCode = code;
