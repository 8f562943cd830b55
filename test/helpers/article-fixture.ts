import type { ArticleFrontMatterInput } from "../../src/content/schema.ts";

/** A valid article as ingest would write it, for contract tests. */
export function validArticle(): ArticleFrontMatterInput & { body: string } {
  return {
    id: "kremlin-planning-new-mobilization-1c133420",
    title: "Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka",
    date: "2024-03-22T00:00:00+00:00",
    date_source: "cli",
    source: "moscow-times",
    url: "https://www.themoscowtimes.com/2024/03/22/kremlin-planning-new-mobilization-a84571",
    language: "en",
    topics: ["mobilization", "kharkiv"],
    topic_evidence: {
      mobilization: { score: 5, terms: [{ term: "mobilization", count: 2 }], snippet: "New Mobilization" },
    },
    summary: "Russia is planning to recruit 300,000 soldiers.",
    quotes: [{ text: "Kharkiv is next on the plan", speaker: "the source" }],
    cited: ["Vyorstka"],
    provenance: {
      input: "seed.txt",
      sha256: "0".repeat(64),
      extractor: "text-capture@1",
      ingested_at: "2024-03-22T10:00:00+00:00",
      tool_version: "0.1.0",
    },
    body: "Russia is planning to recruit 300,000 soldiers.\n\nSecond paragraph: Харків.",
  };
}

/**
 * The text of a valid article file as an editor would type it (YAML by hand, id
 * bad-article-12345678, March 2024), with `extra` lines added to its front matter; tests then break
 * one field of it to prove the build names the file, the field and the fix.
 */
export function handEditedArticle(extra = ""): string {
  return `---
id: bad-article-12345678
title: A title
date: 2024-03-22T10:00:00+03:00
date_source: meta
source: moscow-times
language: en
topics: []
summary: A summary.
provenance:
  input: x.txt
  sha256: "${"a".repeat(64)}"
  extractor: fixture
  ingested_at: 2024-03-22T10:00:00+03:00
  tool_version: 0.1.0
${extra}---

Body.
`;
}
