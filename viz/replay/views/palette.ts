import { interpolateViridis, schemeTableau10 } from "d3";

/** Completion colour: dark (nothing) → yellow (complete), as in the legend. */
export const progressColour = (fraction: number): string => interpolateViridis(fraction);

export const groupColour = (group: number): string => schemeTableau10[group % 10];

export const SEED_RING = "#111";
export const CORRUPT = "#d62728";
/** The origin (initial seeds) and its transfers. */
export const ORIGIN = "#d94801";
