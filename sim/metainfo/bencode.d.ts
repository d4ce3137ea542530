// The `bencode` package (v4, ESM) ships no types; this covers what swarmsim uses.
declare module "bencode" {
  /** Dictionary keys are sorted on encode; strings become UTF-8; Uint8Arrays stay raw bytes. */
  function encode(data: unknown): Uint8Array;
  /** Byte strings decode to Uint8Array unless an encoding is given. */
  function decode(data: Uint8Array, encoding?: string): unknown;
  function byteLength(data: unknown): number;
  const bencode: { encode: typeof encode; decode: typeof decode; byteLength: typeof byteLength };
  export default bencode;
}
