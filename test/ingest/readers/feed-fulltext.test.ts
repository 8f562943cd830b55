import { describe, expect, it } from "vitest";
import { FULL_TEXT_MIN_CHARS, feedReader } from "../../../src/ingest/readers/feed.ts";
import type { ReadItem } from "../../../src/ingest/readers/types.ts";
import { growthOverFourfold } from "../../helpers/cpu-time.ts";

/**
 * Issue 13: full text in whichever element a feed carries it (content:encoded, Atom content,
 * JSON Feed content_html/content_text, yandex:full-text, turbo:content, a long description), the
 * longest one preferred; the summary of a summary-only item handed on for a brief.
 */

const read = (name: string, xml: string) =>
  feedReader.read({ input: name, bytes: new TextEncoder().encode(xml) });

function documentOf(item: ReadItem | undefined) {
  if (item?.kind !== "document") throw new Error(`expected a document, got ${JSON.stringify(item)}`);
  return item.document;
}
function followOf(item: ReadItem | undefined) {
  if (item?.kind !== "follow") throw new Error(`expected a follow item, got ${JSON.stringify(item)}`);
  return item;
}

/** Russian news prose, as Yandex.News feeds carry it: plain text, one paragraph a line. */
const RU_PARAGRAPHS = [
  "Власти Харьковской области сообщили в пятницу о новых обстрелах пригородов, в результате которых пострадали жилые дома и объекты инфраструктуры.",
  "По словам главы областной администрации, спасатели работали на месте всю ночь; пострадавшим оказана помощь, эвакуация жителей продолжается.",
  "Эксперты отмечают, что интенсивность обстрелов выросла с начала марта, а ремонт энергосетей & водопровода займёт не меньше < двух недель >.",
  "Местные власти призвали жителей не возвращаться в повреждённые дома до окончания проверки и следить за официальными сообщениями.",
];
const RU_TEXT = RU_PARAGRAPHS.join("\n");

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An RSS 2.0 feed with the Yandex.News and Turbo namespaces, one item per entry. */
function yandexFeed(items: string[], prefix = "yandex"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:${prefix}="http://news.yandex.ru" xmlns:turbo="http://turbo.yandex.ru" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Новости Харькова</title><link>https://news.example.ru/</link><description>Лента</description><language>ru</language>
${items.join("\n")}
</channel>
</rss>`;
}

describe("full text from every element a feed carries it in", () => {
  it("reads yandex:full-text (plain text, one paragraph a line) as text paragraphs, escaped, not HTML", () => {
    const items = read(
      "ya.rss",
      yandexFeed([
        `<item><title>Обстрелы Харькова</title><link>https://news.example.ru/1</link><pubDate>Fri, 22 Mar 2024 10:15:00 +0300</pubDate>
<description>Короткий анонс.</description>
<yandex:genre>message</yandex:genre>
<yandex:full-text>${escapeXml(RU_TEXT)}</yandex:full-text></item>`,
      ]),
    );
    const doc = documentOf(items[0]);
    expect(doc.title).toBe("Обстрелы Харькова");
    expect(doc.paragraphs).toEqual(RU_PARAGRAPHS);
    expect(doc.markdown).toContain("энергосетей \\& водопровода займёт не меньше \\< двух недель \\>.");
    expect(doc.markdown).not.toMatch(/&amp;|&lt;|<\/?p>/);
    expect(doc.language).toBe("ru");
    expect(doc.url).toBe("https://news.example.ru/1");
  });

  it("reads yandex:full-text under any prefix bound to http://news.yandex.ru, in CDATA, and with HTML when it has tags", () => {
    const html = RU_PARAGRAPHS.map((p) => `<p>${escapeXml(p)}</p>`).join("");
    const items = read(
      "ya-prefix.rss",
      yandexFeed(
        [
          `<item><title>Первая</title><link>https://news.example.ru/1</link><ya:full-text><![CDATA[${html}]]></ya:full-text></item>`,
          `<item><title>Вторая</title><link>https://news.example.ru/2</link><ya:full-text>${escapeXml(RU_TEXT)}</ya:full-text></item>`,
        ],
        "ya",
      ),
    );
    expect(documentOf(items[0]).paragraphs).toEqual(RU_PARAGRAPHS);
    expect(documentOf(items[1]).paragraphs).toEqual(RU_PARAGRAPHS);
    expect(documentOf(items[1]).title).toBe("Вторая");
  });

  it("reads turbo:content (HTML in CDATA), without the Turbo header's repeated headline", () => {
    const turbo = `<header><h1>Обстрелы Харькова</h1><figure><img src="https://news.example.ru/a.jpg"/></figure></header>${RU_PARAGRAPHS.map((p) => `<p>${escapeXml(p)}</p>`).join("\n")}`;
    const items = read(
      "turbo.rss",
      yandexFeed([
        `<item turbo="true"><title>Обстрелы Харькова</title><link>https://news.example.ru/t</link><turbo:content><![CDATA[${turbo}]]></turbo:content></item>`,
      ]),
    );
    const doc = documentOf(items[0]);
    expect(doc.paragraphs).toEqual(RU_PARAGRAPHS);
  });

  it("prefers the longest full text among the elements, item by item (items without it, and <item> in CDATA, keep the order)", () => {
    const shortHtml = `<p>${"Короткая версия текста, но всё же длиннее порога для полного текста. ".repeat(8)}</p>`;
    expect(shortHtml.length).toBeGreaterThan(FULL_TEXT_MIN_CHARS);
    const items = read(
      "longest.rss",
      yandexFeed([
        `<item><title>Без текста</title><link>https://news.example.ru/0</link><description><![CDATA[Анонс с <item> внутри]]></description></item>`,
        `<!-- <item><title>comment</title><yandex:full-text>нет</yandex:full-text></item> -->`,
        `<item><title>Длинная</title><link>https://news.example.ru/1</link><content:encoded><![CDATA[${shortHtml}]]></content:encoded><yandex:full-text>${escapeXml(RU_TEXT)}\n${escapeXml(RU_TEXT)}</yandex:full-text></item>`,
      ]),
    );
    expect(items.map((i) => i.kind)).toEqual(["follow", "document"]);
    const doc = documentOf(items[1]);
    expect(doc.title).toBe("Длинная");
    expect(doc.paragraphs).toEqual([...RU_PARAGRAPHS, ...RU_PARAGRAPHS]);
  });

  it("reads Atom content of type text and JSON Feed content_text as text paragraphs", () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id><updated>2024-05-01T09:00:00Z</updated>
<entry><title>Text entry</title><link href="https://a.example/1"/><id>urn:e</id><updated>2024-05-01T09:00:00Z</updated><content type="text">${escapeXml(RU_PARAGRAPHS.join("\n\n"))}</content></entry></feed>`;
    expect(documentOf(read("text.atom", atom)[0]).paragraphs).toEqual(RU_PARAGRAPHS);
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "J",
      items: [
        {
          id: "1",
          url: "https://j.example/1",
          title: "JSON text",
          content_html: "<p>Short HTML.</p>",
          content_text: RU_PARAGRAPHS.join("\n\n"),
        },
      ],
    });
    expect(documentOf(read("text.json", json)[0]).paragraphs).toEqual(RU_PARAGRAPHS);
  });

  it("does not take media:description (a caption or a video's description) for the article", () => {
    const items = read(
      "media.rss",
      yandexFeed([
        `<item><title>Видео</title><link>https://news.example.ru/v</link><description>Анонс.</description><media:description>${escapeXml(RU_TEXT)}</media:description></item>`,
      ]),
    );
    expect(followOf(items[0]).url).toBe("https://news.example.ru/v");
  });
});

describe("summary-only items: the summary handed on for a brief", () => {
  it("gives the summary as plain text: tags stripped, entities decoded, paragraphs separated by a blank line", () => {
    const items = read(
      "summary.rss",
      yandexFeed([
        `<item><title>Заголовок</title><link>https://news.example.ru/s</link><pubDate>Fri, 22 Mar 2024 10:15:00 +0300</pubDate><author>Анна Петрова</author>
<description><![CDATA[<p>Первый  абзац &laquo;анонса&raquo;&nbsp;&mdash; <b>жирно</b> &amp; <a href="/x">ссылка</a>.</p><p>Второй
абзац.</p><img src="x.jpg"><script>alert(1)</script>]]></description></item>`,
      ]),
    );
    const follow = followOf(items[0]);
    expect(follow.fallback).toMatchObject({
      title: "Заголовок",
      summary: "Первый абзац «анонса» — жирно & ссылка.\n\nВторой абзац.",
      dates: [{ value: "Fri, 22 Mar 2024 10:15:00 +0300", source: "feed" }],
      siteName: "Новости Харькова",
      language: "ru",
    });
  });

  it("takes the longest short text as the summary (a yandex:full-text under the full-text threshold)", () => {
    const items = read(
      "short-full.rss",
      yandexFeed([
        `<item><title>Коротко</title><link>https://news.example.ru/s</link><description>Анонс.</description><yandex:full-text>${escapeXml(RU_PARAGRAPHS.slice(0, 2).join("\n"))}</yandex:full-text></item>`,
      ]),
    );
    expect(followOf(items[0]).fallback?.summary).toBe(RU_PARAGRAPHS.slice(0, 2).join("\n\n"));
  });

  it("gives no summary when it only repeats the title, and keeps headline-only items as follow items with title, link and dates", () => {
    const items = read(
      "headlines.rss",
      yandexFeed([
        `<item><title>Обстрелы Харькова</title><link>https://news.example.ru/1</link><description>&lt;p&gt;Обстрелы  Харькова.&lt;/p&gt;</description></item>`,
        `<item><title>Только заголовок</title><link>https://news.example.ru/2</link><pubDate>Sat, 23 Mar 2024 08:00:00 GMT</pubDate></item>`,
      ]),
    );
    const [first, second] = [followOf(items[0]), followOf(items[1])];
    expect(first.fallback?.title).toBe("Обстрелы Харькова");
    expect(first.fallback && "summary" in first.fallback).toBe(false);
    expect(second).toMatchObject({
      url: "https://news.example.ru/2",
      reason: "summary-only",
      fallback: {
        title: "Только заголовок",
        dates: [{ value: "Sat, 23 Mar 2024 08:00:00 GMT", source: "feed" }],
      },
    });
    expect(second.fallback && "summary" in second.fallback).toBe(false);
  });

  it("gives the Atom summary and JSON Feed summary of a summary-only entry", () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id><updated>2024-05-01T09:00:00Z</updated>
<entry><title>Entry</title><link href="https://a.example/1"/><id>urn:e</id><updated>2024-05-01T09:00:00Z</updated><summary type="html">&lt;p&gt;One &amp;amp; two.&lt;/p&gt;</summary></entry></feed>`;
    expect(followOf(read("s.atom", atom)[0]).fallback?.summary).toBe("One & two.");
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "J",
      items: [{ id: "1", url: "https://j.example/1", title: "T", summary: "A  short\nsummary." }],
    });
    expect(followOf(read("s.json", json)[0]).fallback?.summary).toBe("A short summary.");
  });

  it("stays linear on hostile markup: thousands of unclosed <script> and Turbo <menu> tags", async () => {
    const hostile = (n: number) =>
      read(
        "hostile.rss",
        yandexFeed([
          `<item><title>Hostile</title><link>https://news.example.ru/h</link><description>${escapeXml(`Анонс. ${"<script>x ".repeat(n)}`)}</description><turbo:content>${escapeXml(`${RU_PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}${"<menu>m ".repeat(n)}`)}</turbo:content></item>`,
        ]),
      );
    // Four times the tags cost about four times the work; backtracking would cost sixteen.
    expect(await growthOverFourfold(hostile, 5_000)).toBeLessThan(9);
    // The script's "text" does not count: the Turbo content, menus dropped, is the longest.
    expect(documentOf(hostile(20_000)[0]).paragraphs).toEqual(RU_PARAGRAPHS);
  });
});
