import { describe, expect, it } from "vitest";
import { dateInUrl, parseDateText, resolveDate } from "../../src/ingest/dates.ts";
import { extractHtml } from "../../src/ingest/html/extract.ts";

const day = (text: string) => parseDateText(text)?.iso.slice(0, 10);

describe("dates written in the languages of Europe", () => {
  it.each([
    ["mardi 14 janvier 2020", "2020-01-14"],
    ["Publié le 3 février 2021 à 10:15", "2021-02-03"],
    ["14. März 2020", "2020-03-14"],
    ["Stand: 1. Oktober 2023, 18:05 Uhr", "2023-10-01"],
    ["14 de enero de 2020", "2020-01-14"],
    ["22 de março de 2024", "2024-03-22"],
    ["7 settembre 2022", "2022-09-07"],
    ["12 maart 2024", "2024-03-12"],
    ["5 listopada 2021", "2021-11-05"],
    ["5 października 2021", "2021-10-05"],
    ["3 června 2020", "2020-06-03"],
    ["14 януари 2020", "2020-01-14"],
    ["22 марта 2024", "2024-03-22"],
    ["22 березня 2024 р.", "2024-03-22"],
    ["14 Μαρτίου 2020", "2020-03-14"],
    ["2 augusztus 2019", "2019-08-02"],
    ["March 22, 2024", "2024-03-22"],
  ])("%s → %s", (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it("does not read a month name that is only a word between numbers", () => {
    expect(day("14 people and 2020 votes")).toBeUndefined();
    expect(day("Mars 2020 rover landed")).toBeUndefined();
  });

  it("refuses an impossible day in any language", () => {
    expect(() => parseDateText("31 février 2021")).toThrow(/not a real date/);
  });
});

describe("the date in a URL", () => {
  it.each([
    ["https://www.franceinter.fr/emissions/le-journal/mardi-14-janvier-2020", "2020-01-14"],
    ["https://example.com/news/2024/03/22/kharkiv-call-up", "2024-03-22"],
    ["https://example.com/2024-03-22-kharkiv-call-up", "2024-03-22"],
    ["https://example.com/a/20240322/kharkiv", "2024-03-22"],
    ["https://example.com/world/march-22-2024-kharkiv", "2024-03-22"],
    ["https://example.ru/news/22-marta-2024-goda", "2024-03-22"],
    ["https://example.de/politik/wahl-am-14-maerz-2021", "2021-03-14"],
    ["https://example.es/noticias/14-de-enero-de-2020-elecciones", "2020-01-14"],
    ["https://example.pl/wybory-5-pazdziernika-2021", "2021-10-05"],
    ["https://example.com/article/2024032201", undefined],
    ["https://example.com/2024/13/45/not-a-day", undefined],
    ["https://example.com/story?date=2024-03-22", undefined],
    ["https://example.com/about-us", undefined],
    ["not a url", undefined],
  ])("%s → %s", (url, expected) => {
    expect(dateInUrl(url)?.value).toBe(expected);
    if (expected) expect(dateInUrl(url)?.source).toBe("url");
  });

  it("comes after metadata, feeds and the text when the article's date is resolved", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const url = dateInUrl("https://example.com/2020/01/14/x") ?? { value: "", source: "url" as const };
    expect(resolveDate(undefined, [url], now)).toMatchObject({
      date: "2020-01-14T00:00:00+00:00",
      date_source: "url",
    });
    expect(
      resolveDate(undefined, [{ value: "2020-01-13T08:00:00+01:00", source: "meta" }, url], now).date_source,
    ).toBe("meta");
  });
});

describe("an undated saved page", () => {
  const page = (body: string) =>
    `<!doctype html><html lang="fr"><head><title>Le journal de 8h</title></head><body><main><h1>Le journal de 8h</h1>${body}<p>${"Les auditeurs ont appelé la station toute la matinée pour parler des grèves et de la réforme des retraites. ".repeat(8)}</p></main></body></html>`;

  it("takes its day from the words in its URL", () => {
    const out = extractHtml(page(""), {
      url: "https://www.franceinter.fr/emissions/le-journal/mardi-14-janvier-2020",
    });
    expect(out.published).toMatchObject({ value: "2020-01-14T00:00:00+00:00", origin: "url" });
  });

  it("takes its day from a date shown on the page in its language, before the URL", () => {
    const out = extractHtml(page('<p class="date">Publié le 13 janvier 2020</p>'), {
      url: "https://www.franceinter.fr/emissions/le-journal/mardi-14-janvier-2020",
    });
    expect(out.published).toMatchObject({ value: "2020-01-13T00:00:00+00:00", origin: "page" });
  });
});
