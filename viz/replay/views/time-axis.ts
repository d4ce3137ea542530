/** The time axis every replay chart shares: ticks in one unit, labelled with that unit. */
import { axisBottom, type ScaleLinear, type Selection } from "d3";
import type { timeTicks } from "../data.ts";

export function drawTimeAxis(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  x: ScaleLinear<number, number>,
  ticks: ReturnType<typeof timeTicks>,
  size: {
    readonly width: number;
    readonly height: number;
    readonly bottom: number;
    readonly right: number;
  },
  label = ticks.label,
): void {
  svg
    .append("g")
    .attr("transform", `translate(0,${size.height - size.bottom})`)
    .attr("data-testid", "time-axis")
    .call(
      axisBottom(x)
        .tickValues(ticks.values)
        .tickFormat((d) => ticks.format(Number(d))),
    );
  svg
    .append("text")
    .attr("x", size.width - size.right)
    .attr("y", size.height - 4)
    .attr("text-anchor", "end")
    .attr("font-size", 10)
    .attr("fill", "#666")
    .text(label);
}
