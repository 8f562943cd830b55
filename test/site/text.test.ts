import { describe, expect, it } from "vitest";
import { isKeyQuote, publicInput, xmlSafeText } from "../../src/site/text.ts";

describe("publicInput: where an article came from, as a page may say it", () => {
  it.each([
    ["/tmp/media-digest-1/in/reuters.com.parasite.html", "reuters.com.parasite.html"],
    ["/home/anna/captures/2024-03-22 moscow times.txt", "2024-03-22 moscow times.txt"],
    ["C:\\Users\\anna\\Desktop\\page.htm", "page.htm"],
    ["file:///home/anna/feeds/kyiv.xml#item-3", "kyiv.xml#item-3"],
    ["test/fixtures/example-c.txt", "example-c.txt"],
    ["example.html", "example.html"],
    ["/home/anna/feeds/kyiv.xml#item-12", "kyiv.xml#item-12"],
  ])("shows the file's name of %s", (input, shown) => {
    expect(publicInput(input)).toBe(shown);
  });
  it.each([
    ["https://kyivindependent.com/feed/", "https://kyivindependent.com/feed/"],
    ["https://kyivindependent.com/feed/#item-4", "https://kyivindependent.com/feed/#item-4"],
    ["https://user:secret@example.com/a/b?token=abc&utm_source=x", "https://example.com/a/b"],
    ["HTTP://Example.com/Page", "http://example.com/Page"],
  ])("shows the URL of %s without credentials or query", (input, shown) => {
    expect(publicInput(input)).toBe(shown);
  });
  it("keeps inputs of the project's own schemes, which are not paths", () => {
    expect(publicInput("synthetic:11/9948")).toBe("synthetic:11/9948");
  });
  it("never shows a folder, whatever the input", () => {
    for (const input of ["/", "/tmp/", "C:\\", "\\\\server\\share\\x.txt", "../../etc/passwd"])
      expect(publicInput(input)).not.toMatch(/[\\/]/);
  });
});

describe("xmlSafeText", () => {
  it("removes characters XML forbids and mends lone surrogates", () => {
    expect(xmlSafeText("a\u0000b\uFFFEc\uD800")).toBe("abc\uFFFD");
  });
});

describe("isKeyQuote: a statement someone made, not a fragment", () => {
  it("keeps a sentence with its speaker", () => {
    expect(
      isKeyQuote({ text: "We expect the queues to shorten within a week.", speaker: "a regional official" }),
    ).toBe(true);
    expect(isKeyQuote({ text: "Мы ожидаем, что очереди сократятся за неделю", speaker: "чиновник" })).toBe(
      true,
    );
    expect(isKeyQuote({ text: "2024 will be the hardest year yet", speaker: "Ilya Grashchenkov" })).toBe(
      true,
    );
  });
  it("leaves out a quote nobody is named as saying", () => {
    expect(isKeyQuote({ text: "We expect the queues to shorten within a week." })).toBe(false);
    expect(isKeyQuote({ text: "We expect the queues to shorten within a week.", speaker: " " })).toBe(false);
  });
  it("leaves out a fragment that starts mid-sentence", () => {
    expect(isKeyQuote({ text: "the buffer zone will grow by the summer", speaker: "the governor" })).toBe(
      false,
    );
    expect(isKeyQuote({ text: "…and then the shelling started again", speaker: "a resident" })).toBe(false);
  });
});
