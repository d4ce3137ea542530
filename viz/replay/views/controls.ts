/** Play/pause, speed, scrubber, step to the previous/next event, and the time label. */
import { type Decoded, EVENT_KINDS, formatTime, frameAt } from "../data.ts";
import type { Timeline } from "../timeline.ts";

export function controls(root: HTMLElement, data: Decoded, timeline: Timeline): void {
  const { trace } = data;
  const last = Math.max(0, trace.frames.length - 1);
  root.innerHTML = `
    <button data-testid="play" title="play / pause (space)">▶ play</button>
    <button data-testid="prev-event" title="previous event">◀ event</button>
    <button data-testid="next-event" title="next event">event ▶</button>
    <label>speed <select data-testid="speed">
      <option value="2">slow</option><option value="10" selected>normal</option><option value="40">fast</option>
    </select></label>
    <input type="range" data-testid="scrubber" min="0" max="${last}" value="0" step="1">
    <span data-testid="time" class="time"></span>
    <span class="event" data-testid="event"></span>`;
  const play = root.querySelector<HTMLButtonElement>("[data-testid=play]")!;
  const scrub = root.querySelector<HTMLInputElement>("[data-testid=scrubber]")!;
  const time = root.querySelector<HTMLElement>("[data-testid=time]")!;
  const speed = root.querySelector<HTMLSelectElement>("[data-testid=speed]")!;
  const eventLabel = root.querySelector<HTMLElement>("[data-testid=event]")!;
  play.addEventListener("click", () => timeline.toggle());
  scrub.addEventListener("input", () => timeline.setFrame(Number(scrub.value)));
  speed.addEventListener("change", () => timeline.setSpeed(Number(speed.value)));
  document.addEventListener("keydown", (e) => {
    if (e.key === " " && e.target === document.body) {
      e.preventDefault();
      timeline.toggle();
    }
  });
  const jump = (dir: 1 | -1) => {
    const now = trace.frames[timeline.state.frame]?.timeS ?? 0;
    const evs = trace.events;
    const ev =
      dir > 0
        ? evs.find((e) => e[0] > now)
        : [...evs]
            .reverse()
            .find((e) => e[0] < (trace.frames[timeline.state.frame - 1]?.timeS ?? -1) + 1e-9);
    if (!ev) return;
    let f = frameAt(trace, ev[0]);
    if (dir > 0 && trace.frames[f].timeS < ev[0] && f < last) f++;
    timeline.setFrame(f);
    eventLabel.textContent = `${EVENT_KINDS[ev[1]]} · peer ${ev[2]} at ${formatTime(ev[0])}`;
  };
  root.querySelector("[data-testid=next-event]")!.addEventListener("click", () => jump(1));
  root.querySelector("[data-testid=prev-event]")!.addEventListener("click", () => jump(-1));
  timeline.subscribe((s) => {
    scrub.value = String(s.frame);
    play.textContent = s.playing ? "⏸ pause" : "▶ play";
    const f = trace.frames[s.frame];
    time.textContent = f
      ? `t = ${formatTime(f.timeS)} · ${f.leechers} leechers, ${f.seeds} seeds`
      : "no samples";
  });
}
