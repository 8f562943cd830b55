import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/errors.ts";
import { parseArticle, readFrontMatter, serializeArticle } from "../../src/content/front-matter.ts";
import { validArticle } from "../helpers/article-fixture.ts";

const FILE = "articles/2024/03/test.md";

describe("serializeArticle / parseArticle", () => {
  it("round-trips an article", () => {
    const article = validArticle();
    const text = serializeArticle(article);
    const parsed = parseArticle(text, FILE);
    const { body, ...fields } = article;
    expect(parsed).toMatchObject(fields);
    // The file ends with one newline; the body text itself is unchanged.
    expect(parsed.body).toBe(`${body}\n`);
    expect(serializeArticle(parsed)).toBe(text);
  });
  it("writes fields in contract order and starts with plain ---", () => {
    const text = serializeArticle(validArticle());
    expect(text.startsWith("---\nid: ")).toBe(true);
    expect(text.indexOf("title:")).toBeLessThan(text.indexOf("provenance:"));
  });
  it("keeps values that look like other YAML types as strings", () => {
    const article = { ...validArticle(), title: "yes: no # not a comment", summary: "2024-03-22" };
    const parsed = parseArticle(serializeArticle(article), FILE);
    expect(parsed.title).toBe("yes: no # not a comment");
    expect(parsed.summary).toBe("2024-03-22");
  });
});

describe("front matter that is not YAML", () => {
  const globals = globalThis as { __pwned?: boolean };
  it.each(["js", "javascript", "JS"])("refuses ---%s without executing it", (language) => {
    globals.__pwned = undefined;
    const text = `---${language}\n{ title: (globalThis.__pwned = true, "x") }\n---\nbody\n`;
    expect(() => readFrontMatter(text, FILE)).toThrow(ContentError);
    expect(() => readFrontMatter(text, FILE)).toThrow(FILE);
    expect(globals.__pwned).toBeUndefined();
  });
  it("refuses a file without front matter, naming the file", () => {
    expect(() => parseArticle("just text\n", FILE)).toThrow(`${FILE}: has no front matter`);
  });
  it("reports broken YAML as a ContentError naming the file", () => {
    const attempt = () => parseArticle("---\ntitle: [unclosed\nid: x\n---\nbody\n", FILE);
    expect(attempt).toThrow(ContentError);
    expect(attempt).toThrow(`${FILE}: front matter`);
  });
  it("refuses a field given twice, custom tags and timestamps read as dates", () => {
    const text = serializeArticle(validArticle());
    const twice = text.replace("\ntitle: ", "\ntitle: First\ntitle: ");
    expect(() => parseArticle(twice, FILE)).toThrow(/test\.md: front matter: cannot be read \(.*duplicate/i);
    const tagged = text.replace(/\ntitle: .*\n/, '\ntitle: !!js/function "function () { return 1 }"\n');
    expect(() => parseArticle(tagged, FILE)).toThrow(/test\.md: front matter: cannot be read \(.*tag/i);
    const { data } = readFrontMatter("---\nwhen: 2024-03-22T10:00:00Z\n---\n", FILE);
    expect(data.when).toBe("2024-03-22T10:00:00Z");
  });
  it("reads back every character the writer writes, noncharacters included", () => {
    const title = "Before\uFFFE after\uFFFF, \u0085 NEL, \u2028 LS, \t tab, \uD83D\uDE00 and \u0000";
    const parsed = parseArticle(serializeArticle({ ...validArticle(), title }), FILE);
    expect(parsed.title).toBe(title);
  });
  it("refuses a list or mapping repeated through an alias, but not a repeated scalar", () => {
    expect(() => readFrontMatter("---\na: &x [1, 2]\nb: *x\n---\n", FILE)).toThrow(/alias/);
    expect(readFrontMatter("---\na: &x one\nb: *x\n---\n", FILE).data).toEqual({ a: "one", b: "one" });
  });
  it("names the field and the fix for an invalid value", () => {
    const text = serializeArticle({ ...validArticle(), id: "Bad Id" });
    expect(() => parseArticle(text, FILE)).toThrow(/test\.md: id: .*Fix the field/);
  });
});
