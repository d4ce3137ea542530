/**
 * Writes a harness result into its folder (default results/real/), all at
 * once through a staged folder so an interrupted run leaves nothing that
 * looks complete:
 *   compare.csv    the table: per N, real and each simulated variant
 *   runs.csv       per (N, rep) swarm, with the machine's load while it ran
 *   stranded.csv   per (N, rep) swarm and twin seed: mean / max download, stranded-piece seconds
 *   peers.csv      per peer: arrival, first byte, completion, bytes sent
 *   compare.svg    the figure; compare.html the page (figure + table + machine)
 *   result.json    options, machine, every figure
 *   runs/nN-rR/    real.json (the clients' raw status polls), twin.yaml (`sim run` it)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StagedDir } from "../../sim/cli/output-dir.ts";
import { comparePage, compareSvg } from "./figure.ts";
import type { HarnessResult } from "./harness.ts";
import { compareCsv, compareRows, markdownTable, peersCsv, runsCsv } from "./report.ts";
import { strandedCsv, strandedMarkdown, strandedRows, swarmMode } from "./stranded-report.ts";

export function writeOutputs(r: HarnessResult, dir: string): { markdown: string } {
  const rows = compareRows(r);
  const stranded = strandedRows(r);
  const mode = swarmMode(r.options);
  const markdown = `${markdownTable(rows)}\n\n${strandedMarkdown(stranded, mode)}`;
  const out = new StagedDir(dir);
  writeFileSync(out.file("compare.csv"), compareCsv(rows));
  writeFileSync(out.file("runs.csv"), runsCsv(r));
  writeFileSync(out.file("stranded.csv"), strandedCsv(stranded, r.options));
  writeFileSync(out.file("peers.csv"), peersCsv(r));
  writeFileSync(out.file("compare.svg"), `${compareSvg(rows)}\n`);
  writeFileSync(out.file("compare.html"), comparePage(r, rows, markdown));
  const figures = r.runs.map((run) => ({
    n: run.n,
    rep: run.rep,
    end_reason: run.real.endReason,
    real: run.realFigures,
    real_stranded_s: run.realStrandedS,
    simulated: run.simulated.map((s) => ({
      variant: s.variant,
      sets: s.sets,
      figures: s.figures,
      per_seed: s.perSeed,
      stranded_s: s.strandedS,
    })),
  }));
  writeFileSync(
    out.file("result.json"),
    `${JSON.stringify({ started_at: r.startedAt, machine: r.machine, options: r.options, table: rows, runs: figures }, null, 2)}\n`,
  );
  for (const run of r.runs) {
    const d = out.file(join("runs", `n${run.n}-r${run.rep}`));
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "real.json"), JSON.stringify(run.real));
    writeFileSync(join(d, "twin.yaml"), run.twinText);
  }
  out.commit();
  return { markdown };
}
