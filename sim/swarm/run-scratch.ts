import type { TransferPool } from "./transfer-pool.ts";

/**
 * The run being delivered (lean model, lean-transfer.ts), copied out of its
 * transfer record so that the record can be freed before delivery.
 * Deliveries never nest (they run from an engine event), so one suffices.
 */
export class RunScratch {
  readonly blocks: Int32Array;
  readonly tags: Int32Array;
  length = 0;

  constructor(maxRun: number) {
    this.blocks = new Int32Array(maxRun);
    this.tags = new Int32Array(maxRun);
  }

  /** Copies transfer `tx`'s run. */
  copyFrom(pool: TransferPool, tx: number): void {
    const base = tx * pool.maxRun;
    const n = pool.runLength[tx];
    for (let i = 0; i < n; i++) {
      this.blocks[i] = pool.runBlocks[base + i];
      this.tags[i] = pool.runTags[base + i];
    }
    this.length = n;
  }
}
