import { deepFreeze } from "./freeze.ts";

/**
 * Access-link presets for `class:` in a group (rates in bits per second).
 *
 * Home access links are asymmetric and the *upload* side is what limits a
 * swarm, so each class is a typical provisioned plan, not a line maximum:
 * - dsl: ADSL2+ (ITU-T G.992.5) caps at 24/1.4 Mbit/s; long copper loops
 *   sync far lower, ~8 down / ~1 up being a common real-world plan.
 * - cable: an entry DOCSIS 3.0 tier with the usual ~10:1 asymmetry.
 * - vdsl: fibre-to-the-cabinet VDSL2 (ITU-T G.993.2), e.g. the 80/20 tier
 *   sold on Openreach FTTC.
 * - fibre: symmetric FTTH over GPON (ITU-T G.984), the common 100/100 plan.
 * - datacenter: a gigabit server port, for origin seeds and CDN-like peers.
 */
export const BANDWIDTH_CLASSES: Record<
  string,
  { upload: number; download: number; description: string }
> = deepFreeze({
  dsl: {
    upload: 1e6,
    download: 8e6,
    description: "ADSL2+ home line, 1 Mbit/s up / 8 Mbit/s down",
  },
  cable: {
    upload: 5e6,
    download: 50e6,
    description: "DOCSIS 3.0 cable, 5 Mbit/s up / 50 Mbit/s down",
  },
  vdsl: {
    upload: 20e6,
    download: 80e6,
    description: "VDSL2 fibre-to-the-cabinet, 20 Mbit/s up / 80 Mbit/s down",
  },
  fibre: {
    upload: 100e6,
    download: 100e6,
    description: "GPON fibre-to-the-home, 100 Mbit/s symmetric",
  },
  datacenter: {
    upload: 1e9,
    download: 1e9,
    description: "server in a data centre, 1 Gbit/s symmetric",
  },
});
