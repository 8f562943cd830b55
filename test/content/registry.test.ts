import { describe, expect, it } from "vitest";
import { loadRegistries, loadSources, loadTopics, sourceForUrl } from "../../src/content/registry.ts";
import { loadSiteSettings } from "../../src/content/site-settings.ts";
import { errorsOf, tempFile } from "../helpers/registry-files.ts";

const topic = (id: string, terms: string) => `  - id: ${id}
    labels: { en: ${id} }
    description: { en: About ${id}. }
    terms:
      en: ${terms}
    threshold: 2
`;

describe("the real registry", () => {
  it("loads topics and sources", () => {
    const registries = loadRegistries();
    expect([...registries.topicById.keys()]).toEqual(["mobilization", "kharkiv", "elections"]);
    expect(registries.sourceById.get("moscow-times")?.language).toBe("en");
  });
  it("resolves a source from a URL, with or without www", () => {
    const { sources } = loadRegistries();
    expect(sourceForUrl(sources, "https://www.themoscowtimes.com/2024/03/22/x")?.id).toBe("moscow-times");
    expect(sourceForUrl(sources, "https://example.org/")).toBeUndefined();
  });
});

describe("a broken registry", () => {
  it("names the line of a duplicate topic id", () => {
    const file = tempFile(
      "topics.yaml",
      `topics:\n${topic("kharkiv", '["kharkiv"]')}${topic("kharkiv", '["kharkov"]')}`,
    );
    const [message] = errorsOf(() => loadTopics(file));
    expect(message).toContain(`${file}:8`);
    expect(message).toContain('"kharkiv" is already the id');
  });
  it("names the line of a term claimed by two topics", () => {
    const file = tempFile("topics.yaml", `topics:\n${topic("a", '["kharkiv"]')}${topic("b", '["Kharkiv"]')}`);
    const [message] = errorsOf(() => loadTopics(file));
    expect(message).toMatch(new RegExp(`${file}:12:`));
    expect(message).toContain('also claimed by topic "a"');
  });
  it("refuses a topic with no terms, and an empty term, naming the line", () => {
    const none = tempFile("topics.yaml", `topics:\n${topic("a", "[]")}`);
    expect(errorsOf(() => loadTopics(none))[0]).toMatch(/topics\.yaml:\d+: topics\[0\]\.terms: has no terms/);
    const blank = tempFile("topics.yaml", `topics:\n${topic("a", '["  "]')}`);
    expect(errorsOf(() => loadTopics(blank))[0]).toMatch(
      /topics\.yaml:\d+: topics\.0\.terms\.en\.0: is an empty term/,
    );
  });
  it("refuses an unknown language anywhere, naming the line and the known languages", () => {
    const file = tempFile(
      "topics.yaml",
      `topics:
  - id: a
    labels: { en: A, de: A }
    description: { en: About a. }
    terms:
      en: ["a"]
      ua: ["а"]
    exclude:
      EN: ["b"]
    threshold: 2
`,
    );
    const messages = errorsOf(() => loadTopics(file));
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain(
      `${file}:3: topics.0.labels.de: "de" is not a known language (known: en, ru, uk)`,
    );
    expect(messages[1]).toContain(`${file}:7: topics.0.terms.ua: "ua" is not a known language`);
    expect(messages[2]).toContain(`${file}:9: topics.0.exclude.EN: "EN" is not a known language`);
  });
  it("refuses an empty term list for one language, naming its line", () => {
    const file = tempFile(
      "topics.yaml",
      `topics:
  - id: a
    labels: { en: A }
    description: { en: About a. }
    terms:
      en: ["kharkiv"]
      uk: []
    threshold: 2
`,
    );
    const [message] = errorsOf(() => loadTopics(file));
    expect(message).toContain(`${file}:7: topics[0].terms.uk: is an empty term list`);
  });
  it("refuses a term word that could never match, and a malformed requires", () => {
    const file = tempFile(
      "topics.yaml",
      `topics:
  - id: a
    labels: { en: A }
    description: { en: About a. }
    terms:
      en: ["U.S. vote", { term: "vote", weight: 0 }]
    requires: { scope: window, terms: { en: ["army"] } }
    threshold: 2
`,
    );
    const messages = errorsOf(() => loadTopics(file));
    expect(messages.some((m) => m.includes("topics.0.terms.en.0: has a word that can never match"))).toBe(
      true,
    );
    expect(messages.some((m) => m.includes("topics.0.terms.en.1.weight"))).toBe(true);
    expect(messages.some((m) => m.includes('topics.0.requires.window: scope "window" needs a window'))).toBe(
      true,
    );
  });
  it("reads plain and weighted terms into one shape", () => {
    const file = tempFile(
      "topics.yaml",
      `topics:
  - id: a
    labels: { en: A }
    description: { en: About a. }
    terms:
      en: ["army", { term: "partial mobilization", weight: 2, standalone: true }]
    requires: { scope: document, terms: { en: ["war"] } }
    threshold: 2
`,
    );
    const [a] = loadTopics(file);
    expect(a?.terms.en).toEqual([
      { term: "army", weight: 1, standalone: false },
      { term: "partial mobilization", weight: 2, standalone: true },
    ]);
    expect(a?.requires).toEqual({ scope: "document", terms: { en: ["war"] } });
  });
  it("names the line of a duplicate source id and a bad pattern", () => {
    const file = tempFile(
      "sources.yaml",
      `sources:
  - id: a
    name: A
    language: en
  - id: a
    name: A again
    language: en
    boilerplate:
      patterns: ["(unclosed"]
`,
    );
    const messages = errorsOf(() => loadSources(file));
    expect(messages[0]).toContain(`${file}:5`);
    expect(messages[1]).toContain(`${file}:9`);
    expect(messages[1]).toContain("not a valid regular expression");
  });
});

describe("site settings", () => {
  const settings = `title: Digest\ndescription: News\nurl: https://digest.test/\ntag_authority: digest.test\nlanguage: en\npage_size: 20\n`;
  it("are read with the deploy URL from the environment", () => {
    const file = tempFile("site.yaml", settings);
    expect(loadSiteSettings(file, {}).url).toBe("https://digest.test/");
    expect(loadSiteSettings(file, { URL: "https://deploy.test" }).url).toBe("https://deploy.test/");
  });
  it("name the file and line of a YAML syntax error", () => {
    const file = tempFile("site.yaml", settings.replace("page_size: 20", "page_size: [20"));
    expect(() => loadSiteSettings(file, {})).toThrow(`${file}: is not valid YAML`);
  });
  it("name the field that is wrong", () => {
    const file = tempFile("site.yaml", settings.replace("page_size: 20", "page_size: many"));
    expect(() => loadSiteSettings(file, {})).toThrow(/page_size/);
  });
});
