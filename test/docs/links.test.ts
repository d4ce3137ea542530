/**
 * The README is the front door and docs/ holds the depth: every relative
 * link and #anchor in README.md, docs/*.md and results/README.md must lead
 * somewhere, the README must stay short enough to read to the end, and no
 * placeholder may be left in the prose.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, linksOf, prose, slug } from "./markdown.ts";

const ROOT = join(import.meta.dirname, "../..");
const README_MAX_BYTES = 15_000;

const PAGES = [
  "README.md",
  "results/README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Problems with the links of `page` (a path relative to `root`), as `page:line: message`. */
function brokenLinks(root: string, page: string): string[] {
  const file = join(root, page);
  const problems: string[] = [];
  for (const { target, line } of linksOf(readFileSync(file, "utf8"))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check
    const hash = target.indexOf("#");
    const path = hash >= 0 ? target.slice(0, hash) : target;
    const anchor = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : "";
    const dest = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = `${page}:${line}: ${target}`;
    if (!existsSync(dest)) {
      problems.push(`${where}: no such file ${relative(root, dest)}`);
      continue;
    }
    if (anchor === "") continue;
    if (statSync(dest).isDirectory() || !dest.endsWith(".md")) {
      problems.push(`${where}: an anchor needs a Markdown page`);
    } else if (!anchorsOf(readFileSync(dest, "utf8")).has(anchor)) {
      problems.push(`${where}: no heading with anchor #${anchor} in ${relative(root, dest)}`);
    }
  }
  return problems;
}

/**
 * Fill-in-later tokens (`FLASH10K_AFTER`, TODO, TBD, …) left in prose. Real
 * identifiers in capitals (`NOT_INTERESTED`, `UPDATE_GOLDEN`) belong in code
 * spans, where they are not flagged.
 */
function placeholders(md: string): string[] {
  return [...prose(md).matchAll(/\b(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|TODO|TBD|FIXME|XXX)\b/g)].map(
    (m) => m[0],
  );
}

describe("the link checker", () => {
  it("turns headings into GitHub's anchors", () => {
    expect(slug("Discovery: tracker | dht | both")).toBe("discovery-tracker--dht--both");
    expect(slug("Comparing variants: sim compare")).toBe("comparing-variants-sim-compare");
    expect(slug("`sim run`, step by step (in 10,000 words)")).toBe(
      "sim-run-step-by-step-in-10000-words",
    );
    expect([...anchorsOf("# A\n## A\n```\n# not a heading\n```\n### B ###\n")]).toEqual([
      "a",
      "a-1",
      "b",
    ]);
  });

  it("finds links and images outside code and comments", () => {
    const md = [
      "See [one](a.md#x) and ![img](pic.png).",
      "`[not](code.md)`",
      "```",
      "[not](fenced.md)",
      "```",
      "<!-- [not](commented.md) -->",
      "[two](https://example.org) [three](#local)",
    ].join("\n");
    expect(linksOf(md)).toEqual([
      { target: "a.md#x", line: 1 },
      { target: "pic.png", line: 1 },
      { target: "https://example.org", line: 7 },
      { target: "#local", line: 7 },
    ]);
  });

  it("reports a missing file and a missing anchor, and accepts good ones", () => {
    const problems = brokenLinks(ROOT, "test/docs/fixtures/page.md");
    expect(problems).toEqual([
      "test/docs/fixtures/page.md:5: missing.md: no such file test/docs/fixtures/missing.md",
      "test/docs/fixtures/page.md:6: other.md#nowhere: no heading with anchor #nowhere in test/docs/fixtures/other.md",
      "test/docs/fixtures/page.md:7: #not-here: no heading with anchor #not-here in test/docs/fixtures/page.md",
    ]);
  });

  it("spots placeholders in prose but not in code", () => {
    expect(placeholders("| `flash-10k` | FLASH10K_AFTER |\nTODO: measure")).toEqual([
      "FLASH10K_AFTER",
      "TODO",
    ]);
    expect(placeholders("Run `UPDATE_GOLDEN=1 npx vitest`.")).toEqual([]);
  });
});

describe("the docs", () => {
  it("have pages to check", () => {
    expect(PAGES).toContain("docs/architecture.md");
    expect(PAGES.length).toBeGreaterThan(5);
  });

  it.each(PAGES)("%s: every relative link and anchor resolves", (page) => {
    expect(brokenLinks(ROOT, page)).toEqual([]);
  });

  it.each(PAGES)("%s: no placeholder left in the prose", (page) => {
    expect(placeholders(readFileSync(join(ROOT, page), "utf8"))).toEqual([]);
  });

  it(`README.md is at most ${README_MAX_BYTES} bytes`, () => {
    expect(statSync(join(ROOT, "README.md")).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it("every page under docs/ is reachable from README.md", () => {
    const linked = new Set(
      linksOf(readFileSync(join(ROOT, "README.md"), "utf8")).map((l) => l.target.split("#")[0]),
    );
    const unlinked = PAGES.filter((p) => p.startsWith("docs/") && !linked.has(p));
    expect(unlinked).toEqual([]);
  });
});
