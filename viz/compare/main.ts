/**
 * compare.html: overlaid download-time CDFs and seeds/leechers curves of each
 * variant of a `sim compare`, plus its table. Bundled by esbuild into an IIFE
 * inlined in the page; the data is a JSON script tag; nothing is fetched.
 */
import * as d3 from "d3";
import type { ChartData, ChartVariant } from "../../sim/compare/chart-data.ts";

const WIDTH = 640;
const HEIGHT = 300;
const M = { top: 16, right: 16, bottom: 40, left: 56 };

function readData(): ChartData {
  const el = document.getElementById("compare-data");
  if (!el?.textContent) throw new Error("compare.html: no data");
  return JSON.parse(el.textContent) as ChartData;
}

function frame(parent: HTMLElement, id: string, title: string) {
  const section = d3.select(parent).append("section").attr("id", id);
  section.append("h2").text(title);
  const svg = section
    .append("svg")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("width", WIDTH)
    .attr("height", HEIGHT);
  return svg;
}

function axes(
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  xLabel: string,
  yLabel: string,
) {
  svg
    .append("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${HEIGHT - M.bottom})`)
    .call(d3.axisBottom(x).ticks(8));
  svg
    .append("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${M.left},0)`)
    .call(d3.axisLeft(y).ticks(6));
  svg
    .append("text")
    .attr("x", (M.left + WIDTH - M.right) / 2)
    .attr("y", HEIGHT - 6)
    .attr("text-anchor", "middle")
    .text(xLabel);
  svg
    .append("text")
    .attr("transform", `translate(14,${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .text(yLabel);
}

function cdfChart(
  parent: HTMLElement,
  variants: readonly ChartVariant[],
  color: (i: number) => string,
) {
  const svg = frame(parent, "cdf", "Download time CDF (all seeds pooled)");
  const maxT = d3.max(variants, (v) => v.downloadTimesS[v.downloadTimesS.length - 1]) ?? 1;
  const x = d3
    .scaleLinear()
    .domain([0, maxT])
    .nice()
    .range([M.left, WIDTH - M.right]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  axes(svg, x, y, "download time (s)", "share of leechers");
  variants.forEach((v, i) => {
    const total = v.downloadTimesS.length + v.incomplete;
    if (total === 0) return;
    // A step function: share of all leechers (completed or not) done within t.
    const pts: [number, number][] = [[0, 0]];
    v.downloadTimesS.forEach((t, k) => {
      pts.push([t, k / total], [t, (k + 1) / total]);
    });
    svg
      .append("path")
      .attr("class", "cdf-line")
      .attr("data-variant", v.name)
      .attr("fill", "none")
      .attr("stroke", color(i))
      .attr("stroke-width", 2)
      .attr(
        "d",
        d3
          .line()
          .x((d) => x(d[0]))
          .y((d) => y(d[1]))(pts),
      );
  });
}

function curveChart(
  parent: HTMLElement,
  variants: readonly ChartVariant[],
  color: (i: number) => string,
  field: 1 | 2,
  id: string,
  title: string,
) {
  const svg = frame(parent, id, title);
  const maxT =
    d3.max(variants, (v) => d3.max(v.runs, (r) => r.curve[r.curve.length - 1]?.[0])) ?? 1;
  const maxY =
    d3.max(variants, (v) => d3.max(v.runs, (r) => d3.max(r.curve, (p) => p[field]))) ?? 1;
  const x = d3
    .scaleLinear()
    .domain([0, maxT])
    .nice()
    .range([M.left, WIDTH - M.right]);
  const y = d3
    .scaleLinear()
    .domain([0, Math.max(1, maxY)])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  axes(svg, x, y, "simulated time (s)", field === 1 ? "leechers" : "seeds");
  variants.forEach((v, i) => {
    for (const r of v.runs) {
      svg
        .append("path")
        .attr("class", "curve-line")
        .attr("data-variant", v.name)
        .attr("data-seed", String(r.seed))
        .attr("fill", "none")
        .attr("stroke", color(i))
        .attr("stroke-opacity", 0.7)
        .attr("stroke-width", 1.2)
        .attr(
          "d",
          d3
            .line<readonly [number, number, number]>()
            .x((p) => x(p[0]))
            .y((p) => y(p[field]))(r.curve),
        );
    }
  });
}

function legend(
  parent: HTMLElement,
  variants: readonly ChartVariant[],
  color: (i: number) => string,
) {
  const ul = d3.select(parent).append("ul").attr("class", "legend");
  variants.forEach((v, i) => {
    const li = ul.append("li");
    li.append("span").attr("class", "swatch").style("background", color(i));
    li.append("span").text(v.name);
  });
}

/** The table exactly as `sim compare` prints it (sim/compare/table.ts formats both). */
function table(parent: HTMLElement, data: ChartData) {
  const [header, ...rows] = data.table;
  const t = d3.select(parent).append("table").attr("class", "compare-table");
  const head = t.append("thead").append("tr");
  for (const h of header) head.append("th").text(h);
  const body = t.append("tbody");
  for (const row of rows) {
    const tr = body.append("tr");
    for (const cell of row) tr.append("td").text(cell);
  }
  d3.select(parent).append("p").attr("class", "note").text(data.note);
}

function main() {
  const data = readData();
  const root = document.getElementById("app") as HTMLElement;
  d3.select(root).append("h1").text(data.title);
  const palette = d3.schemeTableau10;
  const color = (i: number) => palette[i % palette.length];
  legend(root, data.variants, color);
  table(root, data);
  cdfChart(root, data.variants, color);
  curveChart(root, data.variants, color, 1, "leechers", "Leechers over time (one line a run)");
  curveChart(root, data.variants, color, 2, "seeds", "Seeds over time (one line a run)");
  document.body.dataset.ready = "true";
}

main();
