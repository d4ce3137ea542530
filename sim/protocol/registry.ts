/**
 * A strategy registry is a plain object from a scenario name to a pure
 * function. Its keys are the only list of valid names: the scenario schema
 * builds its enums from them (sim/scenario/schema.ts), so adding an entry to
 * a registry is the one edit that adds a strategy.
 */

/** The registry's names in declaration order, as the non-empty tuple `z.enum` takes. */
export function registryNames<Name extends string>(
  registry: Readonly<Record<Name, unknown>>,
): readonly [Name, ...Name[]] {
  const names = Object.keys(registry) as Name[];
  if (names.length === 0) throw new Error("a strategy registry needs at least one entry");
  return names as [Name, ...Name[]];
}
