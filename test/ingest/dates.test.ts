import { describe, expect, it } from "vitest";
import {
  DateTextError,
  FUTURE_TOLERANCE_MS,
  parseDateText,
  parsePageDate,
  resolveDate,
} from "../../src/ingest/dates.ts";

describe("parseDateText", () => {
  it.each([
    ["22 марта 2024", "2024-03-22T00:00:00+00:00"],
    ["22 марта 2024 г., 10:15", "2024-03-22T10:15:00+00:00"],
    ["22 березня 2024", "2024-03-22T00:00:00+00:00"],
    ["22 березня 2024 р. о 10:15", "2024-03-22T10:15:00+00:00"],
    ["March 22, 2024", "2024-03-22T00:00:00+00:00"],
    ["Mar. 22, 2024 10:15 pm UTC", "2024-03-22T22:15:00+00:00"],
    ["22.03.2024", "2024-03-22T00:00:00+00:00"],
    ["22.03.2024 10:15 MSK", "2024-03-22T10:15:00+03:00"],
    ["22 марта 2024, 10:15 МСК", "2024-03-22T10:15:00+03:00"],
    ["Friday, 22 March 2024, 10:15 +03:00", "2024-03-22T10:15:00+03:00"],
    ["Fri, 22 Mar 2024 10:15:00 +0300", "2024-03-22T10:15:00+03:00"],
    ["Sat, 23 Mar 2024 08:00:00 GMT", "2024-03-23T08:00:00+00:00"],
    ["2024-03-22T10:15:00+03:00", "2024-03-22T10:15:00+03:00"],
    ["2024-03-22T07:15:00Z", "2024-03-22T07:15:00+00:00"],
  ])("%s → %s", (text, iso) => {
    expect(parseDateText(text)?.iso).toBe(iso);
  });

  it("says whether a zone was explicit", () => {
    expect(parseDateText("22.03.2024 10:15")?.hasZone).toBe(false);
    expect(parseDateText("22.03.2024 10:15 UTC")?.hasZone).toBe(true);
  });

  it.each(["2026-02-30", "30 февраля 2026", "31.04.2024", "February 30, 2026", "22.03.2024 25:00"])(
    "refuses the impossible date %s instead of rolling it over",
    (text) => {
      expect(() => parseDateText(text)).toThrow(DateTextError);
    },
  );

  it("finds no date in text without one", () => {
    expect(parseDateText("Updated with comments from sources")).toBeUndefined();
    expect(parseDateText("22 people 2024")).toBeUndefined();
  });
});

describe("resolveDate", () => {
  const now = new Date("2024-03-22T12:00:00Z");
  it("prefers --date, then candidates in order", () => {
    expect(resolveDate("2024-03-01", [{ value: "2024-03-22", source: "meta" }], now)).toMatchObject({
      date: "2024-03-01T00:00:00+00:00",
      date_source: "cli",
    });
    expect(
      resolveDate(
        undefined,
        [
          { value: "2024-03-22T10:15:00+03:00", source: "meta" },
          { value: "21 March 2024", source: "text" },
        ],
        now,
      ),
    ).toMatchObject({ date: "2024-03-22T10:15:00+03:00", date_source: "meta", warnings: [] });
  });

  it("refuses a future date with a warning and falls back to the next source", () => {
    const future = new Date(now.getTime() + FUTURE_TOLERANCE_MS + 60_000)
      .toISOString()
      .replace(/\.\d+Z$/, "Z");
    const result = resolveDate(
      undefined,
      [
        { value: future, source: "meta" },
        { value: "21 марта 2024", source: "text" },
      ],
      now,
    );
    expect(result).toMatchObject({ date: "2024-03-21T00:00:00+00:00", date_source: "text" });
    expect(result.warnings.join()).toMatch(/meta date refused: .* is in the future/);
  });

  it("refuses an impossible date with a warning", () => {
    const result = resolveDate(undefined, [{ value: "2024-02-30", source: "feed" }], now);
    expect(result.date_source).toBe("ingested");
    expect(result.warnings[0]).toMatch(/feed date refused: .*2024-02-30/);
  });

  it("dates by ingest time, flagged, when nothing gives a date", () => {
    const result = resolveDate(undefined, [], now);
    expect(result).toMatchObject({ date: "2024-03-22T12:00:00+00:00", date_source: "ingested" });
    expect(result.warnings[0]).toMatch(/dated by ingest time/);
  });
});

describe("parsePageDate: a metadata value that must be one date", () => {
  it.each([
    ["2024-03-22T09:30:00+03:00", "2024-03-22T09:30:00+03:00", false],
    ["2024-03-22T09:30:00.123Z", "2024-03-22T09:30:00+00:00", false],
    ["2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00", false],
    ["2024-03-22", "2024-03-22T00:00:00+00:00", true],
    ["2017-11-03 03:01:00.000000", "2017-11-03T03:01:00+00:00", true],
    ["Fri, 22 Mar 2024 09:30:00 GMT", "2024-03-22T09:30:00+00:00", false],
    ["March 22, 2024 at 6:01 pm EDT", "2024-03-22T18:01:00-04:00", false],
    ["22 March 2024", "2024-03-22T00:00:00+00:00", true],
    ["20240322T093000Z", "2024-03-22T09:30:00+00:00", false],
    ["Friday, March 22nd, 2024", "2024-03-22T00:00:00+00:00", true],
    ["2024/3/22 09:30", "2024-03-22T09:30:00+00:00", true],
    ["2024-03-22T09:30:00+03", "2024-03-22T09:30:00+03:00", false],
    // the languages parseDateText reads, which metadata uses too
    ["22 марта 2024 г., 10:15 МСК", "2024-03-22T10:15:00+03:00", false],
    ["14. März 2020", "2020-03-14T00:00:00+00:00", true],
  ])("%s → %s", (input, iso, assumedUtc) => {
    expect(parsePageDate(input)).toMatchObject({ iso, hasZone: !assumedUtc });
  });

  it.each([
    "2026-02-30",
    "2026-02-30T10:00:00+03:00",
    "2024-13-01",
    "2024-03-22T25:00:00Z",
    "February 30, 2026",
    "yesterday",
    "0001-01-01",
    "2024-03-22T09:30:00 XYZT",
    // a value that holds more than a date is not a date value
    "Published: 22 March 2024",
    "22 March 2024, updated 23 March 2024",
    "Copyright 2024-03-22 Example Ltd",
  ])("refuses %s", (input) => {
    expect(parsePageDate(input)).toBeUndefined();
  });
});
