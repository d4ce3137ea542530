/**
 * VALIDATION.md's real-swarm section, for scripts/validate.ts: the harness's
 * table for N = 5, 10, 20 (three reps each, about 40 s a swarm: the real
 * swarm moves by seconds from run to run, so the table gives means over reps
 * with their spread and judges the targets on the means), with the machine
 * it ran on. Where the tools are missing (not root, no opentracker…) or
 * SWARMSIM_VALIDATE_REAL=0, the section of the previous VALIDATION.md is kept
 * as it was, with a line saying so, rather than dropped.
 */
import { runHarness } from "./harness.ts";
import { harnessOptions } from "./options.ts";
import { writeOutputs } from "./outputs.ts";
import { checkTools, machineLine } from "./tools.ts";

export const REAL_SECTION_TITLE = "## 4. Real libtorrent swarm on loopback";

/**
 * Simulated variants shown beside the real figures (`--vary` expressions):
 * both client profiles (docs/profiles.md), libtorrent's the default.
 */
const VARIANTS: string[] = ["protocol.profile=libtorrent,mainline"];
const PEERS = "5,10,20";
const REPS = 3;
const OUT = "results/validation/real";

/** The section of an earlier VALIDATION.md, from its title to the next `## ` or the end. */
export function previousSection(markdown: string | null): string[] | null {
  if (markdown === null) return null;
  const lines = markdown.split("\n");
  const start = lines.indexOf(REAL_SECTION_TITLE);
  if (start < 0) return null;
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).filter((l) => !l.startsWith("_Kept from an earlier run"));
}

export interface RealSection {
  readonly lines: string[];
  readonly ran: boolean;
  /** Real swarms that did not complete before their bound. */
  readonly incomplete: number;
  /** The machine line and the table, for the docs' `real-swarm` generated blocks; null when not run. */
  readonly docsBlock: string | null;
}

export async function realSwarmSection(previous: string | null): Promise<RealSection> {
  const missing = checkTools().missing;
  const skip = process.env.SWARMSIM_VALIDATE_REAL === "0" ? "SWARMSIM_VALIDATE_REAL=0" : null;
  if (missing.length > 0 || skip) {
    const why = skip ?? `this machine lacks ${missing.join(", ")}`;
    const kept = previousSection(previous);
    const note = `_Kept from an earlier run: not regenerated this time (${why})._`;
    if (kept)
      return {
        lines: [kept[0], "", note, ...kept.slice(1)],
        ran: false,
        incomplete: 0,
        docsBlock: null,
      };
    return {
      lines: [REAL_SECTION_TITLE, "", `Not run (${why}); see docs/real-clients.md.`, ""],
      ran: false,
      incomplete: 0,
      docsBlock: null,
    };
  }
  const vary = VARIANTS.flatMap((v) => ["--vary", v]).join(" ");
  const cmd = `npm run real -- --peers ${PEERS} --reps ${REPS} ${vary ? `${vary} ` : ""}--out ${OUT}`;
  process.stderr.write(`validate: ${cmd}\n`);
  const options = harnessOptions({
    peers: PEERS,
    reps: REPS,
    vary: VARIANTS,
    out: OUT,
    quiet: true,
  });
  const result = await runHarness(options);
  const { markdown } = writeOutputs(result, OUT);
  const load = result.runs.map((r) => r.real.loadAvg.start[0].toFixed(1)).join(", ");
  const ranOn =
    `Ran ${result.startedAt.slice(0, 16).replace("T", " ")} UTC on ${machineLine(result.machine)}; load average (1 min) ` +
    `at the start of each swarm: ${load} — the machine is shared, but libtorrent's rate limits, not the CPU, set the pace.`;
  const lines = [
    REAL_SECTION_TITLE,
    "",
    "```",
    cmd,
    "```",
    "",
    "Real libtorrent clients (Debian's python3-libtorrent) and opentracker, every process in one private network namespace " +
      "holding only `lo`, rates applied as libtorrent's own limits (loopback peers moved into the rate-limited global peer " +
      "class; DHT, LSD, UPnP, NAT-PMP and uTP off). 32 MiB of 256 KiB pieces, one seed at 2 MiB/s up, N leechers at " +
      "1 MiB/s up / 4 MiB/s down, all started together and staying. The simulated twin gets the same file, limits and the " +
      "clients' recorded start times (Python start-up spreads them over up to half a second), under each client profile " +
      `(docs/profiles.md) and 0.1 ms one-way latency; ${options.simSeeds} simulator seeds. Deviation = simulated / real − 1; capacity used is the ` +
      "mid-run share of all upload limits put to work (payload only), Δ = simulated − real. Outputs: `results/validation/real/`.",
    "",
    ranOn,
    "",
    markdown,
    "",
    "See docs/real-clients.md for how the figures are measured and what the simulator leaves out.",
    "",
  ];
  const incomplete = result.runs.filter((r) => r.real.endReason !== "all-complete").length;
  const docsBlock = `\`${cmd}\`\n\n${ranOn}\n\n${markdown}`;
  return { lines, ran: true, incomplete, docsBlock };
}
