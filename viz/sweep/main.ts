/**
 * sweep.html: a metric against one grid key, one line per combination of the
 * other grid keys, each point the mean over seeds with its 95 % CI as a band.
 * The x key and the metric can be switched in the page. Bundled by esbuild
 * into an IIFE inlined in the page; the data is a JSON script tag.
 */
import * as d3 from "d3";
import { estimate } from "../../sim/compare/stats.ts";
import type { SweepChartData } from "../../sim/sweep/merge.ts";

const WIDTH = 720;
const HEIGHT = 380;
const M = { top: 16, right: 24, bottom: 44, left: 64 };

interface SeriesPoint {
  readonly xi: number;
  readonly n: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

interface Series {
  readonly name: string;
  readonly points: readonly SeriesPoint[];
}

function readData(): SweepChartData {
  const el = document.getElementById("sweep-data");
  if (!el?.textContent) throw new Error("sweep.html: no data");
  return JSON.parse(el.textContent) as SweepChartData;
}

/** Groups runs by the other axes' values (grid order), then by x value. */
export function buildSeries(data: SweepChartData, x: number, metric: string): Series[] {
  const others = data.axes.map((_, i) => i).filter((i) => i !== x);
  const byKey = new Map<string, { name: string; cells: Map<number, number[]> }>();
  for (const r of data.runs) {
    const key = others.map((i) => r.coords[i]).join(",");
    let s = byKey.get(key);
    if (!s) {
      const name =
        others.map((i) => `${data.axes[i].path}=${data.axes[i].labels[r.coords[i]]}`).join(", ") ||
        "all runs";
      s = { name, cells: new Map() };
      byKey.set(key, s);
    }
    const v = r.values[metric];
    if (v === null || v === undefined) continue;
    const xi = r.coords[x];
    const cell = s.cells.get(xi) ?? [];
    cell.push(v);
    s.cells.set(xi, cell);
  }
  return [...byKey.values()].map((s) => ({
    name: s.name,
    points: [...s.cells.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([xi, vs]) => {
        const e = estimate(vs);
        const mean = e.mean ?? 0;
        const ci = e.ci95 ?? 0;
        return { xi, n: e.n, mean, lo: mean - ci, hi: mean + ci };
      }),
  }));
}

function draw(root: HTMLElement, data: SweepChartData, x: number, metric: string) {
  d3.select(root).selectAll("#chart, #legend, #table").remove();
  const axis = data.axes[x];
  const series = buildSeries(data, x, metric);
  const palette = d3.schemeTableau10;
  const color = (i: number) => palette[i % palette.length];
  const xPos = (xi: number) => (axis.numbers ? axis.numbers[xi] : xi);

  const svg = d3
    .select(root)
    .append("svg")
    .attr("id", "chart")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("width", WIDTH)
    .attr("height", HEIGHT);
  let xScale: d3.ScaleLinear<number, number>;
  if (axis.numbers) {
    const [lo, hi] = d3.extent(axis.numbers) as [number, number];
    xScale = d3
      .scaleLinear()
      .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
      .nice()
      .range([M.left, WIDTH - M.right]);
  } else {
    xScale = d3
      .scaleLinear()
      .domain([-0.5, axis.labels.length - 0.5])
      .range([M.left, WIDTH - M.right]);
  }
  const all = series.flatMap((s) => s.points);
  const yLo = Math.min(0, d3.min(all, (p) => p.lo) ?? 0);
  const yHi = d3.max(all, (p) => p.hi) ?? 1;
  const y = d3
    .scaleLinear()
    .domain([yLo, yHi > yLo ? yHi : yLo + 1])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const xAxis = axis.numbers
    ? d3.axisBottom(xScale).ticks(8)
    : d3
        .axisBottom(xScale)
        .tickValues(axis.labels.map((_, i) => i))
        .tickFormat((d) => axis.labels[Number(d)] ?? "");
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${HEIGHT - M.bottom})`)
    .call(xAxis);
  svg
    .append("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${M.left},0)`)
    .call(d3.axisLeft(y).ticks(6));
  svg
    .append("text")
    .attr("x", (M.left + WIDTH - M.right) / 2)
    .attr("y", HEIGHT - 8)
    .attr("text-anchor", "middle")
    .text(axis.path);
  svg
    .append("text")
    .attr("transform", `translate(16,${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .text(metric);

  series.forEach((s, i) => {
    const g = svg.append("g").attr("class", "series").attr("data-series", s.name);
    g.append("path")
      .attr("class", "ci-band")
      .attr("fill", color(i))
      .attr("fill-opacity", 0.18)
      .attr("stroke", "none")
      .attr(
        "d",
        d3
          .area<SeriesPoint>()
          .x((p) => xScale(xPos(p.xi)))
          .y0((p) => y(p.lo))
          .y1((p) => y(p.hi))([...s.points]) ?? "",
      );
    g.append("path")
      .attr("class", "mean-line")
      .attr("fill", "none")
      .attr("stroke", color(i))
      .attr("stroke-width", 2)
      .attr(
        "d",
        d3
          .line<SeriesPoint>()
          .x((p) => xScale(xPos(p.xi)))
          .y((p) => y(p.mean))([...s.points]) ?? "",
      );
    g.selectAll("circle")
      .data(s.points)
      .join("circle")
      .attr("class", "mean-point")
      .attr("cx", (p) => xScale(xPos(p.xi)))
      .attr("cy", (p) => y(p.mean))
      .attr("r", 3)
      .attr("fill", color(i))
      .append("title")
      .text(
        (p) =>
          `${axis.labels[p.xi]}: ${p.mean.toPrecision(4)} ± ${(p.hi - p.mean).toPrecision(3)} (n=${p.n})`,
      );
  });

  const ul = d3.select(root).append("ul").attr("id", "legend").attr("class", "legend");
  series.forEach((s, i) => {
    const li = ul.append("li");
    li.append("span").attr("class", "swatch").style("background", color(i));
    li.append("span").text(s.name);
  });

  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3));
  const t = d3.select(root).append("table").attr("id", "table");
  const head = t.append("thead").append("tr");
  head.append("th").text(`${metric} \\ ${axis.path}`);
  for (const l of axis.labels) head.append("th").text(l);
  const body = t.append("tbody");
  for (const s of series) {
    const tr = body.append("tr");
    tr.append("td").text(s.name);
    for (let xi = 0; xi < axis.labels.length; xi++) {
      const p = s.points.find((q) => q.xi === xi);
      tr.append("td").text(
        p === undefined ? "-" : p.n < 2 ? fmt(p.mean) : `${fmt(p.mean)} ± ${fmt(p.hi - p.mean)}`,
      );
    }
  }
}

function main() {
  const data = readData();
  const root = document.getElementById("app") as HTMLElement;
  const app = d3.select(root);
  app.append("h1").text(data.title);
  if (data.description) app.append("p").text(data.description);
  app
    .append("p")
    .attr("class", "note")
    .text(`${data.runs.length} of ${data.expected} runs complete. ${data.note}`);
  let x = data.x;
  let metric = data.metric;
  const controls = app.append("div").attr("class", "controls");
  const xl = controls.append("label").text("x: ");
  const xs = xl.append("select").attr("id", "x-select");
  data.axes.forEach((a, i) => {
    xs.append("option")
      .attr("value", String(i))
      .property("selected", i === x)
      .text(a.path);
  });
  const ml = controls.append("label").text("metric: ");
  const ms = ml.append("select").attr("id", "metric-select");
  for (const m of data.metrics)
    ms.append("option")
      .attr("value", m)
      .property("selected", m === metric)
      .text(m);
  xs.on("change", function () {
    x = Number((this as HTMLSelectElement).value);
    draw(root, data, x, metric);
  });
  ms.on("change", function () {
    metric = (this as HTMLSelectElement).value;
    draw(root, data, x, metric);
  });
  draw(root, data, x, metric);
  document.body.dataset.ready = "true";
}

if (typeof document !== "undefined" && document.getElementById("sweep-data")) main();
