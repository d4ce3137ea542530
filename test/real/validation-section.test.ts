/**
 * VALIDATION.md's real-swarm section is kept, not dropped, when regenerated
 * on a machine that cannot run real clients (scripts/real/validation-section.ts).
 */
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
