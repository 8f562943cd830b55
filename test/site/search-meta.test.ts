import { describe, expect, it } from "vitest";
import { summaryAndBody, summaryInBody, summaryIsBody } from "../../src/site/search-meta.ts";
import { isSpaceCode } from "../../src/white-space.ts";

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

describe("summaryAndBody: both answers, without normalising most bodies", () => {
  it("agrees with normalising the whole body, around the 30 characters a body must add", () => {
    const summary = "The council adopted a budget.";
    // Bodies that add 0 to 60 characters, written with marks and spacing that normalising removes.
    for (let extra = 0; extra <= 60; extra++) {
      const added = "x".repeat(extra);
      for (const body of [
        `${summary} ${added}`,
        `**The council** adopted   a budget.\n\n${added}`,
        `${added} __The COUNCIL__ adopted a budget.`,
        `# ${summary}\n\n> ${"* ".repeat(extra)}`,
      ]) {
        const rest = body
          .toLowerCase()
          .replace(/[*_`#>[\]()!]/gu, " ")
          .replace(/\s+/gu, " ")
          .trim()
          .replace(summary.toLowerCase(), "")
          .trim();
        expect(summaryAndBody(summary, body), JSON.stringify(body)).toEqual({
          inBody: true,
          isBody: rest.length < 30,
        });
      }
    }
  });

  it("reads white space as regular expressions do, over every UTF-16 code unit", () => {
    for (let code = 0; code <= 0xffff; code++)
      if (isSpaceCode(code) !== /\s/u.test(String.fromCharCode(code)))
        throw new Error(`U+${code.toString(16)}`);
  });
});
