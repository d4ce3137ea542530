/**
 * Just enough Markdown for checking the docs: the links of a page and the
 * anchors its headings get, as GitHub renders them. Code (fenced blocks and
 * inline spans) and HTML comments are neither links nor headings.
 */

/** The page with fenced code blocks and HTML comments blanked out (newlines kept, so lines hold). */
export function withoutCodeBlocks(md: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  return md
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, blank);
}

/** Inline code spans blanked out too: what is left is prose. */
export function prose(md: string): string {
  return withoutCodeBlocks(md).replace(/(`+)[^`\n]*?\1/g, (s) => " ".repeat(s.length));
}

export interface Link {
  readonly target: string;
  readonly line: number;
}

/** `[text](target)` and `![alt](target)`, with their 1-based line. */
export function linksOf(md: string): Link[] {
  const text = prose(md);
  const out: Link[] = [];
  const re = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split("\n").length;
    out.push({ target: m[1], line });
  }
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor the page's headings define; a repeated heading gets -1, -2, … as on GitHub. */
export function anchorsOf(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutCodeBlocks(md).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}
