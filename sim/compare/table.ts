/**
 * The comparison table: one row a variant, each metric as "mean ± CI" in the
 * metric's display unit. The one formatter of it: the terminal table, the
 * Markdown table and compare.html all show these strings.
 */
import { type CompareReport, METRICS } from "./aggregate.ts";
import type { Estimate } from "./stats.ts";

function cell(e: Estimate, digits: number, scale = 1): string {
  if (e.mean === null) return "-";
  const m = (e.mean * scale).toFixed(digits);
  return e.ci95 === null ? m : `${m} ± ${(e.ci95 * scale).toFixed(digits)}`;
}

/** Header row, then one row a variant, every cell formatted. */
export function tableRows(report: CompareReport): string[][] {
  const header = ["variant", "done", ...METRICS.map((m) => m.label)];
  const body = report.variants.map((v) => [
    v.name,
    `${v.runs_all_done}/${v.runs}`,
    ...METRICS.map((m) => cell(v.metrics[m.key], m.digits, m.scale)),
  ]);
  return [header, ...body];
}

/** Plain text, columns padded; numbers right-aligned. */
export function formatTable(report: CompareReport): string {
  const all = tableRows(report);
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ");
  return `${[line(all[0]), ...all.slice(1).map(line)].join("\n")}\n`;
}

/** The same table in Markdown (docs/, VALIDATION.md). */
export function formatMarkdownTable(report: CompareReport): string {
  const all = tableRows(report);
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  const sep = `|${all[0].map((_, c) => (c === 0 ? " --- " : " ---: ")).join("|")}|`;
  return `${[line(all[0]), sep, ...all.slice(1).map(line)].join("\n")}\n`;
}

export const TABLE_NOTE =
  "mean ± half-width of the 95 % confidence interval (Student's t) over seeds; " +
  "done = runs in which every leecher completed; download times over leechers that completed; " +
  "min copies = fewest copies of any piece among present peers while leechers were present; " +
  "wasted = duplicate + corrupt bytes.";
