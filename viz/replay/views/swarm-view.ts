/**
 * The swarm on a <canvas> (thousands of peers, redrawn every frame): peers
 * as dots clustered by group on a sunflower layout, colour = completion,
 * seeds ringed, corrupt peers outlined red, banned peers crossed; the busiest
 * transfers of the interval as lines whose width shows the rate. The origin
 * (initial seeds) stands out: drawn larger, its transfers in orange on top,
 * and a caption gives its upload against its link; a second caption names the
 * rarest piece and says when some piece is held by the seeds alone.
 */
import { type Decoded, formatBps, formatBytes, rarestText } from "../data.ts";
import type { Timeline } from "../timeline.ts";
import { CORRUPT, groupColour, ORIGIN, progressColour, SEED_RING } from "./palette.ts";

export interface SwarmView {
  /** Canvas-relative position of a peer (tests hover it). */
  position(peer: number): { x: number; y: number };
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

export function swarmView(
  canvas: HTMLCanvasElement,
  tooltip: HTMLElement,
  data: Decoded,
  timeline: Timeline,
): SwarmView {
  const { trace } = data;
  const width = canvas.width;
  const height = canvas.height;
  const ctx = canvas.getContext("2d")!;
  const groups = trace.groups.length;
  const cols = Math.ceil(Math.sqrt(groups * (width / height)));
  const rows = Math.ceil(groups / cols);
  const cellW = width / cols;
  const cellH = (height - 20) / Math.max(1, rows);
  const members: number[][] = trace.groups.map(() => []);
  trace.peers.forEach((p, i) => {
    members[p.group].push(i);
  });
  const pos = new Float32Array(trace.peers.length * 2);
  let radius = 5;
  members.forEach((list, g) => {
    const cx = (g % cols) * cellW + cellW / 2;
    const cy = 20 + Math.floor(g / cols) * cellH + cellH / 2;
    const r = Math.min(cellW, cellH) / 2 - 12;
    const spacing = r / Math.sqrt(Math.max(1, list.length));
    radius = Math.min(radius, Math.max(1.2, spacing * 0.45));
    list.forEach((peer, k) => {
      const d = spacing * Math.sqrt(k + 0.5);
      pos[2 * peer] = cx + d * Math.cos(k * GOLDEN);
      pos[2 * peer + 1] = cy + d * Math.sin(k * GOLDEN);
    });
  });

  function draw(frame: number): void {
    ctx.clearRect(0, 0, width, height);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    members.forEach((list, g) => {
      ctx.fillStyle = groupColour(g);
      const cx = (g % cols) * cellW + cellW / 2;
      const cy = 14 + Math.floor(g / cols) * cellH;
      ctx.fillText(`${trace.groups[g]} (${list.length})`, cx, cy);
    });
    const f = trace.frames[frame];
    const prog = data.progress[frame];
    if (f) {
      let maxRate = 1;
      for (let i = 2; i < f.transfers.length; i += 3) maxRate = Math.max(maxRate, f.transfers[i]);
      // Peer-to-peer first, then the origin's transfers on top, so they are never hidden.
      for (const fromOrigin of [false, true]) {
        ctx.strokeStyle = fromOrigin ? ORIGIN : "rgba(70, 110, 200, 0.35)";
        for (let i = 0; i < f.transfers.length; i += 3) {
          const a = f.transfers[i];
          if (trace.peers[a].initialSeed !== fromOrigin) continue;
          const b = f.transfers[i + 1];
          const rate = f.transfers[i + 2] / (fromOrigin ? trace.peers[a].uploadBps / 8 : maxRate);
          ctx.lineWidth = fromOrigin ? 1 + 3 * Math.min(1, rate * 2) : 0.3 + 3 * rate;
          ctx.beginPath();
          ctx.moveTo(pos[2 * a], pos[2 * a + 1]);
          ctx.lineTo(pos[2 * b], pos[2 * b + 1]);
          ctx.stroke();
        }
      }
    }
    for (let i = 0; i < trace.peers.length; i++) {
      const v = prog ? prog[i] : 0;
      const x = pos[2 * i];
      const y = pos[2 * i + 1];
      const p = trace.peers[i];
      const r = p.initialSeed ? Math.max(5, radius * 2) : radius;
      if (p.initialSeed && v !== 0) {
        ctx.beginPath();
        ctx.arc(x, y, r + 3, 0, 2 * Math.PI);
        ctx.strokeStyle = ORIGIN;
        ctx.lineWidth = 2;
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (v === 0) {
        ctx.strokeStyle = "#ccc";
        ctx.lineWidth = 0.5;
        ctx.stroke();
        continue;
      }
      ctx.fillStyle = progressColour((v - 1) / 254);
      ctx.fill();
      if (v === 255) {
        ctx.strokeStyle = SEED_RING;
        ctx.lineWidth = 1.2;
        ctx.stroke();
      }
      if (p.behaviour === "corrupt") {
        ctx.strokeStyle = CORRUPT;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      if (p.banned && p.behaviour !== "honest") {
        ctx.strokeStyle = CORRUPT;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x - radius, y - radius);
        ctx.lineTo(x + radius, y + radius);
        ctx.moveTo(x + radius, y - radius);
        ctx.lineTo(x - radius, y + radius);
        ctx.stroke();
      }
    }
  }

  function captions(frame: number): void {
    const f = trace.frames[frame];
    if (!f) return;
    ctx.textAlign = "left";
    ctx.font = "bold 12px system-ui, sans-serif";
    let originCap = 0;
    let originPeers = 0;
    trace.peers.forEach((p, i) => {
      if (p.initialSeed && data.progress[frame]?.[i]) originCap += p.uploadBps;
    });
    for (let i = 0; i < f.transfers.length; i += 3) {
      if (trace.peers[f.transfers[i]].initialSeed && f.transfers[i + 2] > 0) originPeers++;
    }
    // Blocks count when they finish, so a short frame can overshoot the link: cap the share shown.
    const pct = Math.min(100, Math.round((100 * f.originBps) / Math.max(1, originCap)));
    const share = originCap > 0 ? ` (${pct} % of its link)` : "";
    // A light band behind the captions keeps them readable over the dots.
    ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
    ctx.fillRect(0, height - 38, width, 38);
    ctx.fillStyle = ORIGIN;
    ctx.fillText(
      `origin ↑ ${formatBps(f.originBps)}${share} to ${originPeers} ${originPeers === 1 ? "peer" : "peers"}`,
      8,
      height - 22,
    );
    const stranded = f.onlyAtSeeds > 0 && f.leechers > 0;
    ctx.fillStyle = stranded ? CORRUPT : "#333";
    ctx.fillText(rarestText(f), 8, height - 6);
    caption.textContent = `${rarestText(f)}; origin ${formatBps(f.originBps)}`;
  }

  function peerAt(x: number, y: number): number {
    let best = -1;
    let bestD = (radius + 3) ** 2;
    for (let i = 0; i < trace.peers.length; i++) {
      const d = (pos[2 * i] - x) ** 2 + (pos[2 * i + 1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  canvas.addEventListener("mousemove", (ev) => {
    const rect = canvas.getBoundingClientRect();
    const x = ((ev.clientX - rect.left) * width) / rect.width;
    const y = ((ev.clientY - rect.top) * height) / rect.height;
    const i = peerAt(x, y);
    if (i < 0) {
      tooltip.hidden = true;
      return;
    }
    const p = trace.peers[i];
    const v = data.progress[timeline.state.frame]?.[i] ?? 0;
    const state = v === 0 ? "not in the swarm" : v === 255 ? "seed" : "leecher";
    tooltip.innerHTML = [
      `<b>peer ${i}</b> — ${trace.groups[p.group]}`,
      `${p.behaviour}${p.initialSeed ? ", initial seed" : ""}${p.banned ? ", banned" : ""}`,
      `link ${formatBps(p.uploadBps)} up / ${formatBps(p.downloadBps)} down`,
      `now: ${state}${v > 0 ? `, ${Math.round(((v - 1) / 254) * 100)} %` : ""}`,
      `total: ${formatBytes(p.uploadedBytes)} up / ${formatBytes(p.downloadedBytes)} down`,
      `hash failures: ${p.hashFailures}`,
    ].join("<br>");
    tooltip.hidden = false;
    tooltip.style.left = `${ev.pageX + 12}px`;
    tooltip.style.top = `${ev.pageY + 12}px`;
  });
  canvas.addEventListener("mouseleave", () => {
    tooltip.hidden = true;
  });

  const caption = document.createElement("div");
  caption.hidden = true;
  caption.dataset.testid = "swarm-caption";
  canvas.after(caption);
  timeline.subscribe((s) => {
    draw(s.frame);
    captions(s.frame);
  });
  return {
    position: (peer) => {
      const rect = canvas.getBoundingClientRect();
      return {
        x: rect.left + (pos[2 * peer] * rect.width) / width,
        y: rect.top + (pos[2 * peer + 1] * rect.height) / height,
      };
    },
  };
}
