/** Engine handler ids of the swarm's event kinds (all registered in the Swarm constructor). */
export interface EventIds {
  readonly trackerRequest: number;
  readonly trackerReply: number;
  readonly connectArrive: number;
  readonly connectRefused: number;
  readonly message: number;
  readonly close: number;
  readonly txDone: number;
  readonly blockArrive: number;
  /** A burst of protocol overhead left a link: (peer, side). */
  readonly overheadDone: number;
  /** A rate limiter's tick granted an idle uplink quota for its next block: (peer). */
  readonly quotaPump: number;
  readonly timer: number;
  readonly pexMessage: number;
  /** A client's start-up ended (groups[].startup_delay). */
  readonly start: number;
  /** Lean model: requests held at an idle connection end have arrived (held-requests.ts): (end). */
  readonly heldDue: number;
  /** Lean model: a piece's completing block lands (lean-landing.ts): (sender's end, block × 3 + tag kind). */
  readonly landing: number;
}
