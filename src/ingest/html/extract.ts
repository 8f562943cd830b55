import { type ContentResult, extractContent, extractPageText, parseDocument, textWeight } from "./content.ts";
import { allElements } from "./dom.ts";
import { cleanByline, readMetadata, stripSiteName } from "./metadata.ts";
import {
  classifiedAddress,
  classifyPage,
  measureStructure,
  PROSE_PARAGRAPH_CHARS,
  urlShape,
} from "./page-kind.ts";
import { toMarkdown } from "./to-markdown.ts";
import type { Found, HtmlExtraction, HtmlExtractionOptions } from "./types.ts";

/**
 * HTML page → article, top-down:
 *
 *   1. parse (linkedom: a fast, forgiving DOM; no jsdom);
 *   2. metadata from the pristine document (metadata.ts: JSON-LD → OpenGraph → <meta> →
 *      microdata → page), and its structure (page-kind.ts);
 *   3. main content through the fallback cascade (content.ts: Readability, or the story's own
 *      container when it holds far more → largest text block → all paragraphs → body text), which
 *      mutates the document — hence after step 2;
 *   4. content → markdown and paragraphs (to-markdown.ts), lead-figure caption and credit;
 *   5. the page kind (page-kind.ts), from the metadata, the structure and the prose found; a
 *      listing or other page (without a byline), product or thread then takes its whole main
 *      text instead (content.ts `extractPageText`), for the editor who reviews its held draft;
 *   6. fill gaps: Readability's own title and page byline where the metadata had none.
 *
 * Pure: no disk, no network. Never throws on bad HTML; problems become `warnings`.
 */
export function extractHtml(html: string, options: HtmlExtractionOptions = {}): HtmlExtraction {
  const doc = parseDocument(html);
  const metadata = readMetadata(doc, options.url);
  const structure = measureStructure(doc);
  const base = metadata.canonicalUrl?.value ?? options.url;
  const convert = (found: ContentResult) => {
    if (found.root) dropTitleHeading(found.root, metadata.title?.value ?? found.readabilityTitle);
    return found.root
      ? toMarkdown(found.root, options.url ?? base)
      : { markdown: "", paragraphs: [], leadFigure: undefined };
  };
  let content = extractContent(doc, html);
  let converted = convert(content);
  const contentProseChars = converted.paragraphs
    .map(textWeight)
    .filter((n) => n >= PROSE_PARAGRAPH_CHARS)
    .reduce((a, b) => a + b, 0);
  const address = classifiedAddress(metadata.canonicalUrl?.value, options.url);
  const pageKind = classifyPage({
    types: [...metadata.jsonLdTypes, ...structure.microdataTypes],
    ogType: metadata.ogType,
    structure,
    dated: metadata.published !== undefined && metadata.published.origin !== "url",
    bylined: metadata.byline !== undefined,
    contentProseChars,
    contentChars: converted.paragraphs.reduce((sum, p) => sum + textWeight(p), 0),
    url: address,
  });
  // A listing, product, thread or other page (documentation, a service's page) is held for an
  // editor with what it says, not one block of it. A listing or other page that names an author
  // may be an article held by mistake (a news item under a wall of links): its draft keeps the
  // article text, so that publishing it needs nothing more, unless that text is too short to be
  // one, or the listing's address is no post's (a front page, a section's index, a category: the
  // byline was a card's; on WCXB dev, the page text of the 14 bylined listings there finds 27 more
  // must-contain snippets than their article text, at one false positive more).
  if (
    pageKind === "product" ||
    pageKind === "forum" ||
    ((pageKind === "listing" || pageKind === "other") &&
      (metadata.byline === undefined ||
        contentProseChars < MIN_HELD_ARTICLE_PROSE_CHARS ||
        (pageKind === "listing" && urlShape(address) !== "article")))
  ) {
    const pageText = extractPageText(html, { thread: pageKind === "forum" });
    if (pageText.root) {
      content = {
        ...pageText,
        readabilityByline: content.readabilityByline,
        readabilityTitle: content.readabilityTitle,
      };
      converted = convert(content);
    }
  }

  const title: Found<string> | undefined =
    metadata.title ??
    (content.readabilityTitle
      ? { value: stripSiteName(content.readabilityTitle, metadata.siteName?.value), origin: "page" }
      : undefined);
  const pageByline = cleanByline(content.readabilityByline ?? undefined);
  const byline: Found<string> | undefined =
    metadata.byline ?? (pageByline ? { value: pageByline, origin: "page" } : undefined);

  const warnings = [...metadata.warnings, ...content.warnings];
  for (const [reason, count] of Object.entries(content.discarded))
    warnings.push(`discarded ${count} × ${reason}`);
  if (pageKind !== "article")
    warnings.push(
      pageKind === "other"
        ? "page does not look like an article (nor like a listing, product page or forum)"
        : `page looks like a ${pageKind}, not an article`,
    );

  return {
    markdown: converted.markdown,
    paragraphs: converted.paragraphs,
    title,
    byline,
    published: metadata.published,
    modified: metadata.modified,
    siteName: metadata.siteName,
    language: metadata.language,
    canonicalUrl: metadata.canonicalUrl,
    imageCaption: converted.leadFigure?.caption,
    imageCredit: converted.leadFigure?.credit,
    pageKind,
    extractor: content.extractor,
    warnings,
  };
}

/** Prose the article cascade must find on a listing or other page with a byline for its draft to
 * keep that text as an article's: no true article body on AEB is shorter (a news brief of two
 * paragraphs held as a listing has 600). */
const MIN_HELD_ARTICLE_PROSE_CHARS = 250;

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The content's first heading repeats the title (the page's own <h1>): it is the title, not body. */
function dropTitleHeading(root: Element, title: string | undefined): void {
  if (!title) return;
  const heading = allElements(root).find((el) => /^h[1-3]$/i.test(el.tagName));
  if (heading && comparable(heading.textContent ?? "") === comparable(title)) heading.remove();
}
