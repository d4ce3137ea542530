import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { MINIMAL, scenarioError } from "./helpers.ts";

describe("error messages", () => {
  it("format as file:line:col: path: problem and expose the parts", () => {
    const e = scenarioError(`${MINIMAL}protocol:\n  pickr: random\n`);
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.message).toBe("s.yaml:14:3: protocol.pickr: unknown key (did you mean picker?)");
    expect(e).toMatchObject({ file: "s.yaml", line: 14, col: 3, path: "protocol.pickr" });
  });

  it("name unknown top-level and group keys", () => {
    expect(scenarioError(`${MINIMAL}colour: blue\n`).message).toBe(
      "s.yaml:13:1: colour: unknown key",
    );
    expect(scenarioError(`${MINIMAL}    uplaod: 1Mbit/s\n`).message).toBe(
      "s.yaml:13:5: groups[1].uplaod: unknown key (did you mean upload?)",
    );
  });

  it("point a bad enum value at the value, suggesting the closest", () => {
    expect(scenarioError(`${MINIMAL}protocol:\n  picker: rarest\n`).message).toBe(
      "s.yaml:14:11: protocol.picker: expected one of rarest-first | random | sequential; got 'rarest' (did you mean rarest-first?)",
    );
    expect(scenarioError(`${MINIMAL}    behaviour: evil\n`).path).toBe("groups[1].behaviour");
  });

  it("report a bad unit with the unit parser's explanation", () => {
    const e = scenarioError(MINIMAL.replace("upload: 1Mbit/s", "upload: 3 parsecs"));
    expect(e.message).toMatch(
      /^s\.yaml:11:13: groups\[1\]\.upload: expected a rate like 512kbit\/s, .*; got '3 parsecs'/,
    );
    expect(scenarioError(`${MINIMAL}stop: { max_time: 0s }\n`).message).toBe(
      "s.yaml:13:19: stop.max_time: must be greater than 0; got '0s'",
    );
  });

  it("report wrong types and ranges", () => {
    expect(scenarioError(MINIMAL.replace("count: 10", "count: 2.5")).message).toBe(
      "s.yaml:10:12: groups[1].count: expected a whole number; got 2.5",
    );
    expect(scenarioError(`${MINIMAL}faults: { link_corruption: 1.5 }\n`).message).toBe(
      "s.yaml:13:28: faults.link_corruption: must be ≤ 1; got 1.5",
    );
    expect(scenarioError(MINIMAL.replace("seed: 7", "seed: seven")).message).toBe(
      "s.yaml:2:7: seed: expected a number; got 'seven'",
    );
    expect(scenarioError(`${MINIMAL}protocol: { pipeline_depth: 0 }\n`).path).toBe(
      "protocol.pipeline_depth",
    );
  });

  it("report errors inside arrival and seed_time forms", () => {
    expect(scenarioError(`${MINIMAL}    arrival: { pattern: flsh, over: 1s }\n`).message).toBe(
      "s.yaml:13:25: groups[1].arrival.pattern: expected one of flash | poisson | decay; got 'flsh' (did you mean flash?)",
    );
    expect(scenarioError(`${MINIMAL}    arrival: { pattern: flash }\n`).message).toBe(
      "s.yaml:13:14: groups[1].arrival.over: required key is missing",
    );
    expect(scenarioError(`${MINIMAL}    arrival: 5s\n`).message).toMatch(
      /^s\.yaml:13:14: groups\[1\]\.arrival: expected \{ at: 5s \}/,
    );
    expect(scenarioError(`${MINIMAL}    seed_time: { exponentail: 3s }\n`).path).toBe(
      "groups[1].seed_time.exponentail",
    );
    expect(scenarioError(`${MINIMAL}    seed_time: forever\n`).path).toBe("groups[1].seed_time");
  });

  it("name the bad key of a decay arrival", () => {
    const decay = (body: string) =>
      scenarioError(`${MINIMAL}    arrival: { pattern: decay, ${body} }\n`);
    expect(decay("half_life: 2min").message).toBe(
      "s.yaml:13:14: groups[1].arrival.initial_rate: required key is missing",
    );
    expect(decay("initial_rate: 3").path).toBe("groups[1].arrival.half_life");
    expect(decay("initial_rate: -1, half_life: 2min").message).toMatch(
      /^s\.yaml:13:46: groups\[1\]\.arrival\.initial_rate: /,
    );
    expect(decay("initial_rate: 1, half_life: 0s").message).toBe(
      "s.yaml:13:60: groups[1].arrival.half_life: must be greater than 0; got '0s'",
    );
    expect(decay("initial_rate: 1, half_life: 2min, untl: 1h").message).toBe(
      "s.yaml:13:66: groups[1].arrival.untl: unknown key (did you mean until?)",
    );
    expect(scenarioError(`${MINIMAL}    seed_time: { exponential: 1min, share: 1.5 }\n`).path).toBe(
      "groups[1].seed_time.share",
    );
  });

  it("report YAML syntax errors with their position", () => {
    expect(scenarioError("name: t\nseed: [1, 2\n").message).toMatch(/^s\.yaml:\d+:\d+: /);
    expect(scenarioError(`${MINIMAL}seed: 8\n`).message).toBe(
      "s.yaml:13:1: Map keys must be unique",
    );
  });

  it("say what is wrong with an empty or non-mapping file", () => {
    expect(scenarioError("").message).toBe(
      "s.yaml:1:1: expected a mapping; got null (an empty value)",
    );
    expect(scenarioError("- a\n- b\n").message).toBe("s.yaml:1:1: expected a mapping; got a list");
  });
});

describe("cross-field checks", () => {
  it.each([
    ["torrent:\n  size: 1MiB\n  piece_size: 2MiB", "torrent.piece_size", /exceeds torrent.size/],
    ["torrent:\n  size: 1MiB\n  block_size: 512KiB", "torrent.block_size", /exceeds piece_size/],
    ["torrent:\n  piece_size: 1MiB", "torrent.size", /required unless torrent.file/],
  ])("torrent %#", (torrent, path, problem) => {
    const e = scenarioError(MINIMAL.replace("torrent:\n  size: 1MiB", torrent));
    expect(e.path).toBe(path);
    expect(e.problem).toMatch(problem);
  });

  it("latency min ≤ max, min_interval ≤ interval", () => {
    const e = scenarioError(`${MINIMAL}network:\n  latency: { min: 200ms, max: 100ms }\n`);
    expect(e.message).toBe("s.yaml:14:19: network.latency.min: 0.2s exceeds max (0.1s)");
    expect(scenarioError(`${MINIMAL}tracker: { interval: 1min }\n`).path).toBe(
      "tracker.min_interval",
    );
  });

  it("needs at least one group, unique names and a seed", () => {
    expect(scenarioError(MINIMAL.replace(/groups:[\s\S]*/, "groups: []\n")).message).toBe(
      "s.yaml:5:9: groups: needs at least 1 item(s)",
    );
    expect(scenarioError(`${MINIMAL}  - name: crowd\n    class: dsl\n`).message).toBe(
      "s.yaml:13:11: groups[2].name: duplicate group name 'crowd' (also groups[1])",
    );
    const noSeed = scenarioError(MINIMAL.replace("start_as: seed", "start_as: leecher"));
    expect(noSeed).toMatchObject({ path: "groups", line: 6 });
    expect(
      scenarioError(MINIMAL.replace("start_as: seed", "start_as: seed\n    count: 0")).path,
    ).toBe("groups");
  });

  it("needs upload and download unless a class is given", () => {
    const e = scenarioError(MINIMAL.replace("    download: 8Mbit/s\n", ""));
    expect(e.path).toBe("groups[1].download");
    expect(e.problem).toMatch(/required unless the group has class: dsl \| cable/);
    expect(scenarioError(`${MINIMAL}    class: adsl\n`).problem).toMatch(/did you mean dsl\?/);
  });

  it("checks faults against groups and pieces", () => {
    const corrupt = (body: string) => scenarioError(`${MINIMAL}faults:\n  corrupt: ${body}\n`);
    expect(corrupt("{ group: crwd, fraction: 0.1 }").message).toBe(
      "s.yaml:14:21: faults.corrupt.group: no group named 'crwd' (groups: origin, crowd)",
    );
    expect(corrupt("{ group: crowd, fraction: 0.1, pieces: [0, 4] }").message).toBe(
      "s.yaml:14:55: faults.corrupt.pieces[1]: piece 4 does not exist (the torrent has 4 pieces, 0..3)",
    );
    expect(corrupt("{ group: crowd, fraction: 2 }").path).toBe("faults.corrupt.fraction");
    const outage = scenarioError(
      `${MINIMAL}faults:\n  tracker_outage: [{ from: 10min, to: 5min }]\n`,
    );
    expect(outage.path).toBe("faults.tracker_outage[0].to");
  });

  it("poisson and decay arrivals end after they start", () => {
    const e = scenarioError(
      `${MINIMAL}    arrival: { pattern: poisson, rate: 1, start: 1h, until: 30min }\n`,
    );
    expect(e.path).toBe("groups[1].arrival.until");
    const d = scenarioError(
      `${MINIMAL}    arrival: { pattern: decay, initial_rate: 1, half_life: 1min, start: 1h, until: 30min }\n`,
    );
    expect(d.message).toBe("s.yaml:13:84: groups[1].arrival.until: must be after start (3600s)");
  });
});
