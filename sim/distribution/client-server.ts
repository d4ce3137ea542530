/**
 * `distribution: client-server`: the servers (the scenario's initial seeds)
 * send the whole file to each client; clients never upload.
 *
 * A client's request costs one latency to reach the server; the file then
 * flows at the client's max-min fair share of the server's uplink (fluid
 * water-filling, see fluid.ts), capped by its own downlink, and the last
 * byte arrives one latency after it left. With several servers a client
 * goes to the one with the fewest downloads. `client_server.max_concurrent`
 * caps the downloads a server serves at once; the rest wait in one FIFO
 * queue for the first free slot. If a server leaves, its clients go back to
 * the head of the queue and resume where they stopped (an HTTP range
 * request), so nothing is lost.
 *
 * Lower bound for N clients at once: max(N·F/u_s, F/d_min) (Kurose & Ross).
 */

import type { ScenarioConfig } from "../scenario/types.ts";
import { type DistributionOptions, DistributionRun } from "./base.ts";
import type { Flow } from "./fluid.ts";

export class ClientServerRun extends DistributionRun {
  private readonly servers: number[] = [];
  /** Downloads per server: running + requested (a slot is held from the request on). */
  private readonly load: Int32Array;
  private readonly queue: number[] = [];
  /** The client's current flow, or its pending request (-2), or none (-1). */
  private readonly current: Int32Array;
  /** Bytes a client already holds (resumed after its server left). */
  private readonly resumeAt: Float64Array;
  private readonly maxConcurrent: number;
  private readonly requestArrives: number;

  constructor(config: ScenarioConfig, options: DistributionOptions = {}) {
    super(config, options);
    const n = this.peerInfos.length;
    this.load = new Int32Array(n);
    this.current = new Int32Array(n).fill(-1);
    this.resumeAt = new Float64Array(n);
    this.maxConcurrent = config.client_server.max_concurrent ?? Number.POSITIVE_INFINITY;
    // a = client, b = server: the request reaches the server.
    this.requestArrives = this.sim.register((client, server) => {
      if (this.current[client] !== -2) return; // the client left meanwhile
      if (!this.present[server]) {
        this.load[server]--;
        this.current[client] = -1;
        this.queue.unshift(client);
        this.dispatch();
        return;
      }
      const flow = this.flows.start(server, client, this.fileBytes, this.resumeAt[client]);
      this.current[client] = flow.id;
    });
  }

  protected onArrive(id: number): void {
    if (this.peerInfos[id].initialSeed) {
      this.servers.push(id);
      this.dispatch();
      return;
    }
    this.queue.push(id);
    this.dispatch();
  }

  /** Hands waiting clients to servers with free slots, least loaded first. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let best = -1;
      for (const s of this.servers) {
        if (!this.present[s] || this.load[s] >= this.maxConcurrent) continue;
        if (best < 0 || this.load[s] < this.load[best]) best = s;
      }
      if (best < 0) return;
      const client = this.queue.shift()!;
      if (!this.present[client]) continue;
      this.load[best]++;
      this.current[client] = -2;
      this.sim.schedule(this.latency.between(client, best), this.requestArrives, client, best);
    }
  }

  protected override onSent(flow: Flow): void {
    this.load[flow.from]--;
    this.dispatch();
  }

  protected onReceived(flow: Flow): void {
    if (this.current[flow.to] !== flow.id) return;
    this.current[flow.to] = -1;
    this.complete(flow.to);
  }

  protected onDepart(id: number): void {
    if (this.peerInfos[id].initialSeed) {
      for (const f of this.flows.of(id).slice()) {
        this.resumeAt[f.to] = this.flows.abort(f);
        this.current[f.to] = -1;
        this.queue.unshift(f.to);
      }
      this.load[id] = 0;
      this.dispatch();
      return;
    }
    const c = this.current[id];
    if (c >= 0) {
      const f = this.flows.get(c);
      if (f.open) {
        this.flows.abort(f);
        this.load[f.from]--;
        this.dispatch();
      }
    }
    this.current[id] = -1;
  }
}
