/** A typed-array growth helper: one copy for every growable table of the simulator. */
type Typed = Int32Array | Float64Array | Uint8Array | Uint32Array;

/** A copy of `a` with room for `length` elements (zeros after the old ones). */
export function grown<A extends Typed>(a: A, length: number): A {
  const b = new (a.constructor as new (n: number) => A)(length);
  b.set(a);
  return b;
}
