/** Download-time CDF of the leechers that completed by the current time (SVG, d3). */
import { axisLeft, scaleLinear, select } from "d3";
import { type Decoded, timeTicks } from "../data.ts";
import type { Timeline } from "../timeline.ts";
import { drawTimeAxis } from "./time-axis.ts";

const W = 420;
const H = 170;
const M = { top: 10, right: 10, bottom: 34, left: 46 };

export function cdfView(root: HTMLElement, data: Decoded, timeline: Timeline): void {
  const box = select(root).append("div").attr("class", "panel");
  box.append("h3").text("Download time CDF (completed so far)");
  const all = data.trace.completions;
  const leechers = data.trace.peers.filter((p) => !p.initialSeed).length;
  if (leechers === 0) {
    box.append("p").attr("class", "empty").text("No leechers in this run: nothing to download.");
    return;
  }
  const svg = box.append("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("width", W).attr("height", H);
  const longest = Math.max(1, ...all.map((c) => c[1]));
  const x = scaleLinear()
    .domain([0, longest])
    .range([M.left, W - M.right]);
  const ticks = timeTicks(longest);
  const y = scaleLinear()
    .domain([0, 1])
    .range([H - M.bottom, M.top]);
  drawTimeAxis(
    svg,
    x,
    ticks,
    { width: W, height: H, bottom: M.bottom, right: M.right },
    ticks.label.replace("time", "download time"),
  );
  svg
    .append("g")
    .attr("transform", `translate(${M.left},0)`)
    .call(
      axisLeft(y)
        .ticks(4)
        .tickFormat((d) => `${Math.round(Number(d) * 100)}%`),
    );
  const path = svg
    .append("path")
    .attr("fill", "none")
    .attr("stroke", "#1f77b4")
    .attr("stroke-width", 1.5);
  const note = box.append("div").attr("class", "note");
  timeline.subscribe((s) => {
    const now = data.trace.frames[s.frame]?.timeS ?? 0;
    const done = all
      .filter((c) => c[0] <= now)
      .map((c) => c[1])
      .sort((a, b) => a - b);
    let d = `M${x(0)},${y(0)}`;
    done.forEach((t, i) => {
      d += `H${x(t)}V${y((i + 1) / leechers)}`;
    });
    path.attr("d", d);
    note.text(`${done.length} of ${leechers} leechers completed`);
  });
}
