import { makeArticleId } from "../content/ids.ts";
import type { SourceRules } from "../content/registry.ts";
import { IngestError } from "./acquire.ts";
import type { DiscardedLine } from "./clean.ts";
import { dateInUrl, parseDateText, resolveDate, toIsoUtc } from "./dates.ts";
import { findCitedOutlets, findQuotes, summarize } from "./enrich.ts";
import { resolveLanguage } from "./language.ts";
import { type PlaceTagger, tagTopicsAndPlaces } from "./places.ts";
import { type RawDraft, textDocument } from "./readers/text.ts";
import type { ExtractedDocument } from "./readers/types.ts";
import { repairText } from "./repair.ts";
import { type TopicMatcher, tagArticle } from "./tag.ts";
import type { ArticleDraft } from "./write.ts";

/**
 * Ingest's drafting stages (src/ingest/pipeline.ts lists them all), pure: a document's text
 * repaired, then with its outlet the article's date, language, topics and places, summary, quotes,
 * cited outlets and provenance.
 */

/** What the pure part of the pipeline makes of one document. */
export interface DraftResult {
  draft: ArticleDraft;
  removed: DiscardedLine[];
  warnings: string[];
}

/** A date-time the input claims as "updated", if it parses strictly and is not in the future. */
function updatedDate(value: string | undefined, now: Date): string | undefined {
  if (!value) return undefined;
  try {
    const parsed = parseDateText(value);
    return parsed && new Date(parsed.iso).getTime() <= now.getTime() ? parsed.iso : undefined;
  } catch {
    return undefined;
  }
}

/** What assembling a draft needs besides the document: the day given, the clock, the taggers. */
export interface DraftContext {
  day?: string;
  now: Date;
  toolVersion: string;
  matchers: readonly TopicMatcher[];
  /** The place registry compiled; without it no place is tagged. */
  places?: PlaceTagger;
}

/**
 * Assembles the article from a document and its outlet: date, language, tags, summary, quotes,
 * cited outlets, provenance. `url` is the normalised canonical URL, if any. Pure.
 */
export function assembleDraft(
  doc: ExtractedDocument,
  source: SourceRules,
  context: DraftContext & { url?: string },
): DraftResult {
  const warnings = [...doc.warnings];
  const body = doc.markdown;
  // The URL's date comes last: metadata, a feed or a dated line say more (a time, a zone).
  const fromUrl = context.url ? dateInUrl(context.url) : undefined;
  const candidates =
    fromUrl && !doc.dates.some((d) => d.source === "url") ? [...doc.dates, fromUrl] : doc.dates;
  const { date, date_source, warnings: dateWarnings } = resolveDate(context.day, candidates, context.now);
  warnings.push(...dateWarnings);
  const language = resolveLanguage(
    `${doc.title}\n${doc.paragraphs.join("\n")}`,
    doc.language ?? source.language,
  );
  if (language.warning) warnings.push(language.warning);
  const summary = summarize(doc.paragraphs);
  const fields = { title: doc.title, summary, body: doc.paragraphs.join("\n\n") };
  // Topics and places in one pass over the text (src/ingest/places.ts).
  const { topics: tags, places } = context.places
    ? tagTopicsAndPlaces(fields, context.matchers, context.places)
    : { topics: tagArticle(fields, context.matchers), places: { places: [], evidence: {} } };
  if (tags.topics.length === 0) warnings.push("no topic reached its threshold; the article has no topics");
  const updated = updatedDate(doc.updated, context.now);
  const draft: ArticleDraft = {
    id: makeArticleId({
      title: doc.title,
      source: source.id,
      ...(context.url ? { url: context.url } : {}),
      day: date.slice(0, 10),
    }),
    title: doc.title,
    date,
    date_source,
    ...(updated && updated !== date ? { updated } : {}),
    ...(doc.updateNote ? { update_note: doc.updateNote } : {}),
    source: source.id,
    ...(context.url ? { url: context.url } : {}),
    ...(doc.byline ? { byline: doc.byline } : {}),
    language: language.language,
    topics: tags.topics,
    topic_evidence: tags.evidence,
    places: places.places,
    place_evidence: places.evidence,
    summary: summary || doc.title,
    quotes: findQuotes(doc.paragraphs),
    cited: findCitedOutlets(doc.title, doc.paragraphs, source.name),
    ...(doc.imageCaption ? { image_caption: doc.imageCaption } : {}),
    ...(doc.imageCredit ? { image_credit: doc.imageCredit } : {}),
    provenance: {
      input: doc.provenance.input,
      sha256: doc.provenance.sha256,
      extractor: doc.provenance.extractor,
      ingested_at: toIsoUtc(context.now),
      tool_version: context.toolVersion,
    },
    body,
  };
  return { draft, removed: doc.removed, warnings };
}

/**
 * A text capture from clean to assembly, pure (the seed's path). `source` may be an outlet
 * without rules (then only the generic boilerplate layer applies).
 */
export function buildDraft(raw: RawDraft, source: SourceRules, context: DraftContext): DraftResult {
  const doc = textDocument(raw, source);
  if ("failed" in doc) throw new IngestError(doc.failed);
  return assembleDraft(doc, source, context);
}

/**
 * A document's text repaired (src/ingest/repair.ts): double-encoded UTF-8 undone, stray
 * windows-1252 bytes read, control characters removed. Decoding did this to the bytes already;
 * this catches what a parser made of entities (a feed's `&#226;&#128;&#148;` is mojibake only once
 * decoded), in every field that reaches front matter or the body, and the site name an outlet is
 * created from.
 */
export function repaired(doc: ExtractedDocument): ExtractedDocument {
  const fix = (text: string) => repairText(text);
  const out: ExtractedDocument = {
    ...doc,
    title: fix(doc.title),
    markdown: fix(doc.markdown),
    paragraphs: doc.paragraphs.map(fix),
  };
  // An optional field that was nothing but control characters is dropped, not kept raw.
  for (const field of ["byline", "siteName", "imageCaption", "imageCredit", "updateNote"] as const) {
    const value = doc[field];
    if (value === undefined) continue;
    const fixed = fix(value);
    if (fixed === "") delete out[field];
    else out[field] = fixed;
  }
  return out;
}
