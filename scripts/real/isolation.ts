/**
 * The real swarm runs in a private network namespace (`unshare --net`) whose
 * only interface is the loopback: no packet of the experiment can leave the
 * machine, and nothing outside can join or disturb it. This file brings `lo`
 * up and refuses to go on when anything else is visible (for example when
 * the harness was started without `unshare`, in the host's namespace).
 */
import { execFileSync } from "node:child_process";

/** Interface names in `ip -o link show` output ("1: lo: <LOOPBACK,…>"; "3: veth0@if2: …"). */
export function interfaceNames(ipLinkOutput: string): string[] {
  const names: string[] = [];
  for (const line of ipLinkOutput.split("\n")) {
    const m = /^\d+:\s+([^:\s]+?)(?:@[^:\s]+)?:\s/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

/** Why the namespace is not fit for the experiment, or null when `lo` is alone. */
export function isolationProblem(names: readonly string[]): string | null {
  if (!names.includes("lo")) return "no loopback interface is visible";
  const others = names.filter((n) => n !== "lo");
  if (others.length > 0) {
    return `interfaces other than lo are visible (${others.join(", ")}): refusing to run outside a private network namespace`;
  }
  return null;
}

/** Brings `lo` up and checks it is the only interface; throws otherwise. Returns the names seen. */
export function isolateLoopback(ip = "ip"): string[] {
  const names = interfaceNames(execFileSync(ip, ["-o", "link", "show"], { encoding: "utf8" }));
  const problem = isolationProblem(names);
  if (problem) throw new Error(problem);
  execFileSync(ip, ["link", "set", "lo", "up"]);
  return names;
}
