import { describe, expect, it } from "vitest";
import { bodyText } from "../../scripts/eval/body-text.ts";
import { countSnippets, flattenSnippetText } from "../../scripts/eval/snippets.ts";

/**
 * The snippet metric of `npm run eval:extraction` (WCXB): the text it reads from an extraction's
 * markdown (scripts/eval/body-text.ts) and how it flattens both sides before the substring test
 * (scripts/eval/snippets.ts).
 */

describe("bodyText: an extraction's markdown as the text the snippets are looked for in", () => {
  it("keeps list markers, one line per block; links are their text; emphasis and escapes are gone", () => {
    const md = [
      "# Procedures and Services",
      "",
      "- Screening Exams",
      "- [Cleanings](https://example.org/c)",
      "",
      "1. Automation Anywhere \\- 9.1",
      "2. **Groq** \\- 5.9",
      "",
      "Call *us* at \\*330\\*.",
      "",
      "```",
      "const a = 1;",
      "```",
    ].join("\n");
    expect(bodyText(md).split("\n")).toEqual([
      "Procedures and Services",
      "- Screening Exams",
      "- Cleanings",
      "1. Automation Anywhere - 9.1",
      "2. Groq - 5.9",
      "Call us at *330*.",
      "const a = 1;",
    ]);
  });

  it("numbers an ordered list from its start", () => {
    expect(bodyText("3. Third\n4. Fourth")).toBe("3. Third\n4. Fourth");
  });
});

describe("flattenSnippetText and countSnippets", () => {
  it("drops the space WCXB's ground truth puts before punctuation and inside brackets", () => {
    expect(flattenSnippetText("replacement for XMLHttpRequest : unlike get() , post() ( sorry )")).toBe(
      "replacement for XMLHttpRequest: unlike get(), post() (sorry)",
    );
  });

  it("counts a snippet across list items found in the body text, and a must-not one found as a false positive", () => {
    const text = bodyText(
      "Services\n\n- Screening Exams\n- Cleanings\n\n[Add to cart](https://shop.example/c)",
    );
    expect(
      countSnippets(text, ["- Screening Exams\n- Cleanings", "X-rays"], ["Add to cart", "Sort by"]),
    ).toEqual({
      tp: 1,
      fp: 1,
      fn: 1,
      tn: 1,
    });
  });
});
