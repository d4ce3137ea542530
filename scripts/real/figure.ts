/**
 * results/real/compare.svg and compare.html: download time against N, real
 * beside each simulated variant (bar: mean, tick: max), and capacity used.
 * Hand-written SVG: self-contained, opens from disk, no script, no network.
 */
import type { HarnessResult } from "./harness.ts";
import type { CompareRow } from "./report.ts";
import { machineLine } from "./tools.ts";

const COLORS = ["#444", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Panel {
  readonly title: string;
  readonly value: (r: CompareRow) => number | null;
  /** A second mark per bar (the max download time); absent: none. */
  readonly tick?: (r: CompareRow) => number | null;
  readonly max: number;
  readonly format: (v: number) => string;
}

function panel(
  rows: readonly CompareRow[],
  p: Panel,
  x0: number,
  width: number,
  height: number,
): string {
  const ns = [...new Set(rows.map((r) => r.n))];
  const series = [...new Set(rows.map((r) => (r.source === "real" ? "real" : r.variant)))];
  const top = 30;
  const bottom = height - 30;
  const left = x0 + 45;
  const right = x0 + width - 10;
  const y = (v: number) => bottom - ((bottom - top) * v) / p.max;
  const groupW = (right - left) / ns.length;
  const barW = Math.min(28, (groupW * 0.8) / series.length);
  const out: string[] = [`<text x="${left}" y="18" font-weight="bold">${esc(p.title)}</text>`];
  for (let k = 0; k <= 4; k++) {
    const v = (p.max * k) / 4;
    out.push(
      `<line x1="${left}" x2="${right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${left - 5}" y="${y(v) + 4}" text-anchor="end">${p.format(v)}</text>`,
    );
  }
  ns.forEach((n, gi) => {
    const gx = left + gi * groupW + (groupW - barW * series.length) / 2;
    out.push(
      `<text x="${left + (gi + 0.5) * groupW}" y="${bottom + 18}" text-anchor="middle">N = ${n}</text>`,
    );
    series.forEach((s, si) => {
      const r = rows.find((x) => x.n === n && (x.source === "real" ? "real" : x.variant) === s);
      const v = r ? p.value(r) : null;
      if (r === undefined || v === null) return;
      const bx = gx + si * barW;
      out.push(
        `<rect x="${bx}" y="${y(v)}" width="${barW - 2}" height="${bottom - y(v)}" fill="${COLORS[si % COLORS.length]}"><title>${esc(s)}, N = ${n}: ${p.format(v)}</title></rect>`,
      );
      const t = p.tick?.(r) ?? null;
      if (t !== null)
        out.push(
          `<line x1="${bx}" x2="${bx + barW - 2}" y1="${y(t)}" y2="${y(t)}" stroke="#000" stroke-width="2"/>`,
        );
    });
  });
  return out.join("\n");
}

export function compareSvg(rows: readonly CompareRow[]): string {
  const width = 860;
  const height = 300;
  const series = [...new Set(rows.map((r) => (r.source === "real" ? "real" : r.variant)))];
  const maxTime = Math.max(1, ...rows.map((r) => r.figures.maxS ?? r.figures.meanS ?? 0));
  const step = maxTime > 40 ? 20 : maxTime > 8 ? 10 : 2;
  const timeMax = Math.ceil((maxTime * 1.05) / step) * step;
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${10 + i * 210}" y="${height + 4}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${28 + i * 210}" y="${height + 15}">${esc(s === "real" ? "real libtorrent" : `sim: ${s}`)}</text>`,
    )
    .join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 24}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    panel(
      rows,
      {
        title: "download time (s): bar mean, tick max",
        value: (r) => r.figures.meanS,
        tick: (r) => r.figures.maxS,
        max: timeMax,
        format: (v) => v.toFixed(0),
      },
      0,
      width * 0.6,
      height,
    ),
    panel(
      rows,
      {
        title: "capacity used, mid-run",
        value: (r) => r.figures.capacityUsed,
        max: 1,
        format: (v) => v.toFixed(2),
      },
      width * 0.6,
      width * 0.4,
      height,
    ),
    legend,
    "</svg>",
  ].join("\n");
}

export function comparePage(
  r: HarnessResult,
  rows: readonly CompareRow[],
  markdown: string,
): string {
  const o = r.options;
  const MiB = 2 ** 20;
  const body = markdown
    .split("\n")
    .filter((l) => !/^\| -/.test(l))
    .map((l, i) => {
      const cells = l
        .split("|")
        .slice(1, -1)
        .map((c) => esc(c.trim()));
      const tag = i === 0 ? "th" : "td";
      return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>swarmsim: real libtorrent vs simulator</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}code{background:#f4f4f4;padding:0 3px}</style>
</head><body>
<h1>Real libtorrent swarm vs simulator</h1>
<p>${esc(`${o.sizeBytes / MiB} MiB in ${o.pieceSizeBytes / 1024} KiB pieces; one seed at ${(o.seedUpBytesPerS / MiB).toFixed(2)} MiB/s up, leechers at ${(o.upBytesPerS / MiB).toFixed(2)} MiB/s up / ${(o.downBytesPerS / MiB).toFixed(2)} MiB/s down, all starting together and staying; ${o.reps} rep(s), ${o.simSeeds} simulator seed(s). Overrides: ${o.sets.length ? o.sets.join(" ") : "none"}.`)}</p>
<p>Ran ${esc(r.startedAt)} on ${esc(machineLine(r.machine))}.</p>
${compareSvg(rows)}
<table>
${body}
</table>
<p>Deviation = simulated / real − 1 (times), simulated − real (capacity used). See docs/real-clients.md for what each figure means.</p>
</body></html>
`;
}
