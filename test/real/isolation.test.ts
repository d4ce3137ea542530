/** The loopback-only check of the real harness (scripts/real/isolation.ts). */
import { describe, expect, it } from "vitest";
import { interfaceNames, isolationProblem } from "../../scripts/real/isolation.ts";

// `ip -o link show` as printed on a host and inside `unshare --net`.
const HOST = [
  "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
  "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000\\    link/ether 02:fc:00:00:00:01 brd ff:ff:ff:ff:ff:ff",
  "5: veth3a@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default\\    link/ether 0a:58:0a:f4:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0",
].join("\n");
const NAMESPACE =
  "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";

describe("interfaceNames", () => {
  it("reads every interface, without the @peer suffix of veth pairs", () => {
    expect(interfaceNames(HOST)).toEqual(["lo", "eth0", "veth3a"]);
    expect(interfaceNames(NAMESPACE)).toEqual(["lo"]);
  });
});

describe("isolationProblem", () => {
  it("accepts lo alone", () => {
    expect(isolationProblem(interfaceNames(NAMESPACE))).toBeNull();
  });
  it("refuses when another interface is visible, naming it", () => {
    const p = isolationProblem(interfaceNames(HOST));
    expect(p).toMatch(/eth0, veth3a/);
    expect(p).toMatch(/refusing/);
  });
  it("refuses when there is no loopback", () => {
    expect(isolationProblem([])).toMatch(/no loopback/);
  });
});
