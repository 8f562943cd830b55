import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { allElements } from "./dom.ts";

/**
 * Main-content extraction: a cascade, tried top-down, the first step that yields enough text wins.
 *
 *   1. "readability" — Mozilla Readability (the algorithm behind Firefox Reader View) over a
 *      linkedom DOM. Best general-purpose scorer; it measured 0.96 F1 alone on AEB (see
 *      scripts/eval-extraction.ts). Class-marked boilerplate (share bars, "related" lists,
 *      newsletter boxes) is removed before and after it, "Advertisement"-style labels after:
 *      0.969 F1 together.
 *   2. "largest-block" — our own scoring: the element whose paragraphs hold the most text,
 *      discounted by link density. Catches pages Readability gives up on (short articles under its
 *      500-character threshold, unusual markup).
 *   3. "paragraphs" — every <p> of reasonable length in document order: crude, but never empty
 *      on a page that has prose.
 *   4. "body-text" — the body's text, for pages with no paragraphs at all (a warning is raised).
 *
 * Every discarded block is counted with its reason in `discarded`.
 */

export interface ContentResult {
  root: Element | undefined;
  extractor: "readability" | "largest-block" | "paragraphs" | "body-text" | "none";
  /** Readability's page-detected byline (author elements it found while scoring), if any. */
  readabilityByline: string | undefined;
  readabilityTitle: string | undefined;
  discarded: Record<string, number>;
  warnings: string[];
}

/** Fewest characters of text for a cascade step to count as having found the article. A short
 * news brief has ~400 characters; navigation fragments that Readability returns on listing pages
 * are usually under 200. Calibrated on AEB: no true article body is shorter than 250. */
const MIN_CONTENT_CHARS = 250;

/** Readability's own threshold for a successful parse (its default is 500); lowered so short news
 * briefs are not thrown away. */
const READABILITY_CHAR_THRESHOLD = 300;

/** Pages beyond this many elements are too big for Readability's quadratic passes within our time
 * budget (30 s hard limit, 40 pages/s target); they go straight to the cheaper steps. */
const MAX_ELEMENTS_FOR_READABILITY = 25_000;

const PRUNED_BEFORE_READABILITY = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "LINK"]);

/** Shortest <p> kept by the "paragraphs" step: shorter ones are captions, buttons, bylines. */
const MIN_PARAGRAPH_CHARS = 40;

/** Highest share of link text for a block in the "largest-block" step (menus are ~90% links). */
const MAX_LINK_DENSITY = 0.5;

/** Class/id words of blocks inside an extracted article that are never body text. */
const BOILERPLATE_CLASS =
  /(^|[\s_-])(share|sharing|social|social-?links|related|recommended|newsletter|subscribe|subscription|signup|promo|advert|advertisement|ad-?slot|ad-?container|ad-?unit|sponsor|outbrain|taboola|comments?|disqus|breadcrumbs?|tags|tag-?list|author-?bio|byline|dateline|timestamp|caption|credit|toolbar|print|read-?more|more-?stories|popular|trending|paywall|inline-?ad|newsletter-?signup|skip)($|[\s_-])/i;

/** Whole paragraphs that are labels, not text ("Advertisement", "Read more: …", "Share this"). */
const BOILERPLATE_TEXT =
  /^(advertisement|advertising|sponsored|share( this( article| story)?)?|read more|see also|related( articles| stories)?|recommended|comments?|click here.*|sign up.*newsletter.*|subscribe.*|follow us.*|реклама|читайте также.*|читайте також.*)[:.!]?$/i;

/** CJK characters carry about as much as a 3-letter word, so they count 3 towards the length
 * thresholds below; otherwise a complete Chinese news brief looks like a caption. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const CJK_WEIGHT = 3;

/** Length of an element's text with whitespace collapsed, CJK characters weighted (see CJK_WEIGHT). */
export function textWeight(text: string): number {
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length + (CJK_WEIGHT - 1) * (collapsed.match(CJK)?.length ?? 0);
}

const textLength = (el: Element) => textWeight(el.textContent ?? "");

function linkTextLength(el: Element): number {
  let total = 0;
  for (const a of Array.from(el.querySelectorAll("a"))) total += textLength(a);
  return total;
}

/** Tags whose whole text may be a boilerplate label ("Advertisement", "Read more: …"). */
const LABEL_TAGS = new Set(["p", "div", "span", "li", "h1", "h2", "h3", "h4", "h5", "h6"]);

/** Longest label {@link BOILERPLATE_TEXT} is tried on (characters, whitespace collapsed). */
const MAX_LABEL_CHARS = 60;

/**
 * Removes what Readability keeps but a reader does not want; counts removals by reason.
 *
 * One pre-order walk: a removed element's subtree is never visited, and figures are skipped whole
 * (not body text anyway; their caption and credit feed imageCaption/imageCredit). Label text is
 * read only while it is short (see {@link shortText}), so a big wrapper costs nothing here.
 */
function cleanReadabilityOutput(root: Element, discarded: Record<string, number>): void {
  const count = (reason: string) => {
    discarded[reason] = (discarded[reason] ?? 0) + 1;
  };
  const rootLength = textLength(root);
  const visit = (parent: Element): void => {
    let el = parent.firstElementChild;
    while (el) {
      const next = el.nextElementSibling;
      if (!isBoilerplate(el)) visit(el);
      el = next;
    }
  };
  const isBoilerplate = (el: Element): boolean => {
    const tag = el.tagName.toLowerCase();
    if (tag === "figure") return true;
    const marker = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (
      marker.length > 1 &&
      BOILERPLATE_CLASS.test(marker) &&
      !/(^|\s)(article|story|post|entry)-?(body|content|text)/i.test(marker) &&
      // Keep a container that holds most of the article (a "comments-enabled article-body" wrapper).
      textLength(el) < 0.5 * rootLength
    ) {
      el.remove();
      count("boilerplate class");
      return true;
    }
    if (LABEL_TAGS.has(tag)) {
      const text = shortText(el, MAX_LABEL_CHARS);
      if (text !== undefined && text.length < MAX_LABEL_CHARS && BOILERPLATE_TEXT.test(text)) {
        el.remove();
        count("boilerplate label");
        return true;
      }
    }
    return false;
  };
  visit(root);
}

/**
 * The element's text with whitespace collapsed, or undefined as soon as it has more than `limit`
 * non-space characters: reading a whole article's textContent for every wrapper would make the
 * label check quadratic in the page size.
 */
function shortText(el: Element, limit: number): string | undefined {
  let text = "";
  let visible = 0;
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      visible += data.replace(/\s+/g, "").length;
      if (visible > limit) return undefined;
      text += data;
    } else if (node.nodeType === 1) {
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  return text.replace(/\s+/g, " ").trim();
}

/** The "largest-block" step: the container whose own paragraphs hold the most non-link text. */
function largestBlock(doc: Document): Element | undefined {
  const scores = new Map<Element, number>();
  for (const p of Array.from(doc.querySelectorAll("p, pre, blockquote"))) {
    const length = textLength(p);
    if (length < MIN_PARAGRAPH_CHARS / 2) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + length);
    const grand = parent.parentElement;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + length / 2);
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const total = textLength(el);
    if (total === 0) continue;
    const density = linkTextLength(el) / total;
    if (density > MAX_LINK_DENSITY) continue;
    const adjusted = score * (1 - density);
    if (adjusted > bestScore) {
      best = el;
      bestScore = adjusted;
    }
  }
  return best;
}

function paragraphsBlock(doc: Document): Element | undefined {
  const container = doc.createElement("div");
  for (const p of Array.from(doc.querySelectorAll("p"))) {
    if (textLength(p) < MIN_PARAGRAPH_CHARS) continue;
    const total = textLength(p);
    if (linkTextLength(p) / total > MAX_LINK_DENSITY) continue;
    const copy = doc.createElement("p");
    copy.textContent = (p.textContent ?? "").replace(/\s+/g, " ").trim();
    container.appendChild(copy);
  }
  return container.childNodes.length > 0 ? container : undefined;
}

/**
 * Markup that never holds article text or metadata, cut from the source before parsing: scripts
 * (except JSON-LD), styles, inline SVG, comments, <noscript>/<template>/<iframe> fallbacks and
 * <select> menus (country pickers of 200 options). Every node costs linkedom several objects and
 * every Readability pass walks them all, so fewer nodes is the cheapest speed-up there is.
 * These cuts follow HTML's own rules (a script or style ends at the first `</script`/`</style`).
 */
const PRE_PARSE_CUTS = new RegExp(
  [
    /<!--[\s\S]*?-->/,
    /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/,
    /<style\b[^>]*>[\s\S]*?<\/style\s*>/,
    /<svg\b[^>]*>[\s\S]*?<\/svg\s*>/,
    /<(noscript|template|select|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/,
  ]
    .map((part) => part.source)
    .join("|"),
  // One alternation, one scan: the leftmost construct wins, as in an HTML tokenizer (a "<!--" inside
  // a script is script text), and it is several times faster than a pass per kind on large pages.
  "gi",
);

/** Parses HTML into a linkedom document (also used by the metadata and page-kind readers). */
export function parseDocument(html: string): Document {
  let source = html.replace(PRE_PARSE_CUTS, "");
  // linkedom needs a document element to hang <head>/<body> on; fragments get one.
  if (!/<html[\s>]/i.test(source)) source = `<!doctype html><html><body>${source}</body></html>`;
  return parseHTML(source).document as unknown as Document;
}

/**
 * Runs the cascade over `doc` (which Readability mutates) and, for the later steps, over a fresh
 * parse of `html`.
 */
export function extractContent(doc: Document, html: string): ContentResult {
  const discarded: Record<string, number> = {};
  const warnings: string[] = [];
  let readabilityByline: string | undefined;
  let readabilityTitle: string | undefined;
  const result = (root: Element | undefined, extractor: ContentResult["extractor"]): ContentResult => ({
    root,
    extractor,
    readabilityByline,
    readabilityTitle,
    discarded,
    warnings,
  });

  // Nothing in these is ever article text; dropping them first makes Readability's many passes
  // over the tree cheaper (a third of a news page's elements are often SVG icons and scripts).
  for (const el of allElements(doc)) if (PRUNED_BEFORE_READABILITY.has(el.tagName)) el.remove();
  // Class-marked boilerplate goes before Readability too: Readability turns a <div> holding one
  // <p> into that <p>, and the div's class (newsletter-signup, share-tools) is lost with it.
  if (doc.body) cleanReadabilityOutput(doc.body, discarded);
  const elementCount = allElements(doc).length;
  if (elementCount <= MAX_ELEMENTS_FOR_READABILITY) {
    try {
      const reader = new Readability(doc, {
        charThreshold: READABILITY_CHAR_THRESHOLD,
        // Metadata is read by metadata.ts before this runs (and JSON-LD scripts are gone by now).
        disableJSONLD: true,
        // Classes stay: the boilerplate clean-up below reads them, and stripping them costs a pass.
        keepClasses: true,
        serializer: (el: Node) => el,
      } as ConstructorParameters<typeof Readability>[1]);
      const article = reader.parse() as unknown as {
        content: Element;
        byline?: string | null;
        title?: string | null;
      } | null;
      if (article?.content) {
        readabilityByline = article.byline ?? undefined;
        readabilityTitle = article.title ?? undefined;
        cleanReadabilityOutput(article.content, discarded);
        if (textLength(article.content) >= MIN_CONTENT_CHARS) return result(article.content, "readability");
        discarded["readability result too short"] = 1;
      } else discarded["readability found nothing"] = 1;
    } catch (error) {
      warnings.push(`Readability failed (${(error as Error).message}); fell back`);
    }
  } else warnings.push(`page has ${elementCount} elements; Readability skipped for speed`);

  const fresh = parseDocument(html);
  for (const el of Array.from(
    fresh.querySelectorAll("script, style, noscript, nav, header, footer, aside, form"),
  ))
    el.remove();
  const block = largestBlock(fresh);
  if (block && textLength(block) >= MIN_CONTENT_CHARS) return result(block, "largest-block");
  const paragraphs = paragraphsBlock(fresh);
  if (paragraphs && textLength(paragraphs) >= MIN_CONTENT_CHARS) return result(paragraphs, "paragraphs");
  const body = fresh.body;
  if (body && textLength(body) > 0) {
    warnings.push("no article-like block found; the body text is used");
    return result(block ?? paragraphs ?? body, "body-text");
  }
  warnings.push("the page has no text");
  return result(undefined, "none");
}
