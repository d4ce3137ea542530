/** Seeds and leechers, aggregate throughput and upload utilization (SVG, d3) with a time cursor. */
import { axisLeft, line, max, scaleLinear, select } from "d3";
import { type Decoded, timeTicks } from "../data.ts";
import type { Timeline } from "../timeline.ts";
import { drawTimeAxis } from "./time-axis.ts";

interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly (number | null)[];
  readonly axis: "count" | "rate" | "share";
}

const W = 420;
const H = 170;
const M = { top: 10, right: 10, bottom: 34, left: 46 };

function panel(
  root: HTMLElement,
  title: string,
  series: Series[],
  times: number[],
  timeline: Timeline,
): void {
  const box = select(root).append("div").attr("class", "panel");
  box.append("h3").text(title);
  const svg = box.append("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("width", W).attr("height", H);
  const end = Math.max(1, times[times.length - 1] ?? 1);
  const x = scaleLinear()
    .domain([0, end])
    .range([M.left, W - M.right]);
  const ticks = timeTicks(end);
  const top = max(series.flatMap((s) => s.values.map((v) => v ?? 0))) ?? 1;
  const y = scaleLinear()
    .domain([0, Math.max(top, series[0]?.axis === "share" ? 1 : 1e-9)])
    .nice()
    .range([H - M.bottom, M.top]);
  drawTimeAxis(svg, x, ticks, { width: W, height: H, bottom: M.bottom, right: M.right });
  const yAxis = axisLeft(y).ticks(4);
  if (series[0]?.axis === "rate") yAxis.tickFormat((d) => `${(Number(d) / 1e6).toFixed(0)}M`);
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(yAxis);
  for (const s of series) {
    const pts = s.values
      .map((v, i) => [times[i], v] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null);
    svg
      .append("path")
      .attr("fill", "none")
      .attr("stroke", s.colour)
      .attr("stroke-width", 1.5)
      .attr(
        "d",
        line<readonly [number, number]>()
          .x((p) => x(p[0]))
          .y((p) => y(p[1]))(pts) ?? "",
      );
  }
  const legend = box.append("div").attr("class", "legend");
  for (const s of series)
    legend.append("span").html(`<i style="background:${s.colour}"></i>${s.name}`);
  const cursor = svg
    .append("line")
    .attr("class", "cursor")
    .attr("data-testid", "curves-cursor")
    .attr("y1", M.top)
    .attr("y2", H - M.bottom)
    .attr("stroke", "#d62728");
  timeline.subscribe((st) => {
    const cx = x(times[st.frame] ?? 0);
    cursor.attr("x1", cx).attr("x2", cx);
  });
}

export function curvesView(root: HTMLElement, data: Decoded, timeline: Timeline): void {
  const f = data.trace.frames;
  const times = f.map((fr) => fr.timeS);
  panel(
    root,
    "Peers",
    [
      { name: "leechers", colour: "#1f77b4", values: f.map((fr) => fr.leechers), axis: "count" },
      { name: "seeds", colour: "#ff7f0e", values: f.map((fr) => fr.seeds), axis: "count" },
    ],
    times,
    timeline,
  );
  panel(
    root,
    "Aggregate upload (bit/s)",
    [
      { name: "all peers", colour: "#2ca02c", values: f.map((fr) => fr.uploadBps), axis: "rate" },
      { name: "origin", colour: "#d94801", values: f.map((fr) => fr.originBps), axis: "rate" },
    ],
    times,
    timeline,
  );
  panel(
    root,
    "Upload utilization",
    [
      {
        name: "uploaded / capacity present",
        colour: "#9467bd",
        values: f.map((fr) => fr.utilization),
        axis: "share",
      },
    ],
    times,
    timeline,
  );
}
