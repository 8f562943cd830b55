import { describe, expect, it } from "vitest";
import { extractCapture, paragraphsOf, splitCaption } from "../../src/ingest/extract.ts";

const lines = (texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

describe("splitCaption", () => {
  it.each([
    [
      "Mobilized servicemen in Donetsk. Ivan Noyabrev / TASS",
      "Mobilized servicemen in Donetsk.",
      "Ivan Noyabrev / TASS",
    ],
    ["Putin at a rally. Maxim Shemetov / Reuters", "Putin at a rally.", "Maxim Shemetov / Reuters"],
    ["Kharkiv after the strike. kremlin.ru", undefined, undefined],
  ])("%s", (text, caption, credit) => {
    const split = splitCaption(text);
    expect(split?.caption).toBe(caption);
    expect(split?.credit).toBe(credit);
  });
});

describe("extractCapture", () => {
  it("finds title, caption, update note, date line and body", () => {
    const result = extractCapture(
      paragraphsOf(
        lines([
          "A Headline",
          "",
          "March 22, 2024",
          "",
          "A photo. Jane Doe / AP",
          "",
          "Updated with comments.",
          "",
          "First paragraph.",
          "",
          "Second paragraph.",
        ]),
      ),
    );
    expect(result).toEqual({
      title: "A Headline",
      dateLine: "March 22, 2024",
      imageCaption: "A photo.",
      imageCredit: "Jane Doe / AP",
      updateNote: "Updated with comments.",
      body: [
        { line: 9, text: "First paragraph." },
        { line: 11, text: "Second paragraph." },
      ],
    });
  });
  it("ends a paragraph where a removed line left a gap", () => {
    expect(
      paragraphsOf([
        { line: 1, text: "a" },
        { line: 3, text: "b" },
      ]).map((p) => p.text),
    ).toEqual(["a", "b"]);
  });
  it("refuses a capture whose first paragraph is prose, not a headline", () => {
    expect(extractCapture(paragraphsOf(lines(["x ".repeat(200)])))).toBeUndefined();
  });
});

describe("date lines in Russian and Ukrainian captures", () => {
  it.each([
    "22 марта 2024 г., 10:15 MSK",
    "22 березня 2024, 10:15",
    "March 22, 2024 at 10:15 UTC",
    "22.03.2024 10:15 +03:00",
  ])("reads %s as the header's date line", (line) => {
    const result = extractCapture([
      { line: 1, text: "Headline" },
      { line: 3, text: line },
      { line: 5, text: "Body paragraph." },
    ]);
    expect(result?.dateLine).toBe(line);
    expect(result?.body.map((p) => p.text)).toEqual(["Body paragraph."]);
  });
});
