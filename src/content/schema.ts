import { z } from "zod";
import { isoDateProblem } from "./dates.ts";

/**
 * The article contract: the front matter every file in `articles/` carries. Ingest validates
 * against it before writing, and the build validates again, because editors edit by hand.
 */

/** Stable, URL-safe article id: lowercase ASCII words joined by single hyphens. */
export const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Registry ids (topics, sources) follow the same rule. */
export const REGISTRY_ID = ARTICLE_ID;

const isoDateTime = z.string().superRefine((value, ctx) => {
  const problem = isoDateProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
  { message: "is not an absolute http(s) URL" },
);

const registryId = z.string().regex(REGISTRY_ID, "is not an id (lowercase letters, digits and hyphens)");

/** Why a topic was assigned: the weighted score, each matched term with its count, one snippet. */
export const TopicEvidenceSchema = z.strictObject({
  score: z.number().nonnegative(),
  terms: z.array(z.strictObject({ term: z.string().min(1), count: z.number().int().positive() })).min(1),
  snippet: z.string().optional(),
});

export const QuoteSchema = z.strictObject({
  text: z.string().min(1),
  speaker: z.string().min(1).optional(),
});

export const ProvenanceSchema = z.strictObject({
  input: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "is not a sha256 hex digest"),
  extractor: z.string().min(1),
  ingested_at: isoDateTime,
  tool_version: z.string().min(1),
  /**
   * sha256 of the article as ingest wrote it (front matter without this field and without editor
   * fields, plus body): a file whose content no longer matches was edited by hand, and re-ingest
   * leaves it alone unless forced.
   */
  content_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "is not a sha256 hex digest")
    .optional(),
});

/**
 * Where an article's date comes from. `ingested` means nothing in the input gave one: the date is
 * when ingest read it, and the site never presents such an article as the latest news.
 */
export const DATE_SOURCES = ["meta", "feed", "text", "url", "cli", "ingested"] as const;

export const ArticleFrontMatterSchema = z.strictObject({
  id: z.string().max(120).regex(ARTICLE_ID, "is not a URL-safe id (lowercase letters, digits and hyphens)"),
  title: z.string().trim().min(1, "is empty"),
  date: isoDateTime,
  date_source: z.enum(DATE_SOURCES),
  updated: isoDateTime.optional(),
  update_note: z.string().min(1).optional(),
  source: registryId,
  url: httpUrl.optional(),
  byline: z.string().min(1).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "is not a BCP 47 language tag (like en, ru, uk)"),
  topics: z.array(registryId),
  topic_evidence: z.record(registryId, TopicEvidenceSchema).default({}),
  /** Places the article is about (registry/places.yaml), with the evidence for each. */
  places: z.array(registryId).default([]),
  place_evidence: z.record(registryId, TopicEvidenceSchema).default({}),
  topics_override: z
    .strictObject({ add: z.array(registryId).default([]), remove: z.array(registryId).default([]) })
    .optional(),
  summary: z.string().min(1),
  quotes: z.array(QuoteSchema).default([]),
  cited: z.array(z.string().min(1)).default([]),
  image_caption: z.string().min(1).optional(),
  image_credit: z.string().min(1).optional(),
  /**
   * A brief: the feed gave only the item's title and summary (or its title alone), not the
   * article's text, and it was not fetched (`--fetch` fetches it). The body is that summary.
   */
  brief: z.literal(true).optional(),
  /**
   * A held draft: ingest kept the input (nothing real is dropped) but judged it not fit to publish,
   * for this reason (not an article page, …). The site leaves it out until an editor publishes it
   * (`npm run ingest -- --publish ID` removes the field).
   */
  held: z.string().min(1).max(500).optional(),
  /** The story (one event's reports across outlets) the article belongs to: src/stories/. */
  story: registryId.optional(),
  /** Why it joined its story: the report it matched best, how closely, and the terms they share. */
  story_evidence: z
    .strictObject({
      matched: z.string().min(1).optional(),
      score: z.number().min(0).max(1),
      terms: z.array(z.string().min(1)),
    })
    .optional(),
  /** The same text published elsewhere before (wire copies, syndication): those URLs. */
  duplicates: z.array(httpUrl).default([]),
  provenance: ProvenanceSchema,
});

/** Front matter as written in a file (defaults not yet applied). */
export type ArticleFrontMatterInput = z.input<typeof ArticleFrontMatterSchema>;
/** Front matter after validation. */
export type ArticleFrontMatter = z.output<typeof ArticleFrontMatterSchema>;
export type TopicEvidence = z.output<typeof TopicEvidenceSchema>;
export type Quote = z.output<typeof QuoteSchema>;

/** An article: validated front matter plus its markdown body. */
export interface Article extends ArticleFrontMatter {
  body: string;
}
