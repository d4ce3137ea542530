import cliProgress from "cli-progress";

/**
 * Progress of a sweep on stderr: runs done / total and an ETA. A bar on a
 * terminal, a plain line every few seconds (and at the end) otherwise.
 */
export function sweepProgress(
  quiet: boolean,
  total: number,
): { tick: () => void; stop: () => void } {
  if (quiet || total === 0) return { tick: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "sweep {bar} {value}/{total} runs | {percentage}% | ETA {eta_formatted}",
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: () => bar.increment(), stop: () => bar.stop() };
  }
  const started = performance.now();
  let done = 0;
  let lastPrint = started;
  return {
    tick: () => {
      done++;
      const now = performance.now();
      if (done < total && now - lastPrint < 5000) return;
      lastPrint = now;
      const perRun = (now - started) / 1000 / done;
      const eta = done < total ? `, ETA ${formatEta(perRun * (total - done))}` : "";
      process.stderr.write(`sweep: ${done}/${total} runs done${eta}\n`);
    },
    stop: () => {},
  };
}

export function formatEta(s: number): string {
  if (s < 90) return `${Math.round(s)}s`;
  if (s < 5400) return `${Math.round(s / 60)}min`;
  return `${(s / 3600).toFixed(1)}h`;
}
