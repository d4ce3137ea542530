import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sim, tempDir } from "../helpers/cli.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping compare.html browser test: ${CHROMIUM} not found`);

describe.skipIf(!hasChromium)("compare.html in headless Chromium", () => {
  it("opens from disk, fetches nothing and draws the CDFs and the swarm curves", async () => {
    const out = join(tempDir(), "cmp");
    const r = sim([
      "compare",
      "scenarios/small.yaml",
      "--vary",
      "protocol.picker=rarest-first,random",
      "--seeds",
      "2",
      "--out",
      out,
      "--quiet",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (q) => requests.push(q.url()));
      page.on("pageerror", (e) => errors.push(e.message));
      const url = pathToFileURL(join(out, "compare.html")).href;
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
      expect(errors).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);
      expect(await page.locator("#cdf path.cdf-line").count()).toBe(2);
      expect(await page.locator("#leechers path.curve-line").count()).toBe(4);
      expect(await page.locator("#seeds path.curve-line").count()).toBe(4);
      expect(await page.locator("table.compare-table tbody tr").count()).toBe(2);
      // The page's cells are the terminal table's: wasted bytes in MiB (compare.json has bytes).
      const cells = await page.$$eval("table.compare-table tbody tr", (trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")),
      );
      const headers = await page.$$eval("table.compare-table th", (ths) =>
        ths.map((th) => th.textContent),
      );
      const col = headers.indexOf("wasted (MiB)");
      expect(col).toBeGreaterThan(0);
      const json = JSON.parse(readFileSync(join(out, "compare.json"), "utf8"));
      json.variants.forEach((v: { metrics: Record<string, { mean: number }> }, i: number) => {
        const mib = (v.metrics.wasted_bytes.mean / 2 ** 20).toFixed(2);
        expect(cells[i][col].startsWith(`${mib} ± `)).toBe(true);
      });
      const d = await page.locator("#cdf path.cdf-line").first().getAttribute("d");
      expect(d?.length ?? 0).toBeGreaterThan(50);
    } finally {
      await browser.close();
    }
  });
});
