/** Engine handler ids of the swarm's event kinds, filled in by each module's register function. */
export interface EventIds {
  arrive: number;
  depart: number;
  abort: number;
  sample: number;
  frame: number;
  trackerRequest: number;
  trackerReply: number;
  announceTimer: number;
  connectArrive: number;
  connectRefused: number;
  message: number;
  close: number;
  txDone: number;
  blockArrive: number;
  rechoke: number;
  pexTimer: number;
  pexMessage: number;
}
