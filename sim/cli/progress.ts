import cliProgress from "cli-progress";
import type { Progress } from "../run/simulate.ts";

/**
 * Progress on stderr: a bar on a terminal, a plain line every few seconds
 * otherwise (so CI logs and pipes stay readable). Wall-clock reading is
 * allowed here: the CLI is the only layer that touches the clock.
 */
export function progressReporter(quiet: boolean): {
  update: (p: Progress) => void;
  stop: () => void;
} {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = performance.now();
  const rate = (p: Progress) => {
    const wallS = (performance.now() - started) / 1000;
    return wallS > 0 ? Math.round(p.events / wallS) : 0;
  };
  const pct = (p: Progress) =>
    p.leechersTotal > 0 ? Math.round((100 * p.leechersDone) / p.leechersTotal) : 100;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "sim {bar} {percentage}% of leechers done | t={simTime} | {eventsPerSec} events/s",
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { simTime: "0s", eventsPerSec: 0 });
    let active = true;
    return {
      update: (p) => {
        if (active)
          bar.update(pct(p), { simTime: formatSimTime(p.simTimeS), eventsPerSec: rate(p) });
      },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let lastPrint = Number.NEGATIVE_INFINITY;
  return {
    update: (p) => {
      const now = performance.now();
      if (now - lastPrint < 5000) return;
      lastPrint = now;
      process.stderr.write(
        `sim t=${formatSimTime(p.simTimeS)} leechers done ${p.leechersDone}/${p.leechersTotal} (${pct(p)}%) ${rate(p)} events/s\n`,
      );
    },
    stop: () => {},
  };
}

export function formatSimTime(s: number): string {
  if (s < 120) return `${s.toFixed(1)}s`;
  if (s < 7200) return `${(s / 60).toFixed(1)}min`;
  return `${(s / 3600).toFixed(2)}h`;
}
