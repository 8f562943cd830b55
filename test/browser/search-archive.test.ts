import { describe, expect, it } from "vitest";
import type { SearchResult } from "../../src/browser/pagefind.ts";
import {
  allOf,
  orderedResults,
  otherWords,
  topicWords,
  unionCounts,
  unionResults,
  withoutPartFilter,
} from "../../src/browser/search-archive.ts";

const ALIASES = {
  topics: {
    Kharkiv: ["kharkiv", "kharkov", "харків", "харкові", "харьков"],
    Mobilization: ["mobilization", "mobilisation", "мобилизация", "мобілізація"],
    Elections: ["election", "elections", "выборы"],
  },
};

const result = (id: string, score = 1): SearchResult => ({
  id,
  score,
  data: async () => ({ url: `/${id}/` }),
});

describe("topic spellings in a query", () => {
  it("finds the words that start a topic's spelling, in any case, and what they spell", () => {
    expect(topicWords("Харко shelling, MOBILIZ", ALIASES)).toEqual([
      { word: "харко", topics: ["Kharkiv"] },
      { word: "mobiliz", topics: ["Mobilization"] },
    ]);
  });

  it("ignores words shorter than three letters, and has nothing without aliases or words", () => {
    expect(topicWords("el ха", ALIASES)).toEqual([]);
    expect(topicWords("kharkiv", undefined)).toEqual([]);
    expect(topicWords(null, ALIASES)).toEqual([]);
  });

  it("leaves the other words of the query, or null when only topic words were typed", () => {
    const spelled = topicWords("Kharkov metro, shelling", ALIASES);
    expect(otherWords("Kharkov metro, shelling", spelled)).toBe("metro, shelling");
    expect(otherWords("«Kharkov»", topicWords("«Kharkov»", ALIASES))).toBeNull();
  });
});

describe("unions of searches", () => {
  it("counts a union as a + b − both, per filter value", () => {
    expect(
      unionCounts(
        { topic: { Kharkiv: 3, Elections: 1 } },
        { topic: { Kharkiv: 5 }, language: { uk: 2 } },
        { topic: { Kharkiv: 2 }, language: { ru: 9 } },
      ),
    ).toEqual({ topic: { Kharkiv: 6, Elections: 1 }, language: { uk: 2 } });
    expect(unionCounts(undefined, undefined, undefined)).toEqual({});
  });

  it("lists a's results, then b's that a lacks", () => {
    expect(unionResults([result("1"), result("2")], [result("2"), result("3")]).map((r) => r.id)).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("keeps a date sort across parts: part after part, newest part first, each by its own positions", () => {
    const parts = [{ key: "2024" }, { key: "2023" }];
    const text = {
      response: { results: [] },
      byPart: new Map([
        ["2023", [result("c", 0.9)]],
        ["2024", [result("a", 0.5)]],
      ]),
    };
    const topic = {
      response: { results: [] },
      byPart: new Map([["2024", [result("b", 0.7), result("a", 0.5)]]]),
    };
    expect(orderedResults([text, topic], parts).map((r) => r.id)).toEqual(["b", "a", "c"]);
  });

  it("keeps relevance order (first search first) when not sorted", () => {
    const first = { response: { results: [result("x", 0.1), result("y", 0.2)] } };
    const second = { response: { results: [result("z", 0.9), result("x", 0.1)] } };
    expect(orderedResults([first, second], []).map((r) => r.id)).toEqual(["x", "y", "z"]);
  });
});

describe("filter conditions and counts", () => {
  it("adds a condition beside the reader's filters, or nests both when they name the same filter", () => {
    expect(allOf({ language: { any: ["uk"] } }, { part: "2024" })).toEqual({
      language: { any: ["uk"] },
      part: "2024",
    });
    expect(allOf({ topic: { any: ["Elections"] } }, { topic: { any: ["Kharkiv"] } })).toEqual({
      all: [{ topic: { any: ["Elections"] } }, { topic: { any: ["Kharkiv"] } }],
    });
    expect(allOf(undefined, { part: "2024" })).toEqual({ part: "2024" });
  });

  it("never shows the hidden part filter", () => {
    expect(withoutPartFilter({ part: { "2024": 3 }, topic: { Kharkiv: 1 } })).toEqual({
      topic: { Kharkiv: 1 },
    });
    expect(withoutPartFilter(undefined)).toBeUndefined();
  });
});
