/**
 * Helpers for the self-contained HTML pages (compare.html, sweep.html): a
 * browser entry bundled once per process by esbuild into a minified IIFE (d3
 * included), and data embedded as JSON that cannot close its <script> early.
 */
import { buildSync } from "esbuild";

const bundles = new Map<string, string>();

/** The bundled viewer at `entryPath`, built on first use and cached. */
export function viewerBundle(entryPath: string): string {
  let code = bundles.get(entryPath);
  if (code === undefined) {
    const out = buildSync({
      entryPoints: [entryPath],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2020",
      minify: true,
      write: false,
      legalComments: "none",
      logLevel: "silent",
    });
    code = out.outputFiles[0].text;
    bundles.set(entryPath, code);
  }
  return code;
}

/** JSON safe inside <script>: no "</script>" or "<!--" can close it early. */
export function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, "\\u003c");
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
