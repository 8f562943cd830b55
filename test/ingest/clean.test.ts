import { describe, expect, it } from "vitest";
import { loadSources, type SourceRules } from "../../src/content/registry.ts";
import { cleanLines } from "../../src/ingest/clean.ts";

const moscowTimes = loadSources().find((s) => s.id === "moscow-times") as SourceRules;
const kept = (lines: string[], source?: SourceRules) =>
  cleanLines(lines, source)
    .kept.map((l) => l.text)
    .filter((t) => t !== "");

describe("per-outlet rules", () => {
  it("drops exact lines and patterns, with the reason", () => {
    const result = cleanLines(
      [
        "Support us",
        "Since May 1, 2025, we have disabled all ads to improve your reading experience.",
        "",
        "Text.",
      ],
      moscowTimes,
    );
    expect(result.kept.map((l) => l.text).filter(Boolean)).toEqual(["Text."]);
    expect(result.discarded.map((d) => [d.line, d.reason])).toEqual([
      [1, "moscow-times: boilerplate line"],
      [2, expect.stringMatching(/^moscow-times: boilerplate pattern/)],
    ]);
  });
  it("drops an end marker and everything after it, counting each line", () => {
    const result = cleanLines(
      ["Body.", "", "… we have a small favor to ask. Please.", "More appeal.", "", "Read more"],
      moscowTimes,
    );
    expect(result.kept.map((l) => l.text).filter(Boolean)).toEqual(["Body."]);
    expect(result.discarded).toHaveLength(3);
    expect(result.discarded[2]?.reason).toMatch(/end marker .*\(line 3\)$/);
  });
});

describe("generic layer (outlet without rules)", () => {
  it.each([
    "Support us",
    "Donate",
    "Subscribe now",
    "Enjoying ad-free content?",
    "Remind me later.",
    "Read more",
    "Share this article",
    "Not ready to support today?",
    "Поддержите нас",
    "Підтримайте нас",
    "Читайте также:",
  ])("drops %s", (line) => {
    expect(kept(["Article text.", "", line, "", "More text."])).toEqual(["Article text.", "More text."]);
  });
  it("drops appeal sentences only inside an appeal block", () => {
    const appeal = "Your support, no matter how small, makes a difference.";
    expect(kept([appeal, "Support us", "", "Body."])).toEqual(["Body."]);
    expect(kept(["“We need your help,” the mayor said.", "", "Body."])).toEqual([
      "“We need your help,” the mayor said.",
      "Body.",
    ]);
  });
  it("drops the footer from a small-favor appeal on", () => {
    expect(kept(["Body.", "", "... we have a small favor to ask.", "Anything."])).toEqual(["Body."]);
  });
  it("keeps body lines exact apart from trailing whitespace", () => {
    expect(cleanLines(["  Indented text.\u00a0 "], undefined).kept[0]?.text).toBe("  Indented text.");
  });
});
