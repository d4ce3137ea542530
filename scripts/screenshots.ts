/**
 * Screenshots of replay.html pages in headless Chromium (playwright-core and
 * Debian's /usr/bin/chromium), for the docs: never pasted by hand.
 *
 *   npx tsx scripts/screenshots.ts REPLAY.html OUT.png [--time SECONDS]
 *
 * Opens the page from disk, moves the timeline to the last frame at or before
 * `--time` (default: the middle frame) and captures the page.
 * scripts/flash-crowd-docs.ts calls `screenshotReplays` for docs/flash-crowd.md.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

export interface ReplayShot {
  readonly html: string;
  readonly png: string;
  /** Simulated second to show; the middle frame when omitted. */
  readonly timeS?: number;
}

export async function screenshotReplays(shots: readonly ReplayShot[]): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: cannot take screenshots`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 980 } });
      await page.goto(pathToFileURL(resolve(shot.html)).href);
      await page.waitForFunction("window.__replay !== undefined", undefined, { timeout: 20_000 });
      const frame = await page.evaluate<number, number | null>((t) => {
        const el = document.getElementById("trace");
        const frames = JSON.parse(el?.textContent ?? "{}").frames as { timeS: number }[];
        if (t === null) return Math.floor(frames.length / 2);
        let i = 0;
        while (i + 1 < frames.length && frames[i + 1].timeS <= t) i++;
        return i;
      }, shot.timeS ?? null);
      await page.evaluate(`window.__replay.setFrame(${frame})`);
      await page.screenshot({ path: shot.png });
      await page.close();
      console.log(`${shot.png}: frame ${frame} of ${shot.html}`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [html, png] = process.argv.slice(2);
  const i = process.argv.indexOf("--time");
  if (!html || !png) {
    console.error("usage: npx tsx scripts/screenshots.ts REPLAY.html OUT.png [--time SECONDS]");
    process.exit(2);
  }
  const timeS = i >= 0 ? Number(process.argv[i + 1]) : undefined;
  await screenshotReplays([{ html, png, timeS }]);
}
