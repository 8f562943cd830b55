import { describe, expect, it } from "vitest";
import { parsePageDate } from "../../../src/ingest/html/dates.ts";
import { cleanByline, stripSiteName } from "../../../src/ingest/html/metadata.ts";

describe("parsePageDate", () => {
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
  ])("%s → %s", (input, iso, assumedUtc) => {
    expect(parsePageDate(input)).toEqual({ iso, assumedUtc });
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
  ])("refuses %s", (input) => {
    expect(parsePageDate(input)).toBeUndefined();
  });
});

describe("stripSiteName", () => {
  it.each([
    ["How to Build a Terrarium | eHow", "eHow", "How to Build a Terrarium"],
    ["Headline - The Example Times", "The Example Times", "Headline"],
    ["The Example Times: Headline", "The Example Times", "The Example Times: Headline"],
    ["Headline – Part 2 – Site", "Site", "Headline – Part 2"],
    ["Headline | Not the site", "Site", "Headline | Not the site"],
  ])("%s (site %s) → %s", (title, site, expected) => {
    expect(stripSiteName(title, site)).toBe(expected);
  });
});

describe("cleanByline", () => {
  it.each([
    ["By Jane Doe", "Jane Doe"],
    ["Written byAAA Travel Editor, SMT", "AAA Travel Editor, SMT"],
    ["Reyan PerumalPublished on July 18, 2025", "Reyan Perumal"],
    ["Dr. Vahid Osman - Mar 27, 2024", "Dr. Vahid Osman"],
    ["By: FlowGuard EMEA on 04-ago-2021 5:11:10", "FlowGuard EMEA"],
    ["EcoFlow- 2025/4/29", "EcoFlow"],
    ["肖春芳", "肖春芳"],
  ])("%s → %s", (raw, expected) => {
    expect(cleanByline(raw)).toBe(expected);
  });
  it.each(["By", "https://www.facebook.com/someone", "—", "The Author"])("refuses %s", (raw) => {
    expect(cleanByline(raw)).toBeUndefined();
  });
});
