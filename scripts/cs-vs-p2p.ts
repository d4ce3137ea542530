/**
 * The textbook figure: distribution time vs number of peers N for
 * client-server, Napster and BitTorrent, each against its lower bound
 * (Kurose & Ross §2.5; Kumar & Ross 2006).
 *
 *   npx tsx scripts/cs-vs-p2p.ts [--ns 10,30,100,300,1000] [--seed 1] [--out results/cs-vs-p2p]
 *
 * Runs scenarios/cs-vs-p2p.yaml in-process for every (distribution, N),
 * sequentially, and writes `figure.csv` and `figure.json` into the output
 * folder and the chart to `docs/cs-vs-p2p.svg` (log–log axes, hand-written
 * SVG: no browser, no network). Distribution time = the last completion.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "../sim/cli/load-scenario.ts";
import { simulate } from "../sim/run/simulate.ts";

const SCENARIO = "scenarios/cs-vs-p2p.yaml";
const MODES = ["client-server", "napster", "bittorrent"] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ns = arg("ns", "10,30,100,300,1000").split(",").map(Number);
const seed = Number(arg("seed", "1"));
const outDir = arg("out", "results/cs-vs-p2p");
const svgPath = arg("svg", "docs/cs-vs-p2p.svg");

interface Point {
  distribution: string;
  n: number;
  time_s: number | null;
  bound_s: number;
  end_reason: string;
  wall_s: number;
}

const points: Point[] = [];
for (const distribution of MODES) {
  for (const n of ns) {
    const cfg = loadScenarioFile(SCENARIO, {
      sets: [`distribution=${distribution}`, `groups.1.count=${n}`],
      seed,
    });
    const F = cfg.torrent.size * 8;
    const [server, peers] = cfg.groups;
    const dMin = Math.min(peers.download);
    const bound =
      distribution === "client-server"
        ? Math.max((n * F) / server.upload, F / dMin)
        : Math.max(F / server.upload, F / dMin, (n * F) / (server.upload + n * peers.upload));
    const t0 = performance.now();
    const { summary } = simulate(cfg);
    const wall = (performance.now() - t0) / 1000;
    points.push({
      distribution,
      n,
      time_s: summary.last_completion_s,
      bound_s: Math.round(bound * 1000) / 1000,
      end_reason: summary.end_reason,
      wall_s: Math.round(wall * 10) / 10,
    });
    process.stderr.write(
      `${distribution.padEnd(13)} N=${String(n).padStart(5)}  T=${summary.last_completion_s?.toFixed(1)} s  bound=${bound.toFixed(1)} s  (${wall.toFixed(1)} s wall)\n`,
    );
  }
}

mkdirSync(outDir, { recursive: true });
const header = "distribution,n,time_s,bound_s,end_reason";
const lines = points.map((p) =>
  [p.distribution, p.n, p.time_s ?? "", p.bound_s, p.end_reason].join(","),
);
writeFileSync(join(outDir, "figure.csv"), `${[header, ...lines].join("\n")}\n`);
writeFileSync(
  join(outDir, "figure.json"),
  `${JSON.stringify({ scenario: SCENARIO, seed, points: points.map(({ wall_s: _, ...p }) => p) }, null, 2)}\n`,
);
writeFileSync(svgPath, chart(points));
process.stderr.write(
  `wrote ${join(outDir, "figure.csv")}, ${join(outDir, "figure.json")}, ${svgPath}\n`,
);

/** A log–log line chart: simulated times solid with dots, bounds dashed. */
function chart(pts: readonly Point[]): string {
  const W = 640;
  const H = 420;
  const m = { l: 70, r: 160, t: 30, b: 50 };
  const xs = pts.map((p) => p.n);
  const ys = pts.flatMap((p) => [p.bound_s, p.time_s ?? p.bound_s]);
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = [Math.floor(lx(Math.min(...xs))), Math.ceil(lx(Math.max(...xs)))];
  const [y0, y1] = [Math.floor(lx(Math.min(...ys))), Math.ceil(lx(Math.max(...ys)))];
  const X = (v: number) => m.l + ((lx(v) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v: number) => H - m.b - ((lx(v) - y0) / (y1 - y0)) * (H - m.t - m.b);
  const colour: Record<string, string> = {
    "client-server": "#d62728",
    napster: "#ff7f0e",
    bittorrent: "#1f77b4",
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = X(10 ** e);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${H - m.b}" stroke="#eee"/>`);
    out.push(
      `<text x="${x}" y="${H - m.b + 16}" text-anchor="middle">${(10 ** e).toLocaleString("en")}</text>`,
    );
  }
  for (let e = y0; e <= y1; e++) {
    const y = Y(10 ** e);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="#eee"/>`);
    out.push(
      `<text x="${m.l - 6}" y="${y + 4}" text-anchor="end">${(10 ** e).toLocaleString("en")}</text>`,
    );
  }
  out.push(
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">number of peers N</text>`,
    `<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">distribution time (s)</text>`,
    `<text x="${m.l}" y="18" font-weight="bold">Distribution time vs N (F = 16 MiB, u_s = 10 Mbit/s, u = 1 Mbit/s)</text>`,
  );
  const path = (ps: [number, number][]) =>
    ps.map(([x, y], i) => `${i ? "L" : "M"}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join("");
  let legendY = m.t + 10;
  for (const d of MODES) {
    const mine = pts.filter((p) => p.distribution === d);
    const c = colour[d];
    if (d !== "napster") {
      out.push(
        `<path d="${path(mine.map((p) => [p.n, p.bound_s]))}" fill="none" stroke="${c}" stroke-dasharray="5 4" stroke-width="1.5"/>`,
      );
    }
    const done = mine.filter((p) => p.time_s !== null) as (Point & { time_s: number })[];
    out.push(
      `<path d="${path(done.map((p) => [p.n, p.time_s]))}" fill="none" stroke="${c}" stroke-width="2"/>`,
    );
    for (const p of done)
      out.push(`<circle cx="${X(p.n)}" cy="${Y(p.time_s)}" r="3.5" fill="${c}"/>`);
    out.push(
      `<line x1="${W - m.r + 12}" y1="${legendY}" x2="${W - m.r + 36}" y2="${legendY}" stroke="${c}" stroke-width="2"/>`,
      `<text x="${W - m.r + 42}" y="${legendY + 4}">${d}</text>`,
    );
    legendY += 20;
    if (d !== "napster") {
      out.push(
        `<line x1="${W - m.r + 12}" y1="${legendY}" x2="${W - m.r + 36}" y2="${legendY}" stroke="${c}" stroke-dasharray="5 4" stroke-width="1.5"/>`,
        `<text x="${W - m.r + 42}" y="${legendY + 4}">${d === "bittorrent" ? "P2P" : "client-server"} bound</text>`,
      );
      legendY += 20;
    }
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
