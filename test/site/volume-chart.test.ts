import { describe, expect, it } from "vitest";
import {
  isoWeekKey,
  recentWeeks,
  volumeChart,
  weeklyCounts,
  weekOf,
  weeksSpanned,
} from "../../src/site/volume-chart.ts";

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeekKey("2024-03-23")).toBe("2024-W12");
    expect(isoWeekKey("2024-12-30")).toBe("2025-W01");
    expect(isoWeekKey("2021-01-03")).toBe("2020-W53");
  });

  it("gives a week's Monday and Sunday", () => {
    expect(weekOf("2024-03-23")).toEqual({ key: "2024-W12", monday: "2024-03-18", sunday: "2024-03-24" });
    expect(weekOf("2024-03-18").monday).toBe("2024-03-18");
  });

  it("lists the weeks up to a day's week, oldest first", () => {
    expect(recentWeeks("2024-04-09", 4).map((w) => w.key)).toEqual([
      "2024-W12",
      "2024-W13",
      "2024-W14",
      "2024-W15",
    ]);
    expect(recentWeeks("2025-01-02", 2).map((w) => w.key)).toEqual(["2024-W52", "2025-W01"]);
  });

  it("counts the weeks two days span, across a year's end", () => {
    expect(weeksSpanned("2024-03-11", "2024-04-09")).toBe(5);
    expect(weeksSpanned("2024-03-18", "2024-03-24")).toBe(1);
    expect(weeksSpanned("2024-12-30", "2025-01-06")).toBe(2);
    expect(weeksSpanned("2023-01-02", "2024-12-30")).toBe(105);
  });

  it("counts days per week, ignoring days outside the weeks", () => {
    const weeks = recentWeeks("2024-04-09", 3);
    expect(weeklyCounts(["2024-03-11", "2024-03-25", "2024-03-31", "2024-04-09"], weeks)).toEqual([2, 0, 1]);
  });
});

describe("volumeChart", () => {
  const weeks = recentWeeks("2024-04-09", 3);

  it("scales bars to the busiest week and lays them out left to right", () => {
    const chart = volumeChart(weeks, [2, 0, 1], "Kharkiv");
    expect(chart.width).toBe(28);
    expect(chart.height).toBe(32);
    expect(chart.bars).toEqual([
      { x: 0, y: 0, width: 8, height: 32, label: "2024-W13: 2 articles" },
      { x: 10, y: 32, width: 8, height: 0, label: "2024-W14: 0 articles" },
      { x: 20, y: 16, width: 8, height: 16, label: "2024-W15: 1 article" },
    ]);
  });

  it("never draws a week with articles as empty", () => {
    const chart = volumeChart(weeks, [1000, 1, 0], "Busy");
    expect(chart.bars.map((b) => b.height)).toEqual([32, 1, 0]);
  });

  it("names the chart and says what it shows in words", () => {
    const chart = volumeChart(weeks, [2, 0, 1], "Kharkiv");
    expect(chart.title).toBe("Kharkiv: articles per ISO week, 2024-W13 to 2024-W15");
    expect(chart.caption).toBe("Articles per week, 2024-W13 to 2024-W15");
    expect(chart.summary).toBe(
      "Articles per week from 2024-W13 to 2024-W15: 2024-W13: 2, 2024-W15: 1; no articles in the other weeks.",
    );
    const quiet = volumeChart(weeks, [0, 0, 0], "Quiet");
    expect(quiet.summary).toBe("No articles from 2024-W13 to 2024-W15.");
    // An empty row of bars says nothing to a reader who sees it: the caption says it in words.
    expect(quiet.caption).toBe("No articles in the weeks 2024-W13 to 2024-W15");
  });
});
