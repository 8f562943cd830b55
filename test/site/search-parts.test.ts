import { describe, expect, it } from "vitest";
import { searchParts } from "../../src/site/search-parts.ts";

const article = (day: string, n: number, time = "12:00:00Z") => ({
  url: `/a/${day}/${n}/`,
  date: `${day}T${time}`,
});
/** An article in a later month, so the months under test are not the newest (which goes by weeks). */
const later = article("2024-06-15", 0);

describe("searchParts: the search index cut by publication time", () => {
  it("makes one part per calendar month, newest first, each oldest first", () => {
    const parts = searchParts([
      article("2024-03-05", 1),
      article("2024-04-01", 2),
      article("2024-03-01", 3),
      later,
    ]);
    expect(parts.slice(1).map((p) => [p.key, p.from, p.to, p.articles.map((a) => a.url)])).toEqual([
      ["2024-04", "2024-04-01", "2024-04-30", ["/a/2024-04-01/2/"]],
      ["2024-03", "2024-03-01", "2024-03-31", ["/a/2024-03-01/3/", "/a/2024-03-05/1/"]],
    ]);
  });

  it("cuts the newest month into weeks, so a new article re-indexes its week only", () => {
    const parts = searchParts([
      article("2024-06-02", 1),
      article("2024-06-09", 2),
      article("2024-06-30", 3),
      later,
    ]);
    expect(parts.map((p) => [p.key, p.articles.length])).toEqual([
      ["2024-06-29-30", 1],
      ["2024-06-15-21", 1],
      ["2024-06-08-14", 1],
      ["2024-06-01-07", 1],
    ]);
    // Once a newer month begins, the weeks are one part again.
    expect(
      searchParts([article("2024-06-02", 1), article("2024-06-30", 3), article("2024-07-01", 4)]).map(
        (p) => p.key,
      ),
    ).toEqual(["2024-07-01-07", "2024-06"]);
  });

  it("files by the UTC instant, so parts never overlap in time", () => {
    // 00:30 in Kyiv on 1 April is still 31 March in UTC.
    const parts = searchParts([{ url: "/kyiv/", date: "2024-04-01T00:30:00+03:00" }, later]);
    expect(parts.map((p) => p.key)).toEqual(["2024-06-15-21", "2024-03"]);
  });

  it("halves a month's days until every part fits, and leaves other months alone", () => {
    const busy = Array.from({ length: 31 }, (_, d) =>
      Array.from({ length: 3 }, (_, n) => article(`2024-03-${String(d + 1).padStart(2, "0")}`, n)),
    ).flat();
    const parts = searchParts([...busy, article("2024-02-10", 1), later], 40);
    expect(parts.slice(1).map((p) => [p.key, p.articles.length])).toEqual([
      ["2024-03-25-31", 21],
      ["2024-03-17-24", 24],
      ["2024-03-09-16", 24],
      ["2024-03-01-08", 24],
      ["2024-02", 1],
    ]);
    expect(parts.flatMap((p) => p.articles)).toHaveLength(busy.length + 2);
  });

  it("keeps a single day whole, however many articles it has", () => {
    const day = Array.from({ length: 5 }, (_, n) => article("2024-03-10", n));
    expect(
      searchParts([...day, later], 2)
        .slice(1)
        .map((p) => [p.key, p.articles.length]),
    ).toEqual([["2024-03-10-10", 5]]);
  });
});
