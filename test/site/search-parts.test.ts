import { describe, expect, it } from "vitest";
import { searchParts } from "../../src/site/search-parts.ts";

const article = (day: string, n: number, time = "12:00:00Z") => ({
  url: `/a/${day}/${n}/`,
  date: `${day}T${time}`,
});
/** An article in a later month, so the months under test are not the newest (which goes by weeks). */
const later = article("2025-06-15", 0);
const keys = (parts: { key: string; articles: unknown[] }[]) => parts.map((p) => [p.key, p.articles.length]);
const days = (month: string, perDay: number) =>
  Array.from({ length: 28 }, (_, d) =>
    Array.from({ length: perDay }, (_, n) => article(`${month}-${String(d + 1).padStart(2, "0")}`, n)),
  ).flat();

describe("searchParts: the search index cut by publication time", () => {
  it("puts each year before the newest month in one part, newest first, each oldest first", () => {
    const parts = searchParts([
      article("2024-03-05", 1),
      article("2023-04-01", 2),
      article("2024-03-01", 3),
      later,
    ]);
    expect(parts.map((p) => [p.key, p.from, p.to, p.articles.map((a) => a.url)])).toEqual([
      ["2025-06-15_2025-06-21", "2025-06-15", "2025-06-21", [later.url]],
      ["2024", "2024-01-01", "2024-12-31", ["/a/2024-03-01/3/", "/a/2024-03-05/1/"]],
      ["2023", "2023-01-01", "2023-12-31", ["/a/2023-04-01/2/"]],
    ]);
  });

  it("cuts the newest month into weeks, so a new article re-indexes its week only", () => {
    const parts = searchParts([
      article("2025-06-02", 1),
      article("2025-06-09", 2),
      article("2025-06-30", 3),
      later,
    ]);
    expect(keys(parts)).toEqual([
      ["2025-06-29_2025-06-30", 1],
      ["2025-06-15_2025-06-21", 1],
      ["2025-06-08_2025-06-14", 1],
      ["2025-06-01_2025-06-07", 1],
    ]);
    // Once a newer month begins, June joins its year, whose part covers the year up to that month.
    const next = searchParts([article("2025-06-02", 1), article("2025-06-30", 3), article("2025-07-01", 4)]);
    expect(next.map((p) => [p.key, p.from, p.to])).toEqual([
      ["2025-07-01_2025-07-07", "2025-07-01", "2025-07-07"],
      ["2025", "2025-01-01", "2025-06-30"],
    ]);
  });

  it("files by the UTC instant, so parts never overlap in time", () => {
    // 00:30 in Kyiv on 1 January is still 31 December in UTC.
    const parts = searchParts([{ url: "/kyiv/", date: "2025-01-01T00:30:00+03:00" }, later]);
    expect(parts.map((p) => p.key)).toEqual(["2025-06-15_2025-06-21", "2024"]);
  });

  it("halves a busy year's months, then a busy month's days, until every part fits, and leaves other years alone", () => {
    const busy = [...days("2024-02", 1), ...days("2024-05", 1), ...days("2024-11", 3)];
    const parts = searchParts([...busy, article("2023-07-10", 1), later], 40);
    expect(keys(parts.slice(1))).toEqual([
      // November's 84 articles (days 1–28): halved by days, and the first half again.
      ["2024-11-16_2024-11-30", 39],
      ["2024-11-09_2024-11-15", 21],
      ["2024-11-01_2024-11-08", 24],
      // January–June (56) is halved into quarters; each fits.
      ["2024-04_2024-06", 28],
      ["2024-01_2024-03", 28],
      ["2023", 1],
    ]);
    expect(parts.flatMap((p) => p.articles)).toHaveLength(busy.length + 2);
  });

  it("names a part that is one whole month by the month, and keeps a single day whole however full", () => {
    const march10 = Array.from({ length: 5 }, (_, n) => article("2024-03-10", n));
    expect(keys(searchParts([...days("2024-02", 1), ...march10, later], 30).slice(1))).toEqual([
      ["2024-03", 5],
      ["2024-01_2024-02", 28],
    ]);
    expect(keys(searchParts([...march10, later], 2).slice(1))).toEqual([["2024-03-10", 5]]);
  });

  it("is empty for no articles", () => {
    expect(searchParts([])).toEqual([]);
  });
});
