import { describe, expect, it } from "vitest";
import {
  decodeEntities,
  excerptSegments,
  highlightedUrl,
  resultCard,
  resultDateLabel,
} from "../../src/browser/search-results.ts";
import { dayLabel, languageLabel } from "../../src/site/labels.ts";

const ORIGIN = "https://digest.example";

describe("a search result's excerpt", () => {
  it("splits Pagefind's excerpt into text and marked words", () => {
    expect(excerptSegments("New <mark>mobilization</mark> for <mark>Kharkiv</mark> offensive")).toEqual([
      { text: "New ", marked: false },
      { text: "mobilization", marked: true },
      { text: " for ", marked: false },
      { text: "Kharkiv", marked: true },
      { text: " offensive", marked: false },
    ]);
  });

  it("keeps escaped markup in article text as text, and drops any tag but <mark>", () => {
    const segments = excerptSegments(
      'say &lt;script&gt;alert(1)&lt;/script&gt; <b onclick="x()">bold</b> <mark>&lt;img src=x onerror=alert(1)&gt;</mark>',
    );
    expect(segments).toEqual([
      { text: "say <script>alert(1)</script> bold ", marked: false },
      { text: "<img src=x onerror=alert(1)>", marked: true },
    ]);
  });

  it("keeps two adjacent marked words apart, and an unclosed mark marks the rest", () => {
    expect(excerptSegments("<mark>a</mark><mark>b</mark> c <mark>d")).toEqual([
      { text: "a", marked: true },
      { text: "b", marked: true },
      { text: " c ", marked: false },
      { text: "d", marked: true },
    ]);
  });

  it("decodes numeric and common named references, and leaves unknown or invalid ones as written", () => {
    expect(decodeEntities("&amp;&quot;&#39;&#x27;&apos;&nbsp;&#x41E;&#1050;")).toBe("&\"'''\u00a0ОК");
    expect(decodeEntities("&copy2; &bogus; &#0; &#xD800; &#x110000;")).toBe(
      "&copy2; &bogus; &#0; &#xD800; &#x110000;",
    );
  });
});

describe("a search result's link", () => {
  it("asks the browser to highlight up to three distinct marked words, escaping hyphens", () => {
    expect(
      highlightedUrl(
        "/articles/a/?pagefind-highlight=x",
        "<mark>Kharkiv</mark>, <mark>Kharkiv</mark>. <mark>call-up</mark> <mark>Харків»</mark> <mark>fourth</mark>",
        ORIGIN,
      ),
    ).toBe(`/articles/a/#:~:text=Kharkiv&text=call%2Dup&text=${encodeURIComponent("Харків")}`);
  });

  it("links to the page alone when nothing is marked", () => {
    expect(highlightedUrl("/articles/a/", "plain text", ORIGIN)).toBe("/articles/a/");
  });
});

describe("a search result's card", () => {
  it("shows source, date, language, topics and places with the site's own labels", () => {
    const card = resultCard(
      {
        url: "/articles/2024/03/23/a/",
        excerpt: "the <mark>draft</mark> law",
        meta: { title: "Draft law passes", date: "2024-03-23T10:00:00Z" },
        filters: {
          source: ["Meduza"],
          language: ["ru"],
          topic: ["Mobilization"],
          place: ["Russia", "Ukraine"],
        },
      },
      ORIGIN,
    );
    expect(card).toEqual({
      title: "Draft law passes",
      href: "/articles/2024/03/23/a/#:~:text=draft",
      source: "Meduza",
      date: { value: "2024-03-23T10:00:00Z", label: dayLabel("2024-03-23") },
      languages: [languageLabel("ru")],
      facets: ["Topics: Mobilization", "Places: Russia, Ukraine"],
      excerpt: [
        { text: "the ", marked: false },
        { text: "draft", marked: true },
        { text: " law", marked: false },
      ],
    });
    expect(card.date?.label).toBe("23 March 2024");
    expect(card.languages).toEqual(["Russian"]);
  });

  it("falls back to the URL for a title and leaves out what the page lacks", () => {
    expect(resultCard({ url: "/articles/x/" }, ORIGIN)).toMatchObject({
      title: "/articles/x/",
      source: undefined,
      date: undefined,
      languages: [],
      facets: [],
      excerpt: [],
    });
  });

  it("shows a date it cannot read as written, and an unknown language as its code", () => {
    expect(resultDateLabel("2024-13-45")).toBe("2024-13-45");
    expect(resultDateLabel("yesterday")).toBe("yesterday");
    expect(resultCard({ url: "/a/", filters: { language: ["zz-invalid-tag-$"] } }, ORIGIN).languages).toEqual(
      ["zz-invalid-tag-$"],
    );
  });
});
