import { describe, expect, it } from "vitest";
import type { SearchResult } from "../../src/browser/pagefind.ts";
import {
  allOf,
  fellBack,
  lessCounts,
  orderedResults,
  otherWords,
  spacedWords,
  topicFirst,
  topicWords,
  unionCounts,
  unionResults,
  withoutPartFilter,
  withoutParts,
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

  it("puts a topic's pages first by relevance: those with the typed spelling, its others, then the rest", () => {
    const text = [result("mobile"), result("typed-1"), result("typed-2")];
    const topic = [result("other"), result("typed-2"), result("typed-1")];
    expect(topicFirst(text, topic).map((r) => r.id)).toEqual(["typed-1", "typed-2", "other", "mobile"]);
    expect(topicFirst([], topic).map((r) => r.id)).toEqual(["other", "typed-2", "typed-1"]);
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

describe("Pagefind's prefix fallback", () => {
  it("is a part whose best excerpt marks a short prefix of a query word and no form of it", () => {
    expect(fellBack("Officials said so, <mark>M.</mark> Dupont said.", "mobilization")).toBe(true);
    expect(fellBack("<mark>Ar</mark> rebours, a novel", "ark")).toBe(true);
    // Both words asked, one found, the other fallen back to "m": the part lacks the second.
    expect(fellBack("<mark>Kharkiv</mark> shelled, <mark>M.</mark> Dupont", "Kharkiv mobilization")).toBe(
      true,
    );
  });

  it("is not a form of the word: another spelling, a stem's other ending, a shorter word of the same stem", () => {
    expect(fellBack("The <mark>mobilisation</mark> went on", "mobilization")).toBe(false);
    expect(fellBack("Men were <mark>mobilized</mark>", "mobilization")).toBe(false);
    expect(fellBack("A morning <mark>run</mark>", "running")).toBe(false);
    expect(fellBack("<mark>Харькова</mark> жители", "Харькове")).toBe(false);
    expect(fellBack("Her <mark>Résumé</mark>", "resume")).toBe(false);
  });

  it("needs a stray mark: an excerpt may show no match of a word the page has elsewhere", () => {
    expect(fellBack("<mark>Kharkiv</mark> was shelled", "Kharkiv mobilization")).toBe(false);
    expect(fellBack("No marks at all", "mobilization")).toBe(false);
  });

  it("is a two-letter word fallen back to one letter too, and never a word of a script without spaces", () => {
    expect(fellBack("<mark>E</mark> numbers", "EU")).toBe(true);
    expect(fellBack("<mark>of</mark> course", "of")).toBe(false);
    expect(spacedWords("东京 election-fraud «Харків» 2024")).toEqual(["election", "fraud", "харків", "2024"]);
    expect(fellBack("<mark>东</mark>", "东京")).toBe(false);
  });

  it("takes a part's results and counts out of a response", () => {
    const response = {
      results: [result("a"), result("b"), result("c")],
      filters: { topic: { Kharkiv: 3 }, part: { "2024": 1, "2023": 2 } },
      totalFilters: { topic: { Kharkiv: 9 } },
    };
    const part2023 = {
      results: [result("b"), result("c")],
      filters: { topic: { Kharkiv: 2 }, part: { "2023": 2 } },
    };
    expect(withoutParts(response, [part2023])).toEqual({
      results: [response.results[0]],
      filters: { topic: { Kharkiv: 1 }, part: { "2024": 1, "2023": 0 } },
      totalFilters: { topic: { Kharkiv: 9 } },
    });
    expect(lessCounts({ topic: { A: 2 } }, { topic: { A: 1, B: 1 } }, undefined)).toEqual({
      topic: { A: 1 },
    });
  });
});
