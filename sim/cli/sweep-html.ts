/**
 * sweep.html: a self-contained page (opens from disk, no network). The viewer
 * (viz/sweep/main.ts, with d3) is bundled by esbuild into an IIFE and inlined
 * with the data as a JSON script tag, as compare.html is.
 */
import { fileURLToPath } from "node:url";
import type { SweepChartData } from "../sweep/merge.ts";
import { escapeHtml, scriptJson, viewerBundle } from "./page-bundle.ts";

const ENTRY = fileURLToPath(new URL("../../viz/sweep/main.ts", import.meta.url));

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; } label { margin-right: 16px; }
.legend { list-style: none; padding: 0; display: flex; gap: 16px; flex-wrap: wrap; }
.swatch { display: inline-block; width: 14px; height: 4px; margin-right: 6px; vertical-align: middle; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-top: 12px; }
td, th { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.note { color: #666; font-size: 12px; max-width: 900px; }
svg text { font-size: 11px; }
`;

export function sweepHtml(data: SweepChartData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div id="app"></div>
<script id="sweep-data" type="application/json">${scriptJson(data)}</script>
<script>${viewerBundle(ENTRY).replace(/<\/script/gi, "<\\/script")}</script>
</body>
</html>
`;
}
