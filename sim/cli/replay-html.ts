/**
 * replay.html: one self-contained file that opens from disk with no network —
 * the viewer (viz/replay, with d3) bundled by esbuild and inlined with its CSS,
 * and the trace inlined as JSON.
 */
import { fileURLToPath } from "node:url";
import type { ReplayTrace } from "../metrics/replay-trace.ts";
import { escapeHtml, scriptJson, viewerBundle } from "./page-bundle.ts";

const ENTRY = fileURLToPath(new URL("../../viz/replay/main.ts", import.meta.url));

const STYLE = `
body { font: 13px/1.4 system-ui, sans-serif; margin: 16px 20px; color: #222; background: #fafafa; }
h1 { font-size: 19px; margin: 0; } h3 { font-size: 13px; margin: 4px 0; color: #444; }
#subtitle, .note, .legend, #rarest { color: #666; font-size: 12px; }
#controls { display: flex; gap: 10px; align-items: center; margin: 10px 0; flex-wrap: wrap; }
#controls input[type=range] { flex: 1; min-width: 240px; }
#controls .time { font-variant-numeric: tabular-nums; min-width: 260px; }
button { font: inherit; padding: 3px 10px; }
.grid { display: grid; grid-template-columns: 760px 1fr; gap: 16px; }
.card { background: white; border: 1px solid #e3e3e3; border-radius: 6px; padding: 8px 12px; }
#swarm { width: 740px; height: 500px; }
#heatmap { width: 740px; height: 150px; image-rendering: pixelated; }
.panel svg { display: block; }
.legend span { margin-right: 12px; } .legend i { display: inline-block; width: 14px; height: 3px; margin-right: 4px; vertical-align: middle; }
#tooltip { position: absolute; background: rgba(20,20,20,.9); color: white; padding: 6px 8px; border-radius: 4px; font-size: 12px; pointer-events: none; }
#empty { color: #b00; margin: 6px 0; }
.key { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: #555; margin-top: 6px; }
.key b { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
`;

const LEGEND = `
<div class="key" data-testid="legend">
  <span><b style="background:#440154"></b>no pieces</span>
  <span><b style="background:#21918c"></b>half</span>
  <span><b style="background:#fde725;border:1.5px solid #111"></b>seed (complete)</span>
  <span><b style="border:1.5px solid #d62728"></b>corrupt peer</span>
  <span>✕ banned</span>
  <span><b style="border:1px solid #ccc"></b>not in the swarm</span>
  <span>lines: transfers, width = rate</span>
</div>`;

export function renderReplayHtml(trace: ReplayTrace): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(trace.scenario)} — swarmsim replay</title>
<style>${STYLE}</style></head>
<body>
<h1 id="title"></h1><div id="subtitle"></div>
<div id="empty" data-testid="empty"></div>
<div id="controls"></div>
<div class="grid">
  <div>
    <div class="card"><h3>Swarm</h3><canvas id="swarm" data-testid="swarm" width="740" height="500"></canvas>${LEGEND}</div>
    <div class="card"><h3>Piece availability (pieces × time, fewest copies per bin)</h3>
      <canvas id="heatmap" data-testid="heatmap" width="740" height="150"></canvas><div id="rarest"></div></div>
  </div>
  <div><div class="card" id="curves"></div><div class="card" id="cdf"></div></div>
</div>
<div id="tooltip" data-testid="tooltip" hidden></div>
<script type="application/json" id="trace">${scriptJson(trace)}</script>
<script>${viewerBundle(ENTRY)}</script>
</body></html>
`;
}
