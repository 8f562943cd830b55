import { describe, expect, it } from "vitest";
import { loadTopics } from "../../src/content/registry.ts";
import { compileTopics, findHits, snippetAround, tagArticle, tokenize } from "../../src/ingest/tag.ts";

const matchers = compileTopics(loadTopics());
const matcher = (id: string) => {
  const found = matchers.find((m) => m.id === id);
  if (!found) throw new Error(`no topic ${id}`);
  return found;
};
const forms = (text: string, id: string) => findHits(text, "body", matcher(id)).map((h) => h.form);
const tag = (title: string, body = "", summary = "") => tagArticle({ title, summary, body }, matchers);

describe("tokenize", () => {
  it("finds Cyrillic words, where JavaScript's \\b sees no boundary", () => {
    expect(/\bХарків\b/.test("у Харків.")).toBe(false); // the bug this tokenizer avoids
    expect(tokenize("у Харків, «Харкова»!").map((t) => t.word)).toEqual(["у", "харків", "харкова"]);
  });
  it("keeps apostrophes and hyphens inside words and unifies ’ to '", () => {
    expect(tokenize("Kharkiv’s call-up 2.0").map((t) => t.word)).toEqual(["kharkiv's", "call-up", "2", "0"]);
  });
});

describe("term matching", () => {
  it.each([
    ["Харків", "kharkiv"],
    ["Харкова", "kharkiv"],
    ["Харкові", "kharkiv"],
    ["Харківщина", "kharkiv"],
    ["Харьков", "kharkiv"],
    ["Харькове", "kharkiv"],
    ["Kharkov", "kharkiv"],
    ["Kharkiv", "kharkiv"],
    ["мобилизация", "mobilization"],
    ["мобилизации", "mobilization"],
    ["мобілізація", "mobilization"],
    ["Mobilization", "mobilization"],
    ["выборы", "elections"],
    ["выборов", "elections"],
    ["вибори", "elections"],
    ["election", "elections"],
  ])("%s is evidence for %s", (word, topic) => {
    expect(forms(`До ${word}, сказал он.`, topic)).toEqual([word.toLowerCase()]);
  });
  it("matches whole tokens, never substrings", () => {
    expect(forms("immobilization and demobilization", "mobilization")).toEqual([]);
    expect(forms("Kharkivites and subkharkiv", "kharkiv")).toEqual([]);
    expect(forms("selection and reelection", "elections")).toEqual([]);
    expect(forms("выборочно", "elections")).toEqual([]);
  });
  it("matches multi-word phrases and stems inside them", () => {
    expect(
      forms("He got draft notices and went to the military enlistment offices.", "mobilization"),
    ).toEqual(["draft notices", "military enlistment offices"]);
  });
});

describe("exclusions", () => {
  it.each([
    ["Parties mobilize voters before the vote", "mobilization"],
    ["A resource mobilization plan", "mobilization"],
    ["Shops on Kharkiv Street", "kharkiv"],
    ["Мобилизация избирателей началась", "mobilization"],
  ])("%s gives no evidence for %s", (title, topic) => {
    expect(forms(title, topic)).toEqual([]);
    expect(tag(title).topics).not.toContain(topic);
  });
  it("removes only the words they cover", () => {
    expect(forms("Resource mobilization is not the mobilization of reservists", "mobilization")).toEqual([
      "mobilization",
      "reservists",
    ]);
  });
});

describe("tagArticle", () => {
  it("weighs title 3, summary 2, body 1 against each topic's threshold", () => {
    expect(tag("Mobilization").evidence.mobilization?.score).toBe(3);
    expect(tag("News", "", "A mobilization").topics).not.toContain("mobilization"); // 2 < 3
    expect(tag("News", "mobilization", "A mobilization").evidence.mobilization?.score).toBe(3);
    expect(tag("News", "Kharkiv", "").topics).toEqual([]); // 1 < 2
  });
  it("explains each tag with counted terms and a snippet around the strongest match", () => {
    const result = tag("Kharkiv under fire", "Shelling hit Kharkiv again. Харкова residents fled Kharkiv.");
    expect(result.topics).toEqual(["kharkiv"]);
    expect(result.evidence.kharkiv).toEqual({
      score: 6,
      terms: [
        { term: "kharkiv", count: 3 },
        { term: "харкова", count: 1 },
      ],
      snippet: "Kharkiv under fire",
    });
  });
  it("is deterministic", () => {
    const text = "Мобилизация в Харькове и выборы в Харькове: Kharkiv mobilization";
    expect(tag(text, text)).toEqual(tag(text, text));
  });
  it("cuts snippets at spaces and marks the cut", () => {
    const text = `${"word ".repeat(30)}Kharkiv${" word".repeat(30)}`;
    const start = text.indexOf("Kharkiv");
    const snippet = snippetAround(text, start, start + 7);
    expect(snippet).toMatch(/^…word .* word…$/);
    expect(snippet).toContain("Kharkiv");
  });
});
