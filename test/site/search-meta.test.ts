import { describe, expect, it } from "vitest";
import { summaryInBody, summaryIsBody } from "../../src/site/search-meta.ts";

describe("summaryIsBody: a body that says no more than its summary", () => {
  it.each([
    ["The council adopted a budget.", "The council adopted a budget."],
    ["The council adopted a budget.", "**The council** adopted a budget.\n\nMore soon."],
    ["Lead of the story.", "lead  of the STORY."],
  ])("%s / %s: the text is shown once", (summary, body) => {
    expect(summaryIsBody(summary, body)).toBe(true);
  });
  it.each([
    [
      "The council adopted a budget.",
      "The council adopted a budget. It spends more on schools than last year.",
    ],
    ["A summary written apart.", "A body that says something else entirely."],
  ])("%s / %s: the summary is shown", (summary, body) => {
    expect(summaryIsBody(summary, body)).toBe(false);
  });
  it("is stricter than summaryInBody, which only asks whether the body repeats the summary", () => {
    const body = "The council adopted a budget. It spends more on schools than last year.";
    expect(summaryInBody("The council adopted a budget.", body)).toBe(true);
    expect(summaryIsBody("The council adopted a budget.", body)).toBe(false);
  });
});
