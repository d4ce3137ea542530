/**
 * Piece availability over time on a <canvas>: x = frames, y = piece bins,
 * colour = fewest copies in the bin. A cursor marks the current frame and a
 * red tick the rarest bin at that moment.
 */
import { interpolateYlGnBu } from "d3";
import { type Decoded, rarestText } from "../data.ts";
import type { Timeline } from "../timeline.ts";

export function heatmapView(
  canvas: HTMLCanvasElement,
  label: HTMLElement,
  data: Decoded,
  timeline: Timeline,
): void {
  const ctx = canvas.getContext("2d")!;
  const { trace, heat, maxHeat } = data;
  const frames = heat.length;
  const bins = frames > 0 ? heat[0].length : 0;
  const base = document.createElement("canvas");
  base.width = canvas.width;
  base.height = canvas.height;
  const bctx = base.getContext("2d")!;
  const cw = canvas.width / Math.max(1, frames);
  const ch = canvas.height / Math.max(1, bins);
  for (let f = 0; f < frames; f++) {
    for (let b = 0; b < bins; b++) {
      bctx.fillStyle =
        heat[f][b] === 0 ? "#fff5f0" : interpolateYlGnBu(0.15 + (0.85 * heat[f][b]) / maxHeat);
      bctx.fillRect(f * cw, b * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  timeline.subscribe((s) => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(base, 0, 0);
    if (frames === 0) return;
    const x = s.frame * cw + cw / 2;
    ctx.strokeStyle = "#d62728";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, canvas.height);
    ctx.stroke();
    const h = heat[s.frame];
    let rare = 0;
    for (let b = 1; b < h.length; b++) if (h[b] < h[rare]) rare = b;
    ctx.fillStyle = "#d62728";
    ctx.fillRect(x - 6, rare * ch, 12, Math.max(2, ch));
    label.textContent = rarestText(trace.frames[s.frame]);
  });
}
