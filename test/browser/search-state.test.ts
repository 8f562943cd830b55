import { describe, expect, it } from "vitest";
import {
  anyOf,
  isEmpty,
  isQueryEdit,
  normalise,
  readState,
  type SearchState,
  sameFilters,
  stateUrl,
} from "../../src/browser/search-state.ts";

const PAGE = "https://digest.example/search/";

describe("the search state in the URL", () => {
  it("reads words, every filter (with repeats and empty values dropped) and the sort", () => {
    expect(
      readState(
        "?q=Харків+mobilization&topic=Elections&topic=Elections&topic=&lang=ru&lang=uk&year=2024&sort=newest",
      ),
    ).toEqual({
      query: "Харків mobilization",
      filters: { topic: ["Elections"], language: ["ru", "uk"], year: ["2024"] },
      sort: "newest",
    });
  });

  it("takes relevance for a missing or unknown sort, and ignores unknown parameters", () => {
    expect(readState("?sort=oldest&colour=red")).toEqual({ query: "", filters: {}, sort: "relevance" });
    expect(readState("?sort=toString").sort).toBe("relevance");
  });

  it("writes a state back to the same URL, leaving out the default sort and the page's old query and hash", () => {
    const state: SearchState = {
      query: "snap election",
      filters: { place: ["Russia"], topic: ["Elections", "Mobilization"], language: ["uk"] },
      sort: "newest",
    };
    const url = stateUrl(state, `${PAGE}?q=old#results`);
    expect(url.href).toBe(
      `${PAGE}?q=snap+election&topic=Elections&topic=Mobilization&place=Russia&lang=uk&sort=newest`,
    );
    expect(readState(url.search)).toEqual(state);
    expect(stateUrl({ query: "", filters: {}, sort: "relevance" }, PAGE).href).toBe(PAGE);
  });

  it("round-trips words and values that need escaping", () => {
    const state: SearchState = {
      query: 'a&b=c #1 "Київ"',
      filters: { source: ["R&D / News?"] },
      sort: "relevance",
    };
    expect(readState(stateUrl(state, PAGE).search)).toEqual(state);
  });

  it("keeps only known filters with non-empty lists of strings", () => {
    expect(normalise({ topic: ["Elections", "", 3], place: [], part: ["2024"], year: "2024" })).toEqual({
      topic: ["Elections"],
    });
    expect(normalise(undefined)).toEqual({});
    expect(normalise("topic")).toEqual({});
  });

  it("tells an empty search, and a change of words alone from a change of filters or sort", () => {
    const base: SearchState = { query: "vote", filters: { topic: ["Elections"] }, sort: "relevance" };
    expect(isEmpty(base)).toBe(false);
    expect(isEmpty({ query: "", filters: {}, sort: "newest" })).toBe(true);
    expect(isQueryEdit(base, { ...base, query: "votes" })).toBe(true);
    expect(isQueryEdit(base, { ...base, sort: "newest" })).toBe(false);
    expect(isQueryEdit(base, { ...base, filters: { topic: ["Elections", "Mobilization"] } })).toBe(false);
    expect(sameFilters(base, { ...base, filters: { topic: ["Mobilization"] } })).toBe(false);
  });

  it("ORs the values of one filter (Pagefind ANDs an array) and drops empty filters", () => {
    expect(anyOf({ topic: ["Elections", "Mobilization"], place: [], language: ["ru"] })).toEqual({
      topic: { any: ["Elections", "Mobilization"] },
      language: { any: ["ru"] },
    });
    expect(anyOf(undefined)).toEqual({});
  });
});
