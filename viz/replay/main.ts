/**
 * The replay viewer: reads the trace inlined in the page and wires every view
 * to one timeline. Bundled (with d3) into replay.html by sim/cli/replay-html.ts.
 */
import { decode, type ReplayTrace } from "./data.ts";
import { Timeline } from "./timeline.ts";
import { cdfView } from "./views/cdf-view.ts";
import { controls } from "./views/controls.ts";
import { curvesView } from "./views/curves-view.ts";
import { heatmapView } from "./views/heatmap-view.ts";
import { swarmView } from "./views/swarm-view.ts";

declare global {
  interface Window {
    __replay?: {
      frame(): number;
      setFrame(i: number): void;
      peerScreenPosition(id: number): { x: number; y: number };
    };
  }
}

function start(): void {
  const trace = JSON.parse(document.getElementById("trace")!.textContent!) as ReplayTrace;
  const data = decode(trace);
  const timeline = new Timeline(Math.max(1, trace.frames.length));
  const byId = (id: string) => document.getElementById(id)!;
  byId("title").textContent = `${trace.scenario} — seed ${trace.seed}`;
  byId("subtitle").textContent =
    `${trace.peers.length} peers in ${trace.groups.length} groups, ${trace.pieceCount} pieces, ` +
    `${trace.frames.length} frames, ${trace.events.length} events${trace.eventsDropped ? ` (+${trace.eventsDropped} not kept)` : ""}`;
  if (trace.frames.length === 0 || trace.peers.length === 0) {
    byId("empty").textContent =
      "This run recorded no samples or no peers: there is nothing to replay.";
  } else if (trace.frames.every((f) => f.transfers.length === 0)) {
    byId("empty").textContent = "No transfers in this run: peers are shown, but no data moved.";
  }
  controls(byId("controls"), data, timeline);
  const swarm = swarmView(byId("swarm") as HTMLCanvasElement, byId("tooltip"), data, timeline);
  heatmapView(byId("heatmap") as HTMLCanvasElement, byId("rarest"), data, timeline);
  curvesView(byId("curves"), data, timeline);
  cdfView(byId("cdf"), data, timeline);
  window.__replay = {
    frame: () => timeline.state.frame,
    setFrame: (i) => timeline.setFrame(i),
    peerScreenPosition: (id) => swarm.position(id),
  };
}

start();
