import { extractContent, parseDocument } from "./content.ts";
import { allElements } from "./dom.ts";
import { cleanByline, readMetadata, stripSiteName } from "./metadata.ts";
import { classifyPage, measureStructure } from "./page-kind.ts";
import { toMarkdown } from "./to-markdown.ts";
import type { Found, HtmlExtraction, HtmlExtractionOptions } from "./types.ts";

/**
 * HTML page → article, top-down:
 *
 *   1. parse (linkedom: a fast, forgiving DOM; no jsdom);
 *   2. metadata from the pristine document (metadata.ts: JSON-LD → OpenGraph → <meta> →
 *      microdata → page), and its structure for the page kind (page-kind.ts);
 *   3. main content through the fallback cascade (content.ts: Readability → largest text block →
 *      all paragraphs → body text), which mutates the document — hence after step 2;
 *   4. content → markdown and paragraphs (to-markdown.ts), lead-figure caption and credit;
 *   5. fill gaps: Readability's own title and page byline where the metadata had none.
 *
 * Pure: no disk, no network. Never throws on bad HTML; problems become `warnings`.
 */
export function extractHtml(html: string, options: HtmlExtractionOptions = {}): HtmlExtraction {
  const doc = parseDocument(html);
  const metadata = readMetadata(doc, options.url);
  const structure = measureStructure(doc);
  const pageKind = classifyPage(metadata.jsonLdTypes, metadata.ogType, structure);
  const content = extractContent(doc, html);
  const base = metadata.canonicalUrl?.value ?? options.url;
  if (content.root) dropTitleHeading(content.root, metadata.title?.value ?? content.readabilityTitle);
  const converted = content.root
    ? toMarkdown(content.root, options.url ?? base)
    : { markdown: "", paragraphs: [], leadFigure: undefined };

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
  if (pageKind !== "article") warnings.push(`page looks like a ${pageKind}, not an article`);

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

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The content's first heading repeats the title (the page's own <h1>): it is the title, not body. */
function dropTitleHeading(root: Element, title: string | undefined): void {
  if (!title) return;
  const heading = allElements(root).find((el) => /^h[1-3]$/i.test(el.tagName));
  if (heading && comparable(heading.textContent ?? "") === comparable(title)) heading.remove();
}
