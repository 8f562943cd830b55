import { describe, expect, it } from "vitest";
import {
  findCitedOutlets,
  findQuotes,
  MAX_SUMMARY_LENGTH,
  speakerFrom,
  summarize,
} from "../../src/ingest/enrich.ts";

describe("summarize", () => {
  it("uses a short lead as it is", () => {
    expect(summarize(["A short lead.", "Second."])).toBe("A short lead.");
  });
  it("skips a heading the body opens with, takes a short one when nothing else reads as prose", () => {
    expect(summarize(["Kia PV5", "This is another immensely impressive entry from a brand."])).toBe(
      "This is another immensely impressive entry from a brand.",
    );
    expect(summarize(["Kia PV5", "Read the full review"])).toBe("Kia PV5");
  });
  it("cuts a long lead at a sentence boundary", () => {
    const first = `${"Word ".repeat(40).trim()}.`;
    const second = `${"More ".repeat(40).trim()}.`;
    const summary = summarize([`${first} ${second}`]);
    expect(summary).toBe(first);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });
  it("cuts a single overlong sentence at a word, with an ellipsis", () => {
    const summary = summarize(["word ".repeat(100)]);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(summary.endsWith("word…")).toBe(true);
  });
});

describe("findQuotes", () => {
  it("names the speaker the sentence names, and omits pronouns", () => {
    expect(
      findQuotes([
        "“It was harsh the last time, so now it is creeping,” political scientist Ilya Grashchenkov told the outlet.",
        "“Therefore, this demand is being pushed aside,” they added.",
        "“We are short of many soldiers now,” one Kremlin source was quoted as saying.",
        "“Kharkiv is next on the plan,” the source said.",
      ]),
    ).toEqual([
      { text: "It was harsh the last time, so now it is creeping", speaker: "Ilya Grashchenkov" },
      { text: "Therefore, this demand is being pushed aside" },
      { text: "We are short of many soldiers now", speaker: "a Kremlin source" },
      { text: "Kharkiv is next on the plan", speaker: "the source" },
    ]);
  });
  it("finds a speaker before the quote", () => {
    expect(findQuotes(["Putin said: “We will consider a buffer zone there.”"])).toEqual([
      { text: "We will consider a buffer zone there.", speaker: "Putin" },
    ]);
  });
  it("skips scare quotes", () => {
    expect(findQuotes(["a “partial” mobilization and a “buffer zone”"])).toEqual([]);
  });
  it("leaves a long clause out rather than guess", () => {
    expect(speakerFrom("a man who was standing near the entrance of the building")).toBeUndefined();
  });
});

describe("findCitedOutlets", () => {
  it("finds the title suffix and outlet phrases, not the article's own outlet", () => {
    expect(
      findCitedOutlets(
        "Kremlin Planning New Mobilization – Vyorstka",
        [
          "the investigative news outlet Vyorstka reported Friday",
          "as Meduza reported, the newspaper Kommersant wrote",
          "later told The Moscow Times",
          "according to the news agency The Moscow Times",
        ],
        "The Moscow Times",
      ),
    ).toEqual(["Vyorstka", "Meduza", "Kommersant"]);
  });
  it("finds nothing in a plain title", () => {
    expect(findCitedOutlets("Kharkiv under fire", ["No outlet here."], "X")).toEqual([]);
  });
});
