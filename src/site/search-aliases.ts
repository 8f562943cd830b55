import type { Topic } from "../content/registry.ts";

/**
 * Search aliases: the words that make an article findable under every spelling of its topics.
 *
 * The build publishes each topic's aliases (`/search/aliases.json`). When a word of a search is an
 * alias of a topic, the search page also searches the topic's articles for the other words
 * (src/browser/search-archive.ts), so a search for Kharkov, Харків, Харкові or Харьков finds an English
 * article that only says "Kharkiv", and "мобилизация" finds one that says "mobilization" (and the
 * reverse). The aliases are not written into the pages: a few hundred words on every tagged page
 * would double the time and size of the search index.
 *
 * Pagefind matches a query word against indexed words that *start with* it, and it stems with
 * the index's one language (English, see search-index.ts), which leaves Cyrillic as it is. So a
 * registry stem like `харків*` is not enough: the query "Харкові" is longer than the stem and
 * starts with "харков", not "харків". The aliases therefore list full inflected forms, made from
 * each stem with the case endings of its language.
 */

/**
 * Noun and adjective case endings, per language. Over-generating (a form no one writes) costs a
 * few bytes in the index and can never match a wrong article: an alias only sits on articles
 * the registry already tagged with the topic.
 */
const ENDINGS: Record<"ru" | "uk", readonly string[]> = {
  ru: [
    ...["", "а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах"],
    ...["ия", "ии", "ию", "ией", "ий", "ая", "ой", "ую", "ое", "ого", "ому", "ые", "ых", "ым"],
    ...["щина", "щины", "щине", "щину"],
  ],
  uk: [
    ...["", "а", "у", "ом", "ові", "і", "и", "ів", "ам", "ами", "ах"],
    ...["ія", "ії", "ію", "ією", "ий", "ої", "ою", "е", "ого", "ому", "их", "им"],
    ...["щина", "щини", "щині", "щину"],
  ],
};

/**
 * Ukrainian closed-syllable і alternates with о when an ending opens the syllable:
 * Харків → Харкова, Харкові, Харковом. Applies to a stem whose last vowel is і before one
 * final consonant (резервіст, повістк have two and keep their і).
 */
const UKRAINIAN_I_TO_O = /і([бвгґджзклмнпрстфхцчшщ])$/u;

function inflect(stem: string, language: "ru" | "uk"): string[] {
  const stems = [stem];
  if (language === "uk" && UKRAINIAN_I_TO_O.test(stem)) stems.push(stem.replace(UKRAINIAN_I_TO_O, "о$1"));
  return stems.flatMap((s) => ENDINGS[language].map((ending) => s + ending));
}

/** One registry term as the words a search should find it by. */
export function termForms(term: string, language: "en" | "ru" | "uk"): string[] {
  const words = term.toLowerCase().split(/\s+/u).filter(Boolean);
  return words.flatMap((word) => {
    if (!word.endsWith("*")) return [word];
    const stem = word.slice(0, -1);
    return language === "en" ? [stem] : inflect(stem, language);
  });
}

/**
 * Drops each word that starts another word of the list. Pagefind finds indexed words that start
 * with the query word, so "харьковами" already answers харьков, харькова and харьковам: listing
 * them too would only make every result fragment bigger (a topic's forms shrink about threefold).
 */
export function withoutPrefixes(words: readonly string[]): string[] {
  const sorted = [...new Set(words)].sort();
  // In sorted order, a word that starts another is directly followed by one that starts with it.
  return sorted.filter((word, i) => !(sorted[i + 1]?.startsWith(word) ?? false));
}

/**
 * Every word a topic may be searched by: its labels and its one-word match terms in every
 * language, stems expanded to inflected forms, lowercased, without repeats and without words that
 * only start a longer one (see {@link withoutPrefixes}). A phrase's words do not spell its topic
 * on their own: "dodge the draft" and "running for office" would make "the", "for" and "office"
 * search every mobilization or election article.
 */
export function searchAliases(topic: Topic): string[] {
  const words = new Set<string>();
  for (const label of [topic.labels.en, topic.labels.ru, topic.labels.uk])
    for (const word of (label ?? "").toLowerCase().split(/\s+/u)) if (word) words.add(word);
  for (const language of ["en", "ru", "uk"] as const)
    for (const { term } of topic.terms[language] ?? []) {
      const forms = termForms(term, language);
      if (term.trim().split(/\s+/u).length === 1) for (const form of forms) words.add(form);
    }
  return withoutPrefixes([...words]);
}
