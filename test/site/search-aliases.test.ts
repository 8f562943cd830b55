import { describe, expect, it } from "vitest";
import { loadTopics } from "../../src/content/registry.ts";
import { searchAliases, termForms, withoutPrefixes } from "../../src/site/search-aliases.ts";

/** Pagefind finds an indexed word by any start of it, so a form is searchable when an alias starts with it. */
const covers = (aliases: string[], form: string) => aliases.some((alias) => alias.startsWith(form));

const topic = (id: string) => {
  const found = loadTopics().find((t) => t.id === id);
  if (!found) throw new Error(`registry/topics.yaml has no topic ${id}`);
  return found;
};

describe("search aliases", () => {
  it("spell Kharkiv every way a reader may type it, inflected", () => {
    const aliases = searchAliases(topic("kharkiv"));
    for (const form of [
      "kharkiv",
      "kharkov",
      "харків",
      "харкові",
      "харкова",
      "харківщина",
      "харьков",
      "харькове",
    ])
      expect(covers(aliases, form), form).toBe(true);
  });

  it("cross the languages of mobilization both ways", () => {
    const aliases = searchAliases(topic("mobilization"));
    for (const form of ["mobilization", "мобилизация", "мобилизации", "мобілізація", "мобілізації"])
      expect(covers(aliases, form), form).toBe(true);
  });

  it("take no word from a phrase: 'the', 'for', 'age' or 'office' spell no topic", () => {
    const every = loadTopics().flatMap((t) => searchAliases(t));
    for (const word of ["the", "for", "to", "age", "office", "white", "state", "papers"])
      expect(
        every.some((alias) => alias.startsWith(word)),
        word,
      ).toBe(false);
    // A one-word term still spells its topic.
    expect(covers(searchAliases(topic("mobilization")), "conscription")).toBe(true);
    expect(covers(searchAliases(topic("elections")), "referendum")).toBe(true);
  });

  it("alternate Ukrainian і only before one final consonant", () => {
    expect(termForms("харків*", "uk")).toContain("харкові");
    expect(termForms("резервіст*", "uk")).not.toContain("резервоста");
    expect(termForms("draft notice*", "en")).toEqual(["draft", "notice"]);
  });

  it("list each word once, and no word that only starts another", () => {
    const aliases = searchAliases(topic("elections"));
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(withoutPrefixes(["харьков", "харькова", "харьковами", "kharkiv"])).toEqual([
      "kharkiv",
      "харьковами",
    ]);
  });
});
