import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROOT, sim, tempDir } from "../helpers/cli.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping sweep.html browser test: ${CHROMIUM} not found`);

describe.skipIf(!hasChromium)("sweep.html in headless Chromium", () => {
  it("opens from disk, fetches nothing, draws a line and a CI band per series, and switches x", async () => {
    const base = tempDir();
    const file = join(base, "sweep.yaml");
    writeFileSync(
      file,
      `base: ${join(ROOT, "scenarios/small.yaml")}\nvary:\n  protocol.picker: [rarest-first, random]\n  groups.1.count: [2, 4, 8]\nseeds: 2\n`,
    );
    const out = join(base, "out");
    const r = sim(["sweep", file, "--out", out, "--jobs", "2", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (q) => requests.push(q.url()));
      page.on("pageerror", (e) => errors.push(e.message));
      const url = pathToFileURL(join(out, "sweep.html")).href;
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
      expect(errors).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);
      // Default x: the numeric key (groups.1.count); one series per picker.
      expect(await page.locator("#chart .x-axis + .y-axis").count()).toBe(1);
      expect(await page.locator("#chart g.series").count()).toBe(2);
      expect(await page.locator("#chart path.mean-line").count()).toBe(2);
      expect(await page.locator("#chart path.ci-band").count()).toBe(2);
      expect(await page.locator("#chart circle.mean-point").count()).toBe(6);
      expect(await page.locator("#chart g.series").first().getAttribute("data-series")).toBe(
        "protocol.picker=rarest-first",
      );
      const band = await page.locator("#chart path.ci-band").first().getAttribute("d");
      expect(band?.length ?? 0).toBeGreaterThan(20);
      expect(await page.locator("#table tbody tr").count()).toBe(2);
      expect(await page.locator("#table tbody tr").first().textContent()).toContain("±");
      // x = the picker: one series per DSL group size, two points each.
      await page.selectOption("#x-select", "0");
      expect(await page.locator("#chart g.series").count()).toBe(3);
      expect(await page.locator("#chart circle.mean-point").count()).toBe(6);
      await page.selectOption("#metric-select", "swarm.upload_utilization");
      expect(await page.locator("#chart g.series").count()).toBe(3);
    } finally {
      await browser.close();
    }
  });
});
