/**
 * The layering of swarmsim, enforced in `npm test` (test/lint/layering.test.ts).
 * See docs/architecture.md for the picture:
 *   engine ← net ← swarm → protocol;  observe ← metrics;  cli → everything;
 *   the engine imports nothing of ours; the protocol is sans-IO; nothing imports cli.
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "No import cycle anywhere, type-only imports included.",
      from: {},
      to: { circular: true },
    },
    {
      name: "engine-imports-nothing-of-ours",
      severity: "error",
      comment: "The engine knows nothing of BitTorrent or of the rest of the simulator.",
      from: { path: "^sim/engine/" },
      to: { path: "^(sim|viz|bench|scripts|bin)/", pathNot: "^sim/engine/" },
    },
    {
      name: "protocol-is-sans-io",
      severity: "error",
      comment:
        "The protocol takes events and emits actions through its Outbox: it imports no engine, network, swarm, metrics, scenario or cli code.",
      from: { path: "^sim/protocol/" },
      to: {
        path: "^sim/(engine|net|swarm|population|distribution|metrics|observe|scenario|run|cli|integrity|metainfo|compare|sweep)/",
      },
    },
    {
      name: "nothing-imports-cli",
      severity: "error",
      comment:
        "The CLI is the outermost layer: the only code touching files, clocks and the process.",
      from: { pathNot: "^(sim/cli/|bin/|bench/|scripts/)" },
      to: { path: "^sim/cli/" },
    },
    {
      name: "observers-do-not-reach-into-the-swarm",
      severity: "error",
      comment: "Metrics and the other modes see the swarm only through sim/observe.",
      from: { path: "^sim/(metrics|distribution|observe|population)/" },
      to: { path: "^sim/swarm/" },
    },
    {
      name: "net-knows-no-protocol",
      severity: "error",
      from: { path: "^sim/net/" },
      to: { path: "^sim/(protocol|swarm|population|distribution|metrics|cli)/" },
    },
    {
      name: "viewer-runs-no-simulation",
      severity: "error",
      comment:
        "The viewers run in the browser on recorded outputs: they may share pure formatting and trace code (sim/metrics, sim/compare), never the simulation.",
      from: { path: "^viz/" },
      to: {
        path: "^sim/(engine|net|protocol|swarm|population|distribution|run|scenario|cli|integrity|sweep)/",
        dependencyTypesNot: ["type-only"],
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    exclude: { path: "node_modules" },
  },
};
