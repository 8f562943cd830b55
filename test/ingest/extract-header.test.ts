import { describe, expect, it } from "vitest";
import { readCaptureHeader } from "../../src/ingest/extract.ts";

/** A capture's lines: what `readCaptureHeader` reads. */
const capture = (...lines: string[]) => lines;
const BODY = [
  "Kremlin Planning New Mobilization for Kharkiv Offensive",
  "",
  "Russia is planning to recruit 300,000 soldiers for a renewed offensive, the outlet reported.",
  "",
  "The Kremlin declined to comment.",
];

describe("readCaptureHeader: labelled lines anywhere", () => {
  it.each([
    ["Date: 2024-03-22", "2024-03-22"],
    ["Published: 22 March 2024 14:05", "22 March 2024 14:05"],
    ["Published on March 22, 2024", "March 22, 2024"],
    ["published at: 2024-03-22T14:05:00+03:00", "2024-03-22T14:05:00+03:00"],
    ["Дата публикации: 22 марта 2024", "22 марта 2024"],
    ["Опубліковано: 22 березня 2024, 10:15", "22 березня 2024, 10:15"],
    ["Date: 2026-02-30", "2026-02-30"],
  ])("reads %j as the date %j, and the line is not article text", (line, value) => {
    for (const lines of [
      capture(line, "", ...BODY),
      capture(...BODY, "", line),
      capture(...BODY.slice(0, 3), line, ...BODY.slice(3)),
    ]) {
      const header = readCaptureHeader(lines);
      expect(header.dates).toEqual([value]);
      expect([...header.consumed]).toEqual([lines.indexOf(line)]);
    }
  });

  it.each([
    [
      "URL: https://www.themoscowtimes.com/2024/03/22/kremlin-a84567",
      "https://www.themoscowtimes.com/2024/03/22/kremlin-a84567",
    ],
    ["Source: https://meduza.io/en/news/2024/03/22/x", "https://meduza.io/en/news/2024/03/22/x"],
    ["Link: <https://kyivindependent.com/x/>", "https://kyivindependent.com/x/"],
    ["Источник: https://meduza.io/news/2024/03/22/x", "https://meduza.io/news/2024/03/22/x"],
  ])("reads %j as the URL %j", (line, url) => {
    const lines = capture(...BODY.slice(0, 3), line, ...BODY.slice(3));
    const header = readCaptureHeader(lines);
    expect(header.url).toBe(url);
    expect([...header.consumed]).toEqual([3]);
  });

  it.each([
    "Source: Reuters",
    "Source: Reuters, https://reuters.com/x",
    "Date rape drugs were found in the flat on 22 March 2024, police said.",
    "Published in 2024, the report found that the city had lost half its population.",
    "Date: to be announced",
    "The report is at https://example.org/report and was published on 22 March 2024.",
  ])("leaves %j in the text", (line) => {
    const header = readCaptureHeader(capture(...BODY.slice(0, 3), line, ...BODY.slice(3)));
    expect(header).toEqual({ dates: [], consumed: new Set() });
  });

  it("takes the first labelled line of each kind and leaves later ones in the text", () => {
    const lines = capture(
      "Date: 2024-03-22",
      "URL: https://meduza.io/a",
      ...BODY,
      "Date: 2024-03-25",
      "Source: https://meduza.io/b",
    );
    const header = readCaptureHeader(lines);
    expect(header).toEqual({ url: "https://meduza.io/a", dates: ["2024-03-22"], consumed: new Set([0, 1]) });
  });
});

describe("readCaptureHeader: bare lines at the top and the bottom", () => {
  it("reads a bare URL and a bare date above the headline, as reader apps write them", () => {
    const lines = capture("https://meduza.io/en/feature/2024/03/22/x", "22 March 2024", "", ...BODY);
    expect(readCaptureHeader(lines)).toEqual({
      url: "https://meduza.io/en/feature/2024/03/22/x",
      dates: ["22 March 2024"],
      consumed: new Set([0, 1]),
    });
  });

  it("reads a bare URL on the last line, as a browser's copy of the page ends", () => {
    const lines = capture(...BODY, "", "https://meduza.io/en/feature/2024/03/22/x", "");
    expect(readCaptureHeader(lines)).toEqual({
      url: "https://meduza.io/en/feature/2024/03/22/x",
      dates: [],
      consumed: new Set([BODY.length + 1]),
    });
  });

  it("prefers a labelled URL to a bare one, and consumes both", () => {
    const lines = capture("https://meduza.io/short", ...BODY, "URL: https://meduza.io/long");
    const header = readCaptureHeader(lines);
    expect(header.url).toBe("https://meduza.io/long");
    expect(header.consumed).toEqual(new Set([0, BODY.length + 1]));
  });

  it("does not read a bare date at the bottom, nor a bare URL inside the text", () => {
    const lines = capture(...BODY.slice(0, 3), "https://meduza.io/x", ...BODY.slice(3), "", "22 March 2024");
    expect(readCaptureHeader(lines)).toEqual({ dates: [], consumed: new Set() });
  });

  it("stops at the headline: a date under it is the header's date line, read by extractCapture", () => {
    expect(readCaptureHeader(capture(BODY[0] ?? "", "22 March 2024", ...BODY.slice(1)))).toEqual({
      dates: [],
      consumed: new Set(),
    });
  });
});
