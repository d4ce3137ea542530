/**
 * How big replay.html gets for a large swarm: feeds the trace recorder a
 * synthetic 10,000-peer, 1,000-piece, 2-hour run (frames at the recorder's
 * own pace, 2,000 active transfer pairs per frame, 50,000 events) and prints
 * the trace and page sizes.
 *   npx tsx bench/replay-size.ts
 */
import { renderReplayHtml } from "../sim/cli/replay-html.ts";
import { Rng } from "../sim/engine/rng.ts";
import { ReplayRecorder } from "../sim/metrics/replay-trace.ts";
import type { PeerInfo, SwarmSnapshot } from "../sim/observe/events.ts";

const PEERS = 10_000;
const PIECES = 1_000;
const DURATION_S = 7200;
const PAIRS = 2_000;
const rng = new Rng("replay-size");
const peers: PeerInfo[] = Array.from({ length: PEERS }, (_, id) => ({
  id,
  group: id % 4,
  groupName: `g${id % 4}`,
  behaviour: "honest",
  uploadBps: 1e6,
  downloadBps: 8e6,
  initialSeed: id === 0,
  arrivalS: id / 100,
}));
const snap = {
  timeS: 0,
  pieceCount: PIECES,
  peers,
  present: new Uint8Array(PEERS),
  piecesHave: new Int32Array(PEERS),
  uploadedBytes: new Float64Array(PEERS),
  downloadedBytes: new Float64Array(PEERS),
  hashFailures: new Int32Array(PEERS),
  banned: new Uint8Array(PEERS),
  availability: new Int32Array(PIECES),
  transfers: {
    count: PAIRS,
    from: new Int32Array(PAIRS),
    to: new Int32Array(PAIRS),
    bytes: new Float64Array(PAIRS),
  },
  uploadCapacityBitSeconds: 0,
};
const rec = new ReplayRecorder({
  scenario: "synthetic-10k",
  seed: 1,
  groups: ["g0", "g1", "g2", "g3"],
});
let events = 0;
let ticks = 0;
for (let t = 0; t <= DURATION_S; t += rec.frameIntervalS(), ticks++) {
  const dt = rec.frameIntervalS();
  (snap as { timeS: number }).timeS = t;
  for (let i = 0; i < PEERS; i++) {
    snap.present[i] = i / 100 <= t ? 1 : 0;
    snap.piecesHave[i] = Math.min(PIECES, Math.max(0, Math.round((t - i / 100) * 0.5)));
    snap.uploadedBytes[i] += rng.int(1e6);
  }
  for (let p = 0; p < PIECES; p++) snap.availability[p] = rng.int(PEERS);
  for (let j = 0; j < PAIRS; j++) {
    snap.transfers.from[j] = rng.int(PEERS);
    snap.transfers.to[j] = rng.int(PEERS);
    snap.transfers.bytes[j] = rng.int(1e6);
  }
  snap.uploadCapacityBitSeconds += PEERS * 1e6 * dt;
  for (let e = 0; e < Math.round(7 * dt); e++, events++)
    rec.onEvent({
      timeS: t,
      kind: e % 7 === 0 ? "completion" : "announce",
      peer: rng.int(PEERS),
      other: -1,
    });
  rec.onFrame(snap as SwarmSnapshot);
}
rec.onEnd(snap as SwarmSnapshot);
const trace = rec.toTrace();
const html = renderReplayHtml(trace);
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
console.log(
  `${PEERS} peers, ${PIECES} pieces, ${DURATION_S} s, ${ticks} frame ticks, ${events} events: ${trace.frames.length} frames, ` +
    `trace ${mb(JSON.stringify(trace).length)} MiB, replay.html ${mb(html.length)} MiB`,
);
