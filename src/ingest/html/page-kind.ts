import { isActionLabel, textWeight } from "./content.ts";
import { allElements, isFurniture } from "./dom.ts";
import { ARTICLE_TYPES } from "./metadata.ts";
import type { PageKind } from "./types.ts";

/**
 * What kind of page this is. Only articles are published; the pipeline holds the rest as drafts.
 * Evidence, most trusted first: the page's schema.org types (JSON-LD, microdata, RDFa), its
 * og:type, its address (a documentation, shop or forum section or host; a section's index; a
 * post's or a headline's slug), then its structure (code samples, calls to action among short
 * sections, sort and add-to-cart controls, how much of the text outside the menus is links, how
 * many repeated item blocks it has, how much prose it has and whether that prose is one body).
 * Every signal is general: none names a site.
 */

export interface PageStructure {
  /** Characters of visible text in the body. */
  textChars: number;
  /** Share of that text inside links. */
  linkDensity: number;
  /** Share of links in the text outside the page's furniture (<nav>, <header>, <footer>, <aside>
   * and their ARIA roles): what the page itself says, without its menus. A listing's own text is
   * mostly links; an article's is not, however heavy the menus around it. */
  mainLinkDensity: number;
  /** Preformatted blocks (<pre>): code samples, the mark of documentation. */
  codeBlocks: number;
  /** Links and buttons outside the furniture that ask the reader to act ("Get a quote", "Request a
   * demo", "Add to cart"): the furniture of a service's or product's landing page. */
  callsToAction: number;
  /** Section headings (<h2>–<h4>) outside the furniture. */
  headings: number;
  /** Size of the largest group of sibling elements that look alike (same tag and class) and each
   * hold a link: the cards of a listing, the posts of a thread. */
  repeatedItems: number;
  /** Characters in <p> elements of {@link PROSE_PARAGRAPH_CHARS}+ characters (prose). */
  proseChars: number;
  /** How many such prose paragraphs. */
  proseParagraphs: number;
  /** The most prose characters whose paragraphs share one parent: an article body keeps its
   * paragraphs together; a page of teasers scatters one short paragraph per card. */
  largestProseBlock: number;
  /** Price / add-to-cart markers. */
  productMarkers: number;
  /** Forum markers (posts with authors and replies). */
  forumMarkers: number;
  /** "Sort by" controls: a list of items (products, results, answers) the reader can reorder. An
   * article's text is in the order its author chose. */
  sortControls: number;
  /** Add-to-cart and buy-now controls named by their id, name, ARIA label or action (where
   * {@link productMarkers} reads classes): the form of a shop's product page. */
  cartControls: number;
  /** schema.org types named in microdata (`itemtype`) and RDFa (`typeof`): "NewsArticle", "QAPage"… */
  microdataTypes: string[];
}

/** Everything the page kind is decided from. */
export interface PageEvidence {
  /** schema.org types from JSON-LD and microdata/RDFa. */
  types: string[];
  ogType: string | undefined;
  structure: PageStructure;
  /** The page states a publication date (metadata, <time>, a visible date; a date only in the URL does not count). */
  dated: boolean;
  /** The page names an author. */
  bylined: boolean;
  /** Characters (CJK weighted) of prose paragraphs in the extracted main content: what
   * {@link PageStructure.proseChars} misses when an article's text sits in <div>s and <br>s. */
  contentProseChars: number;
  /** Characters of all the extracted main content: none means the page has no text to publish
   * (its article is loaded by script; what is left is a cookie or outdated-browser notice). */
  contentChars: number;
  /** The page's URL (canonical or given), when known. */
  url: string | undefined;
}

const PRODUCT_TYPES =
  /^(Product|ProductGroup|Offer|AggregateOffer|IndividualProduct|Car|Book|SoftwareApplication)$/;
const FORUM_TYPES = /^(DiscussionForumPosting|QAPage|Question|Answer|Comment|UserComments)$/;
/** The page offers a service (schema.org Service): a service's page, unless it also declares an
 * article. */
const SERVICE_TYPES = /^(Service)$/;
/** Page types of listings. (SiteNavigationElement, BreadcrumbList and the like describe parts of
 * any page, articles included, and say nothing.) */
const LISTING_TYPES = /^(CollectionPage|ItemList|SearchResultsPage|Blog|ProfilePage|ContactPage|ItemPage)$/;

/*
 * Thresholds calibrated on WCXB's dev split (1,497 pages with page types; `npm run
 * eval:extraction -- --corpus wcxb` prints the result), choosing among a small grid the setting
 * that flags the most non-article pages while wrongly flagging at most ~3% of articles (a flagged
 * article is held for an editor, not lost). Medians there: articles have 8,200 prose characters
 * and 11 repeated items; listings 1,200 and 16; collections 1,600 and 24.
 */
/** Repeated look-alike blocks at which a page with little prose is a listing (an article's
 * "related stories" and menus give 8–18). */
const LISTING_MIN_REPEATED_ITEMS = 20;
/** Prose below which a page full of items or links is not an article. */
const LISTING_MAX_PROSE_CHARS = 3000;
/** Link density above which a page with little prose is a list of links. */
const LISTING_MIN_LINK_DENSITY = 0.45;
/** Prose a page that does not declare itself an article needs to count as one. */
const UNDECLARED_ARTICLE_MIN_PROSE_CHARS = 1500;
/** An undeclared page with at least this many prose paragraphs but no container holding
 * {@link SCATTERED_MAX_BLOCK_CHARS} characters of them is a page of teasers (one paragraph per
 * card), not an article. Declared articles are exempt: a live blog scatters short updates too. On
 * WCXB dev this flags 17 more non-article pages and no article. */
const SCATTERED_MIN_PARAGRAPHS = 3;
const SCATTERED_MAX_BLOCK_CHARS = 300;
/** Share of links in a page's own text at which, with {@link LISTING_MIN_REPEATED_ITEMS} look-alike
 * cards and prose in separate boxes, the page is a list of links whatever it declares. On WCXB dev
 * 15 non-article pages and no article have all three (the articles above 0.65 have at most 19
 * cards, or one body of prose); 2 of those pages were published before this rule. */
const LINK_LIST_MIN_LINK_DENSITY = 0.65;
/** Prose a page that declares itself an article (JSON-LD, og:type) needs: a short brief has 400. */
const DECLARED_ARTICLE_MIN_PROSE_CHARS = 200;

const PRODUCT_MARKER = /add-?to-?cart|addtocart|product-price|buy-?now/i;
const FORUM_MARKER = /postbit|post-author|forum|topic-post|thread-?post|message-?author/i;
const CART_CONTROL = /add-?to-?(cart|bag|basket)|addtocart|buy-?now/i;
/** The label of a sort control: "Sort by", "Sort by: Most relevant", "Sort:". */
const SORT_LABEL = /^sort(\s+by\b.*|\s*:?)$/i;
const SORT_LABEL_MAX_CHARS = 40;
const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, "").length;

/**
 * Measures the structure of the pristine document (before any content is removed). Flat passes
 * over linkedom's element lists rather than CSS selectors: this runs on every page.
 */
export function measureStructure(doc: Document): PageStructure {
  const body = doc.body;
  if (!body)
    return {
      textChars: 0,
      linkDensity: 0,
      mainLinkDensity: 0,
      codeBlocks: 0,
      callsToAction: 0,
      headings: 0,
      repeatedItems: 0,
      proseChars: 0,
      proseParagraphs: 0,
      largestProseBlock: 0,
      productMarkers: 0,
      forumMarkers: 0,
      sortControls: 0,
      cartControls: 0,
      microdataTypes: [],
    };
  // One walk collects what the measures below need; linkedom's getElementsByTagName is a full
  // walk per call, and this runs on every page.
  const elements = allElements(body);
  const INVISIBLE = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);
  // Elements up to LINK_ANCESTOR_DEPTH levels above a link "hold a link" (a card, a list item).
  const LINK_ANCESTOR_DEPTH = 4;
  const holdsLink = new Set<Element>();
  const furniture = new Set<Element>();
  let invisible = 0;
  let linkChars = 0;
  let furnitureChars = 0;
  let furnitureLinkChars = 0;
  let codeBlocks = 0;
  let callsToAction = 0;
  let headings = 0;
  let proseChars = 0;
  let proseParagraphs = 0;
  const proseByParent = new Map<Element, number>();
  for (const el of elements) {
    const tag = el.tagName;
    // Elements come in document order, so a parent is seen before its children.
    const inFurniture = el.parentElement !== null && furniture.has(el.parentElement);
    if (inFurniture || isFurniture(el)) {
      furniture.add(el);
      if (!inFurniture) furnitureChars += squash(el.textContent);
    }
    if (!inFurniture && (tag === "A" || tag === "BUTTON") && isActionLabel(el, false)) callsToAction += 1;
    if (INVISIBLE.has(tag)) invisible += squash(el.textContent);
    else if (tag === "A") {
      const chars = squash(el.textContent);
      linkChars += chars;
      if (inFurniture) furnitureLinkChars += chars;
      let up: Element | null = el;
      for (let i = 0; i <= LINK_ANCESTOR_DEPTH && up; i++, up = up.parentElement) holdsLink.add(up);
    } else if (tag === "PRE") codeBlocks += 1;
    else if ((tag === "H2" || tag === "H3" || tag === "H4") && !inFurniture) headings += 1;
    else if (tag === "P") {
      const length = textWeight(el.textContent ?? "");
      if (length >= PROSE_PARAGRAPH_CHARS) {
        proseChars += length;
        proseParagraphs += 1;
        const parent = el.parentElement;
        if (parent) proseByParent.set(parent, (proseByParent.get(parent) ?? 0) + length);
      }
    }
  }
  const textChars = Math.max(0, squash(body.textContent) - invisible);

  const groups = new Map<Element, Map<string, number>>();
  let repeatedItems = 0;
  let articles = 0;
  let productMarkers = 0;
  let forumMarkers = 0;
  let sortControls = 0;
  let cartControls = 0;
  const microdataTypes = new Set<string>();
  for (const el of elements) {
    const tag = el.tagName;
    const cls = el.getAttribute("class") ?? "";
    for (const attr of ["itemtype", "typeof"]) {
      const value = el.getAttribute(attr);
      if (value)
        for (const type of value.split(/\s+/)) {
          const name = type.replace(/^.*[/:#]/, "");
          if (name) microdataTypes.add(name);
        }
    }
    if (tag === "ARTICLE") articles += 1;
    if (cls) {
      if (PRODUCT_MARKER.test(cls)) productMarkers += 1;
      else if (FORUM_MARKER.test(cls)) forumMarkers += 1;
    }
    if (el.getAttribute("itemprop") === "price") productMarkers += 1;
    const control = ["id", "name", "aria-label", "data-action"]
      .map((a) => el.getAttribute(a) ?? "")
      .join(" ");
    if (CART_CONTROL.test(control)) cartControls += 1;
    if (el.firstElementChild === null && !INVISIBLE.has(tag)) {
      const text = el.textContent ?? "";
      if (text.length <= SORT_LABEL_MAX_CHARS && SORT_LABEL.test(text.trim())) sortControls += 1;
    }
    if (!holdsLink.has(el)) continue;
    const parent = el.parentElement;
    if (!parent) continue;
    const byKey = groups.get(parent) ?? new Map<string, number>();
    groups.set(parent, byKey);
    const key = `${tag}.${cls}`;
    const n = (byKey.get(key) ?? 0) + 1;
    byKey.set(key, n);
    if (n > repeatedItems) repeatedItems = n;
  }
  repeatedItems = Math.max(repeatedItems, articles);

  // Links nested in links are rare enough to ignore; scripts inside furniture are not subtracted
  // from it (JSON in a menu is rarer still), so the main text is, if anything, underestimated.
  const mainChars = Math.max(0, textChars - furnitureChars);
  const mainLinkChars = Math.max(0, linkChars - furnitureLinkChars);
  return {
    textChars,
    linkDensity: textChars ? Math.min(1, linkChars / textChars) : 0,
    mainLinkDensity: mainChars ? Math.min(1, mainLinkChars / mainChars) : 0,
    codeBlocks,
    callsToAction,
    headings,
    repeatedItems,
    proseChars,
    proseParagraphs,
    largestProseBlock: Math.max(0, ...proseByParent.values()),
    productMarkers,
    forumMarkers,
    sortControls,
    cartControls,
    microdataTypes: [...microdataTypes],
  };
}

/** A <p> of at least this many characters (CJK weighted, see textWeight) is prose, not a label or a teaser line. */
export const PROSE_PARAGRAPH_CHARS = 70;

/** Prose a declared article needs in its extracted content when it also carries a product type: a
 * review or buying guide ("the 10 best dishwashers") declares both; a shop page has little prose. */
const REVIEW_MIN_PROSE_CHARS = 3000;
/** Extracted prose that, with a stated date and an author, makes a page an article however many
 * links and cards surround it (a news page under a heavy menu, a deals post): a short brief has ~400. */
const ATTRIBUTED_MIN_PROSE_CHARS = 400;

/*
 * The signals below were added on WCXB's dev split (`npm run eval:extraction`), each kept only when
 * it flagged many non-article pages for every article it flagged (signals that traded one article
 * for four non-articles or fewer were left out); thresholds are round values, with a neighbour or
 * two tried, not a searched optimum.
 */
/** Code samples (<pre>) at which an undated, unsigned page whose address is not a post's is
 * documentation (WCXB dev: 42 documentation and service pages, no article). */
const DOCUMENTATION_MIN_CODE_BLOCKS = 3;
/** Forum-markup classes (postbit, post-author…) at which a page is a thread. */
const FORUM_MIN_MARKERS = 3;
/** Share of a page's prose in one container at which the page is one body of text (an article,
 * whatever comment thread follows it) rather than posts, each in a container of its own. */
const ONE_BODY_SHARE = 2 / 3;

/** Forum-markup classes at which a page whose prose is not one body is a thread even though it
 * declares an article (a forum that marks its first post up as an Article): WCXB dev has no
 * article with 10 or more. */
const FORUM_THREAD_MIN_MARKERS = 10;
/** Add-to-cart controls at which a page that declares no article is a shop's product page (one
 * is a "buy the book" button under a post). */
const PRODUCT_MIN_CART_CONTROLS = 2;
/** Product nodes in the structured data at which a declared article is a roundup review ("the 7
 * best dishwashers"), whatever the prose found: a product page declares one product, with its offers. */
const ROUNDUP_MIN_PRODUCTS = 3;

/** Calls to action at which a page made of short headed sections is a landing page. */
const LANDING_MIN_CALLS_TO_ACTION = 2;
/** Section headings per 1,000 characters of prose at which a page is made of short sections (an
 * article's run every 1,000–2,000 characters; a landing page's every 200). */
const LANDING_MIN_HEADINGS_PER_1000 = 5;
/** Share of the prose in one container below which a page is made of separate boxes. */
const LANDING_MAX_ONE_BODY_SHARE = 0.2;

/** A landing page (a service, a product, a course): several calls to action among short headed
 * sections or prose split into boxes, where an article has one body. On WCXB dev, for pages that
 * make no article claim (see classifyPage): 27 non-article pages, 2 articles. */
function isLandingPage(structure: PageStructure, contentProseChars: number, bylined: boolean): boolean {
  if (structure.callsToAction < LANDING_MIN_CALLS_TO_ACTION) return false;
  // A signed page whose prose is one body is a post, however many headings and buttons frame it.
  if (bylined && structure.largestProseBlock >= ONE_BODY_SHARE * structure.proseChars) return false;
  const sectioned =
    (1000 * structure.headings) / Math.max(1000, contentProseChars) >= LANDING_MIN_HEADINGS_PER_1000;
  const boxed = structure.largestProseBlock < LANDING_MAX_ONE_BODY_SHARE * structure.proseChars;
  return sectioned || boxed;
}

/**
 * A page's address, when it is one: a host without a dot ("https://my-woodworking-blog/") is a
 * slug some tool wrote where the site's address should be, and says nothing about the page.
 */
function parseAddress(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  if (host && !host.includes(".") && !host.startsWith("[") && host !== "localhost") return undefined;
  return parsed;
}

/** A site's front page: the URL has no path (query strings of trackers aside). */
function isHomePage(url: string | undefined): boolean {
  const address = parseAddress(url);
  return address !== undefined && address.pathname.replace(/\/(index\.\w+)?$/, "") === "";
}

/**
 * The address a page is classified by: its canonical URL, else the address it was read from. A
 * canonical URL that names the site's front page for a page read from a deeper address is a
 * template's mistake (one canonical tag on every page), and the page's own address is used.
 */
export function classifiedAddress(
  canonical: string | undefined,
  given: string | undefined,
): string | undefined {
  if (canonical && given && isHomePage(canonical) && !isHomePage(given) && parseAddress(given)) return given;
  return canonical ?? given;
}

/** What a page's address says about it (see {@link urlShape}). */
export type UrlShape = "article" | "neutral" | "unknown" | Exclude<PageKind, "article">;

const ARTICLE_SECTIONS = /^(blogs?|news|articles?|posts?|stor(y|ies)|insights?|opinions?|columns?)$/;
/** Section names of pages that are not articles, by the kind they are held as. Plural forms
 * mostly: "/collection/" also names single essays. (A review filed under "/product/" that declares
 * a dated, signed article is published all the same: see classifyPage.) */
const NON_ARTICLE_SECTIONS: Array<[RegExp, Exclude<PageKind, "article">]> = [
  [
    /^(docs?|documentation|reference|manual|api|support|help|services|solutions|pricing|portfolio|programs|courses|certificates|tools|login|account)$/,
    "other",
  ],
  // A version in the path is versioned documentation: /en/latest/, /en/stable/, /book/en/v2/, /en/5.1/.
  [/^(latest|stable|current|v\d+(\.\d+)*|\d{1,2}(\.\d{1,2}){1,2})$/, "other"],
  // The chapters of a manual or an online book: /get-started/, /how-tos/, /quickstart/, /book/ch04.
  [/^(get(ting)?-started|quickstart|how-?tos|tutorials?|book)$/, "other"],
  // An organisation's pages about itself: /departments/, /what-we-do/, /why-us/, /case-studies/.
  [/^(departments?|what-we-do|why-us|testimonials|capabilities|industries|case-studies)$/, "other"],
  [/^(products?|shop|store|cart|checkout)$/, "product"],
  // "/c/" is a shop's category path (/c/furniture/living-room/).
  [/^(collections|categor(y|ies)|c|tags?|subjects?|sections|trending|search)$/, "listing"],
  // "/comments/" holds a link aggregator's thread (/r/science/comments/1rku5x9/…).
  [/^(threads?|questions|forums?|discussions|viewtopic|showthread|comments)$/, "forum"],
  // A calculator is a tool: /retirement-plan-calculator/.
  [/(^|-)calculator$/, "other"],
];
/** Query parameters of forum software that name a thread: index.php?topic=589061.0. (Not "t",
 * which is as often a timestamp.) */
const FORUM_THREAD_PARAMS = ["topic", "showtopic", "thread"];
/** The first labels of a host that name a documentation site, a forum or a shop
 * (docs.example.com, developer.example.com, community.example.com, shop.example.com). */
const NON_ARTICLE_HOSTS: Array<[RegExp, Exclude<PageKind, "article">]> = [
  [/^(docs?|developers?|learn|support|help|api|wiki)(-|$)/, "other"],
  [/^(forums?|community|discuss(ions?)?|bbs|boards?)(-|$)/, "forum"],
  [/^(store|shop)(-|$)/, "product"],
];
/** The last segment of a section's own page, the index of its posts: /news, /blog/, /issues/,
 * /latest-news/, /in-the-news/. */
const SECTION_INDEX =
  /^((in-the|latest|all|recent|company)-)?(blogs?|news|articles|posts|stories|insights|opinions|columns|issues)$/;
/** Words of a path segment that make it read like a headline. */
const HEADLINE_SLUG_WORDS = 4;
const DATE_IN_PATH = /\/(19|20)\d\d\/(0?[1-9]|1[0-2])\//;

/** A path segment that reads like a headline: {@link HEADLINE_SLUG_WORDS} words or more. */
const isHeadlineSlug = (segment: string) =>
  segment.split(/[-_+\s]+/).filter((w) => /\p{L}/u.test(w)).length >= HEADLINE_SLUG_WORDS;

/** The address ends in a headline's slug (/what-legal-aid/i-need-legal-help), its extension aside:
 * the page of one story, not a section holding several. */
function headlineAddress(url: string | undefined): boolean {
  const last = parseAddress(url)?.pathname.split("/").filter(Boolean).at(-1);
  if (!last) return false;
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape: the raw segment is read as it is.
  }
  return isHeadlineSlug(decoded.toLowerCase().replace(/\.[a-z][a-z0-9]{0,4}$/, ""));
}

/**
 * What a page's address says about it, from its path segments: "article" for a post or story
 * section (/blog/, /news/), a dated path (/2024/03/) or a slug that reads like a headline (four
 * words or more: /what-is-kitchen-sink-in-cloud-computing); a non-article kind for a
 * documentation, service, shop, tag or forum section (/docs/, /services/, /products/, /tag/,
 * /threads/); "neutral" otherwise (/pet-insurance/, /crm/), and "unknown" without a URL or
 * with a host that is no address (see {@link parseAddress}). A non-article section wins over a
 * headline slug (/docs/how-to-configure-the-server is documentation), a date over both. The last
 * segment of a post section is that section's index (/news, /blog/): a listing. Otherwise a post
 * section in the path is an article's, on any host; a documentation, forum or shop host
 * (docs.example.com, community.example.com) holds the rest. On WCXB dev the non-article sections
 * name 206 non-article pages and 1 article; the hosts, indexes and sections added since, 40 more
 * non-article pages and 1 article.
 */
export function urlShape(url: string | undefined): UrlShape {
  const address = parseAddress(url);
  if (!address) return "unknown";
  const path = address.pathname;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: the raw path is read as it is.
  }
  // "viewtopic.php" and "ch04-what-is-ownership.html" are read without their extension.
  const segments = decoded
    .toLowerCase()
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/\.[a-z][a-z0-9]{0,4}$/, ""));
  // A date in the path is a news site's article, whatever section it is filed under.
  if (DATE_IN_PATH.test(path)) return "article";
  for (const [pattern, kind] of NON_ARTICLE_SECTIONS) if (segments.some((s) => pattern.test(s))) return kind;
  if (FORUM_THREAD_PARAMS.some((name) => /^\d/.test(address.searchParams.get(name) ?? ""))) return "forum";
  if (SECTION_INDEX.test(segments.at(-1) ?? "")) return "listing";
  if (segments.some((s) => ARTICLE_SECTIONS.test(s))) return "article";
  // The labels before the site's own name and its suffix: "docs" in docs.example.com.
  const labels = address.hostname.toLowerCase().split(".").slice(0, -2);
  for (const [pattern, kind] of NON_ARTICLE_HOSTS) if (labels.some((l) => pattern.test(l))) return kind;
  const headline = segments.some(isHeadlineSlug);
  if (headline) return "article";
  return "neutral";
}

/**
 * Classifies a page, most trusted evidence first:
 *
 *   0. no main content at all: "other";
 *   1. schema.org types (JSON-LD, microdata, RDFa): a forum thread or Q&A page, a product (unless
 *      it also declares an article with the prose of a review, or names several products: a
 *      roundup); og:type product; a Service;
 *   2. the address: a documentation, service, shop, tag or forum section or host holds the page
 *      as that kind, unless its structured data declares a dated, signed article (a TechArticle,
 *      which documentation declares on every page, does not count);
 *   3. pages that make no article claim of their own (no article type in their structured data,
 *      no post's address, not both a date and an author): with code samples and neither date nor
 *      author, documentation; with calls to action among short sections, a landing page (unless
 *      signed and one body of prose);
 *   4. controls and markup no article has: a sort control (a listing, unless the structured data
 *      or the address claims an article), add-to-cart controls (a product, unless the structured
 *      data claims an article), og:type book, the markup of many posts around split prose (a
 *      forum, whatever article the page declares);
 *   5. a listing type in the structured data (over an og:type "article");
 *   6. a declared article (Article types, og:type article) that states its date and has a brief's
 *      worth of prose, or that much prose on the pristine page or in the extracted content;
 *   7. a site's front page;
 *   8. structure: shop and forum markers (forum markers only when no one body holds the prose),
 *      many repeated link cards, many links outside the menus (whatever the prose, on a page that
 *      makes no article claim), teasers scattered one per card — each overruled by a stated date,
 *      an author and a brief's worth of extracted prose (an article framed by heavy navigation);
 *   9. enough prose, or a brief's worth at a post's or headline's address: an article; else
 *      "other" (a declared article without a brief's worth of prose has nothing to publish).
 */
export function classifyPage(evidence: PageEvidence): PageKind {
  const { ogType, structure } = evidence;
  const declaredArticle = evidence.types.some((t) => ARTICLE_TYPES.test(t)) || ogType === "article";
  const prose = Math.max(structure.proseChars, evidence.contentProseChars);
  // The page's structured data (JSON-LD, microdata, RDFa) names an article type: stronger than an
  // og:type "article", which some publishing tools set on every page.
  const declaredInData = evidence.types.some((t) => ARTICLE_TYPES.test(t));
  // Documentation declares TechArticle (or APIReference) on every page: that claim does not
  // overrule a documentation address.
  const declaredStory = evidence.types.some(
    (t) => ARTICLE_TYPES.test(t) && !/^(TechArticle|APIReference)$/.test(t),
  );
  const attributed =
    evidence.dated && evidence.bylined && evidence.contentProseChars >= ATTRIBUTED_MIN_PROSE_CHARS;
  // A FAQ's Question/Answer nodes and the comments under a post are not a forum thread; a
  // DiscussionForumPosting beside an Article type is an article with comments.
  const faq = evidence.types.includes("FAQPage");
  const forumTypes = evidence.types.filter(
    (t) =>
      FORUM_TYPES.test(t) &&
      !(faq && (t === "Question" || t === "Answer")) &&
      !((declaredArticle || attributed) && /^(Comment|UserComments)$/.test(t)) &&
      !(t === "DiscussionForumPosting" && evidence.types.some((u) => u !== t && ARTICLE_TYPES.test(u))),
  );
  if (evidence.contentChars === 0) return "other";
  if (forumTypes.length > 0) return "forum";
  const roundup =
    declaredArticle && evidence.types.filter((t) => t === "Product").length >= ROUNDUP_MIN_PRODUCTS;
  if (
    evidence.types.some((t) => PRODUCT_TYPES.test(t)) &&
    !roundup &&
    !(declaredArticle && evidence.contentProseChars >= REVIEW_MIN_PROSE_CHARS)
  )
    return "product";
  if (ogType === "product" || ogType === "og:product" || ogType?.startsWith("product.")) return "product";
  if (evidence.types.some((t) => SERVICE_TYPES.test(t)) && !declaredInData) return "other";
  const shape = urlShape(evidence.url);
  if (
    shape !== "article" &&
    shape !== "neutral" &&
    shape !== "unknown" &&
    !(declaredStory && evidence.dated && evidence.bylined)
  )
    return shape;
  const unclaimed = !declaredInData && shape !== "article" && !(evidence.dated && evidence.bylined);
  if (
    unclaimed &&
    !evidence.dated &&
    !evidence.bylined &&
    structure.codeBlocks >= DOCUMENTATION_MIN_CODE_BLOCKS
  )
    return "other";
  if (unclaimed && isLandingPage(structure, evidence.contentProseChars, evidence.bylined)) return "other";
  // A "Sort by" control orders a list of items; an article's claim (its structured data, a post's
  // address) outweighs it, for the comments under a post may be sortable too. (WCXB dev: 75
  // non-article pages have one, and 1 article.)
  if (structure.sortControls > 0 && shape !== "article" && !declaredInData) return "listing";
  if (structure.cartControls >= PRODUCT_MIN_CART_CONTROLS && !declaredInData) return "product";
  // og:type "book": a book's page or one of its chapters, not an article.
  if (ogType === "book" || ogType?.startsWith("book.")) return "other";
  if (
    structure.forumMarkers >= FORUM_THREAD_MIN_MARKERS &&
    structure.largestProseBlock < ONE_BODY_SHARE * structure.proseChars
  )
    return "forum";
  if (evidence.types.some((t) => LISTING_TYPES.test(t)) && !declaredInData && shape !== "article")
    return "listing";
  // A site's front page lists what the site has, whatever article its template declares (a blog's
  // front page declares its latest post).
  if (isHomePage(evidence.url)) return "listing";
  // Own text mostly links, in many look-alike cards, and prose (if any) in separate boxes: a list of
  // links with teasers, whatever its template declares, unless it is a dated, signed story (a news
  // article under a wall of links keeps its prose in one body, as does a post above an archive).
  if (
    structure.mainLinkDensity >= LINK_LIST_MIN_LINK_DENSITY &&
    structure.repeatedItems >= LISTING_MIN_REPEATED_ITEMS &&
    structure.largestProseBlock < ONE_BODY_SHARE * structure.proseChars &&
    !(declaredStory && evidence.dated && evidence.bylined)
  )
    return "listing";
  if (declaredArticle && evidence.dated && evidence.contentProseChars >= DECLARED_ARTICLE_MIN_PROSE_CHARS)
    return "article";
  // Prose on the pristine page, or found in <div>s and <br>s by the extraction.
  if (declaredArticle && prose >= DECLARED_ARTICLE_MIN_PROSE_CHARS) return "article";
  if (structure.productMarkers >= 2 && structure.proseChars < LISTING_MAX_PROSE_CHARS) return "product";
  if (
    structure.forumMarkers >= FORUM_MIN_MARKERS &&
    structure.largestProseBlock < ONE_BODY_SHARE * structure.proseChars
  )
    return "forum";
  if (attributed) return "article";
  if (structure.repeatedItems >= LISTING_MIN_REPEATED_ITEMS && structure.proseChars < LISTING_MAX_PROSE_CHARS)
    return "listing";
  // A page that makes no article claim and whose own text is mostly links is a listing however
  // much prose its teasers add up to, unless that prose is one body of an article's length (an
  // article whose paragraphs are dense with links to sources and further reading).
  const oneBodyOfProse =
    structure.largestProseBlock >= ONE_BODY_SHARE * structure.proseChars &&
    evidence.contentProseChars >= UNDECLARED_ARTICLE_MIN_PROSE_CHARS;
  if (
    structure.mainLinkDensity >= LISTING_MIN_LINK_DENSITY &&
    (structure.proseChars < LISTING_MAX_PROSE_CHARS || unclaimed) &&
    !oneBodyOfProse
  )
    return "listing";
  // (At a headline's address, short paragraphs each in a box of their own are an article's.)
  if (
    !declaredArticle &&
    !headlineAddress(evidence.url) &&
    structure.proseParagraphs >= SCATTERED_MIN_PARAGRAPHS &&
    structure.largestProseBlock < SCATTERED_MAX_BLOCK_CHARS
  )
    return "listing";
  if (prose >= UNDECLARED_ARTICLE_MIN_PROSE_CHARS) return "article";
  if (shape === "article" && prose >= ATTRIBUTED_MIN_PROSE_CHARS) return "article";
  return "other";
}
