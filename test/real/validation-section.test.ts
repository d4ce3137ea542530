/**
 * VALIDATION.md's real-swarm section is kept, not dropped, when regenerated
 * on a machine that cannot run real clients (scripts/real/validation-section.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { previousSection, REAL_SECTION_TITLE } from "../../scripts/real/validation-section.ts";

const doc = [
  "# Validation",
  "",
  "## 3. Qualitative findings",
  "text",
  REAL_SECTION_TITLE,
  "",
  "_Kept from an earlier run: not regenerated this time (x)._",
  "| N | … |",
  "",
  "## 5. Something later",
  "more",
].join("\n");

describe("previousSection", () => {
  it("takes the section from its title to the next one, without an older 'kept' note", () => {
    expect(previousSection(doc)).toEqual([REAL_SECTION_TITLE, "", "| N | … |", ""]);
  });
  it("runs to the end when the section is last", () => {
    expect(previousSection(`# V\n${REAL_SECTION_TITLE}\n| a |`)).toEqual([
      REAL_SECTION_TITLE,
      "| a |",
    ]);
  });
  it("is null without a previous file or section", () => {
    expect(previousSection(null)).toBeNull();
    expect(previousSection("# V\n## 1. Other\n")).toBeNull();
  });
});

describe("the docs' real-swarm tables", () => {
  // scripts/validate.ts writes the same table into VALIDATION.md and the docs'
  // generated blocks; a table edited by hand in one place fails here.
  const table = (text: string) => text.split("\n").filter((l) => l.startsWith("| "));
  const section = previousSection(readFileSync("VALIDATION.md", "utf8")) ?? [];
  it.each(["docs/real-clients.md", "docs/profiles.md"])("%s shows VALIDATION.md's table", (doc) => {
    const text = readFileSync(doc, "utf8");
    const block = text.slice(
      text.indexOf("<!-- generated:real-swarm -->"),
      text.indexOf("<!-- /generated:real-swarm -->"),
    );
    expect(table(block).length).toBeGreaterThan(2);
    expect(table(block)).toEqual(table(section.join("\n")));
  });
});
