import { describe, expect, it } from "vitest";
import { daysInMonth, isoDateProblem, isoWeek, localDay, parseIsoDate } from "../../src/content/dates.ts";

describe("isoDateProblem", () => {
  it("rejects 30 February instead of rolling over", () => {
    expect(isoDateProblem("2026-02-30T00:00:00+00:00")).toMatch(/day 30/);
    expect(() => parseIsoDate("2026-02-30T00:00:00Z")).toThrow(RangeError);
  });
  it("accepts 29 February in a leap year only", () => {
    expect(isoDateProblem("2024-02-29T12:00:00+03:00")).toBeUndefined();
    expect(isoDateProblem("2023-02-29T12:00:00+03:00")).toMatch(/28 days/);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
  it("requires an offset and accepts Z and ±hh:mm", () => {
    expect(isoDateProblem("2024-03-22T09:30:00")).toMatch(/offset/);
    expect(isoDateProblem("2024-03-22")).toMatch(/offset/);
    expect(isoDateProblem("2024-03-22T09:30:00Z")).toBeUndefined();
    expect(isoDateProblem("2024-03-22T09:30:00-05:00")).toBeUndefined();
    expect(isoDateProblem("2024-03-22T09:30+05:30")).toBeUndefined();
  });
  it("rejects offsets, months and times that do not exist", () => {
    expect(isoDateProblem("2024-03-22T09:30:00+15:00")).toMatch(/offset/);
    expect(isoDateProblem("2024-13-01T00:00:00Z")).toMatch(/month 13/);
    expect(isoDateProblem("2024-03-22T24:00:00Z")).toMatch(/time of day/);
  });
  it("parses an offset date to the right instant", () => {
    expect(parseIsoDate("2024-03-22T01:00:00+03:00").toISOString()).toBe("2024-03-21T22:00:00.000Z");
  });
});

describe("localDay and isoWeek", () => {
  it("keeps the article's own calendar day, whatever its offset", () => {
    expect(localDay("2024-03-22T01:00:00+03:00")).toBe("2024-03-22");
  });
  it("numbers ISO weeks across a year boundary", () => {
    expect(isoWeek("2024-03-22")).toEqual({ year: 2024, week: 12 });
    expect(isoWeek("2021-01-03")).toEqual({ year: 2020, week: 53 });
  });
});
