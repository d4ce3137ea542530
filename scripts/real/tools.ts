/**
 * What the real swarm needs on the machine, and what it ran on. Root is needed
 * for `unshare --net`; Debian packages: util-linux (unshare), iproute2 (ip),
 * opentracker, python3-libtorrent (under /usr/bin/python3, the system Python
 * the package installs into).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";

export const SYSTEM_PYTHON = "/usr/bin/python3";

export interface ToolCheck {
  /** Human-readable list of what is missing; empty when the harness can run. */
  readonly missing: readonly string[];
  readonly libtorrentVersion: string | null;
}

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

function libtorrentVersion(python: string): string | null {
  if (!existsSync(python)) return null;
  const r = spawnSync(python, ["-c", "import libtorrent; print(libtorrent.__version__)"], {
    encoding: "utf8",
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function checkTools(python = SYSTEM_PYTHON): ToolCheck {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push("root (for unshare --net)");
  if (!onPath("unshare")) missing.push("unshare (util-linux)");
  else if (spawnSync("unshare", ["--net", "true"], { stdio: "ignore" }).status !== 0) {
    // A container without CAP_SYS_ADMIN has unshare but may not use it.
    missing.push("permission to create a network namespace (unshare --net failed)");
  }
  if (!onPath("ip")) missing.push("ip (iproute2)");
  if (!onPath("opentracker")) missing.push("opentracker");
  const lt = libtorrentVersion(python);
  if (lt === null) missing.push(`python3-libtorrent (import libtorrent under ${python})`);
  return { missing, libtorrentVersion: lt };
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  readonly libtorrent: string | null;
  readonly opentracker: string | null;
}

function packageVersion(pkg: string): string | null {
  try {
    // Default format: "package<TAB>version".
    const line = execFileSync("dpkg-query", ["-W", pkg], { encoding: "utf8" }).trim();
    return line.split("\t")[1] ?? null;
  } catch {
    return null;
  }
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    return m ? m[1] : "Linux";
  } catch {
    return "Linux";
  }
}

export function describeMachine(tools: ToolCheck): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? "unknown",
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: osName(),
    kernel: release(),
    node: process.version,
    libtorrent: tools.libtorrentVersion,
    opentracker: packageVersion("opentracker"),
  };
}

export function machineLine(m: Machine): string {
  return (
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}, Linux ${m.kernel}; ` +
    `libtorrent ${m.libtorrent ?? "?"}, opentracker ${m.opentracker ?? "?"}, Node ${m.node}`
  );
}
