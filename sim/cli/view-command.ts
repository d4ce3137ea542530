import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "./exit.ts";

/** `sim view DIR`: prints the replay's path; `--open` hands it to the desktop's opener. */
export function viewCommand(args: { dir: string; open?: boolean }): void {
  const file = resolve(join(args.dir, "replay.html"));
  if (!existsSync(file))
    throw new UsageError(`${args.dir}: no replay.html here (run \`sim run\` first)`);
  process.stdout.write(`${file}\n`);
  if (!args.open) return;
  const opener =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "start" : "xdg-open";
  const child = spawn(opener, [file], { stdio: "ignore", detached: true });
  child.on("error", () =>
    process.stderr.write(`sim: could not start ${opener}; open the file above by hand\n`),
  );
  child.unref();
}
