/**
 * The replay viewer in real headless Chromium (Debian's chromium, installed
 * by .ci/run): it opens from file:// with no console errors and no network,
 * the scrubber moves the swarm view and the curves' cursor, play advances
 * time, and hovering a peer shows its details. Screenshots go to results/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sim, tempDir } from "../helpers/cli.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

describe.skipIf(!existsSync(CHROMIUM))("replay.html in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const out = join(tempDir(), "small");
    expect(sim(["run", "scenarios/small.yaml", "--out", out, "--quiet"]).status).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${join(out, "replay.html")}`);
    // String predicates: functions would be serialised after vitest's transform.
    await page
      .waitForFunction("window.__replay !== undefined", undefined, { timeout: 10_000 })
      .catch((e) => {
        throw new Error(`viewer did not start: ${errors.join("; ")} (${e})`);
      });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const swarmPixels = () =>
    page.evaluate<string>('document.querySelector("[data-testid=swarm]").toDataURL()');
  const cursorX = () => page.getAttribute("[data-testid=curves-cursor]", "x1");

  it("opens from disk with no console errors and no network requests", () => {
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith("file:") || u.startsWith("data:"))).toBe(true);
  });

  it("moving the scrubber changes the swarm view and the curves' cursor", async () => {
    const before = await swarmPixels();
    const x0 = await cursorX();
    const max = Number(await page.getAttribute("[data-testid=scrubber]", "max"));
    await page.fill("[data-testid=scrubber]", String(Math.floor(max / 2)));
    await page.dispatchEvent("[data-testid=scrubber]", "input");
    expect(await swarmPixels()).not.toBe(before);
    expect(await cursorX()).not.toBe(x0);
    mkdirSync(join(ROOT, "results"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "results", "replay-small.png") });
  });

  it("play advances time", async () => {
    await page.evaluate("window.__replay.setFrame(0)");
    await page.click("[data-testid=play]");
    await page.waitForFunction("window.__replay.frame() > 2", undefined, { timeout: 5000 });
    await page.click("[data-testid=play]");
    expect(await page.evaluate<number>("window.__replay.frame()")).toBeGreaterThan(2);
  });

  it("stepping to the next event moves the timeline", async () => {
    await page.evaluate("window.__replay.setFrame(0)");
    await page.click("[data-testid=next-event]");
    expect(await page.textContent("[data-testid=event]")).toMatch(/peer \d+/);
  });

  it("hovering a peer shows its group, bandwidth, progress and bytes", async () => {
    const max = Number(await page.getAttribute("[data-testid=scrubber]", "max"));
    await page.evaluate(`window.__replay.setFrame(${Math.floor(max / 2)})`);
    const p = await page.evaluate<{ x: number; y: number }>(
      "window.__replay.peerScreenPosition(0)",
    );
    await page.mouse.move(p.x, p.y);
    const tip = page.locator("[data-testid=tooltip]");
    await tip.waitFor({ state: "visible" });
    const text = await tip.textContent();
    expect(text).toMatch(/peer 0/);
    expect(text).toMatch(/origin/);
    expect(text).toMatch(/Mbit\/s up/);
    expect(text).toMatch(/hash failures/);
  });
});

/**
 * The main job's replay: scenarios/flash-crowd.yaml with a quarter of the
 * crowd and 64 KiB requests (a few seconds instead of a minute; the frame
 * count depends only on the run's length, which is the full one's).
 */
describe.skipIf(!existsSync(CHROMIUM))("the flash crowd's replay in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const out = join(tempDir(), "flash-crowd");
    const quarter = [50, 100, 63, 37].flatMap((n, i) => ["--set", `groups.${i + 1}.count=${n}`]);
    const scaled = ["--set", "torrent.block_size=64KiB", ...quarter];
    const r = sim(["run", "scenarios/flash-crowd.yaml", ...scaled, "--out", out, "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`file://${join(out, "replay.html")}`);
    await page.waitForFunction("window.__replay !== undefined", undefined, { timeout: 10_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("has at least 200 frames, and the scrubber steps through them in time order", async () => {
    expect(errors).toEqual([]);
    const times = await page.evaluate<number[]>(
      'JSON.parse(document.getElementById("trace").textContent).frames.map((f) => f.timeS)',
    );
    expect(times.length).toBeGreaterThanOrEqual(200);
    const max = Number(await page.getAttribute("[data-testid=scrubber]", "max"));
    expect(max).toBe(times.length - 1);
    const seen: string[] = [];
    for (const f of [0, 37, Math.floor(max / 3), Math.floor(max / 2), max - 1, max]) {
      await page.fill("[data-testid=scrubber]", String(f));
      await page.dispatchEvent("[data-testid=scrubber]", "input");
      expect(await page.evaluate<number>("window.__replay.frame()")).toBe(f);
      seen.push((await page.textContent("[data-testid=time]")) ?? "");
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Neighbouring frames are close in time: the replay is fine enough to follow.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps)).toBeLessThan((times[times.length - 1] / times.length) * 2.5);
  });

  it("labels each time axis in one unit", async () => {
    const axes = await page.$$eval("[data-testid=time-axis]", (gs) =>
      gs.map((g) => Array.from(g.querySelectorAll(".tick text"), (t) => t.textContent ?? "")),
    );
    expect(axes.length).toBeGreaterThanOrEqual(4);
    for (const ticks of axes) for (const t of ticks) expect(t).toMatch(/^\d+(\.\d+)?$/);
    const labels = await page.$$eval("svg text", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(labels.filter((l) => /time \((s|min|h)\)$/.test(l)).length).toBe(axes.length);
  });

  it("names the origin's traffic and the rarest piece", async () => {
    await page.evaluate("window.__replay.setFrame(20)");
    const caption = await page.textContent("[data-testid=swarm-caption]");
    expect(caption).toMatch(/^rarest: piece \d+, \d+ cop(y|ies).*; origin [\d.]+ [kMG]bit\/s$/);
    mkdirSync(join(ROOT, "results"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "results", "replay-flash-crowd-test.png") });
  });
});
