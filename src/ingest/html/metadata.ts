import { dateInUrl, type ParsedDate, parseDateText, parsePageDate } from "../dates.ts";
import { allElements } from "./dom.ts";
import type { Found, HtmlExtraction, MetadataOrigin } from "./types.ts";

/**
 * Page metadata, most trusted source first: JSON-LD (the article node, also inside @graph arrays),
 * OpenGraph / article:* properties, other <meta> conventions (Dublin Core, parsely, sailthru,
 * plain author/date), microdata and <time> elements, then the page itself (<title>, <html lang>,
 * bylines in the text). The order of the first sources follows Mozilla Readability's, whose test
 * pages are our reference for what a reader expects; the later ones add what news CMSs also use.
 *
 * Read this from the pristine document, before Readability (which mutates it) runs.
 */

/** The metadata fields of an extraction, plus what page-kind and body checks need. */
export interface PageMetadata
  extends Pick<
    HtmlExtraction,
    "title" | "byline" | "published" | "modified" | "siteName" | "language" | "canonicalUrl"
  > {
  /** JSON-LD / og:type evidence of the page kind (all @type values seen, og:type). */
  jsonLdTypes: string[];
  ogType: string | undefined;
  /** articleBody from JSON-LD, when the publisher gave one (a check on the extracted body). */
  jsonLdBody: string | undefined;
  /** The document's own <title>, as written. */
  documentTitle: string | undefined;
  warnings: string[];
}

/** JSON-LD types that are articles (schema.org's Article subtypes plus common near-misses). */
export const ARTICLE_TYPES =
  /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$/;

/** Longest plausible byline: longer "author" values are bios or boilerplate, not names. */
const MAX_BYLINE_CHARS = 100;

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: Json): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
const typesOf = (node: JsonObject): string[] => {
  const t = node["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === "string")
    .map((x) => x.replace(/^https?:\/\/schema\.org\//, ""));
};

/** Every JSON-LD node on the page, flattened (arrays and @graph). Broken blocks are skipped. */
export function jsonLdNodes(doc: Document, warnings: string[]): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: Json, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      nodes.push(value);
      if (Array.isArray(value["@graph"])) visit(value["@graph"], depth + 1);
      if (isObject(value.mainEntity)) visit(value.mainEntity, depth + 1);
    }
  };
  // getElementsByTagName, not querySelectorAll: linkedom walks its node list directly for it,
  // which is several times faster than a CSS selector on large pages.
  for (const script of Array.from(doc.getElementsByTagName("script"))) {
    if ((script.getAttribute("type") ?? "").trim().toLowerCase() !== "application/ld+json") continue;
    const raw = (script.textContent ?? "").replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, "").trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      try {
        // Control characters inside strings are the most common breakage; retry without them.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what is removed
        visit(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, " ")), 0);
      } catch {
        warnings.push("a JSON-LD block is not valid JSON; skipped");
      }
    }
  }
  return nodes;
}

function personNames(value: Json): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((item) => (typeof item === "string" ? str(item) : isObject(item) ? str(item.name) : undefined))
    .filter((name): name is string => name !== undefined);
  return names.length > 0 ? names.join(", ") : undefined;
}

/** All <meta> values by lower-cased key (property, name or itemprop); the last one wins, as in
 * Readability, except that every value is kept for the keys where several are common (authors). */
function metaValues(doc: Document): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of Array.from(doc.getElementsByTagName("meta"))) {
    const content = meta.getAttribute("content")?.trim();
    if (!content) continue;
    for (const attr of ["property", "name", "itemprop", "http-equiv"]) {
      const keys = meta.getAttribute(attr);
      if (!keys) continue;
      for (const key of keys.toLowerCase().split(/\s+/)) {
        if (!key) continue;
        const list = values.get(key) ?? [];
        list.push(content);
        values.set(key, list);
      }
    }
  }
  return values;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&(quot|amp|apos|lt|gt|nbsp|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      if (lower === "quot") return '"';
      if (lower === "amp") return "&";
      if (lower === "apos") return "'";
      if (lower === "lt") return "<";
      if (lower === "gt") return ">";
      if (lower === "nbsp") return " ";
      const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

const isUrl = (text: string) => /^(https?:)?\/\//i.test(text.trim());

/** What follows a name in a byline block and is not part of it: a date, "Published …", "Updated …". */
const BYLINE_TAIL =
  /\s*(?:[-–—|•·,]\s*)?(?:\bon\s+)?(?:(?:Published|Updated|Posted|Last [Uu]pdated)\b.*|(?<=\son\s+)\d.*|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b.*)$/;

/**
 * Cleans a byline candidate: "By Jane Doe" → "Jane Doe", "BySummer Swann-June 12, 2025" →
 * "Summer Swann" (page text glues label, name and date together); URLs, bios and labels refused.
 */
export function cleanByline(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = decodeEntities(raw)
    .replace(/^[\s,;:|–—-]+/, "")
    .replace(/^([Ww]ritten by|[Pp]osted by|[Bb]y)(?=\p{Lu})/u, "")
    .replace(/^(by|from|written by|posted by|author|par|von|автор|текст)\s*:?\s+/i, "")
    .replace(BYLINE_TAIL, "")
    .replace(/[\s,;:|–—-]+$/, "")
    .trim();
  if (!text || isUrl(text) || text.length > MAX_BYLINE_CHARS || /^[^\p{L}]+$/u.test(text)) return undefined;
  if (/^(by|author|written by|posted by|the author|admin)$/i.test(text)) return undefined;
  return text;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "en_US" → "en-US"; anything that is not a language tag → undefined. */
export function normaliseLanguage(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const tag =
    raw
      .trim()
      .replace(/_/g, "-")
      .split(/[,;\s]/)[0] ?? "";
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return undefined;
  const [primary, ...rest] = tag.split("-");
  return [primary?.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join("-");
}

const found = <T>(value: T | undefined, origin: MetadataOrigin): Found<T> | undefined =>
  value === undefined ? undefined : { value, origin };

/** The first candidate that has a value. */
function first<T>(...candidates: Array<Found<T> | undefined>): Found<T> | undefined {
  return candidates.find((c) => c !== undefined);
}

/** Word-set similarity as in Readability (share of b's tokens found in a). */
function textSimilarity(a: string, b: string): number {
  const tokens = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const ta = new Set(tokens(a));
  const tb = tokens(b);
  if (ta.size === 0 || tb.length === 0) return 0;
  const unique = tb.filter((t) => !ta.has(t));
  return 1 - unique.join(" ").length / tb.join(" ").length;
}

/**
 * A <title> with the site's name cut off: "Headline | Site", "Headline - Site", "Site: Headline"
 * lose the part that equals the site name (compared case- and space-insensitively).
 */
export function stripSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const site = norm(siteName);
  if (!site) return title;
  const parts = title.split(/\s+[|\-–—·•»\\/]\s+|\s*\|\s*/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1] ?? "";
  const firstPart = parts[0] ?? "";
  if (norm(last) === site || (norm(last).length > 2 && site.startsWith(norm(last)))) {
    return (
      title
        .slice(0, title.lastIndexOf(last))
        .replace(/\s*[|\-–—:·•»\\/]\s*$/, "")
        .trim() || title
    );
  }
  if (norm(firstPart) === site) {
    return (
      title
        .slice(firstPart.length)
        .replace(/^\s*[|\-–—·•»\\/]\s*/, "")
        .trim() || title
    );
  }
  return title;
}

/** Words a site's name may keep in lower case ("Voice of America", "Le Monde", "Новая газета"). */
const NAME_LINKS = new Set([
  "of",
  "the",
  "and",
  "for",
  "on",
  "in",
  "de",
  "du",
  "des",
  "la",
  "le",
  "el",
  "der",
  "die",
  "das",
  "und",
  "di",
  "del",
]);

/** Words that describe a page, not name its site. */
const NOT_IN_NAMES =
  /^(best|top|reviews?|guides?|picks|download|free|latest|updated|comparison|tips|buy|cheap|sale|how|why|what|from|your)$/i;
/** Section names that end titles ("Headline | Opinion"). */
const SECTIONS =
  /^(opinion|news|home|shop|store|blog|politics|world|business|sports?|tech|technology|health|culture|local|district|video|videos|live|tested|unisex|men|women|kids)$/i;

/**
 * The site's name from a <title> of the form "Headline | Site" (or " – ", " — ", " - ", " :: ",
 * " · ", " • ", " » "), for a page that names its site nowhere else: the last part, when it reads as
 * a name (a domain, or one to five words that start with a capital or a digit, a lower-case word
 * after the first allowed in Cyrillic names and short linking words) and the part before it is a
 * headline of three words or more. "Call-up points open in the city | Kharkiv Evening Post" gives
 * "Kharkiv Evening Post"; "Russia-Ukraine war - live updates" gives nothing.
 */
export function siteNameFromTitle(title: string | undefined): string | undefined {
  const match = /^(.*\S)\s+(?:[|–—·•»]|-|::)\s+([^|–—·•»]+)$/u.exec(title?.replace(/\s+/g, " ").trim() ?? "");
  if (!match) return undefined;
  const headline = match[1] as string;
  const name = (match[2] as string).trim();
  if (headline.split(" ").length < 3 || name.length > 40) return undefined;
  if (/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(name)) return name;
  const words = name.split(" ");
  // A list, a date or a number ("Reviews, Sizing", "Updated 2025", "Top 10 Picks") is no name,
  // nor is a section ("| Opinion") or what a shop or a list says of itself ("Best Picks").
  if (words.length > 5 || /[!?,;:]/.test(name) || /(^|\s)[\d.]+(\s|$)/.test(name)) return undefined;
  if (words.some((word) => NOT_IN_NAMES.test(word)) || (words.length === 1 && SECTIONS.test(name)))
    return undefined;
  const named = words.every(
    (word, i) =>
      /^[\p{Lu}\p{N}]/u.test(word) ||
      (i > 0 && (NAME_LINKS.has(word) || /^[\p{Script=Cyrillic}]/u.test(word))),
  );
  return named ? name : undefined;
}

/**
 * A title candidate that is a CMS identifier, not words ("d-161500790", "article_12345678",
 * "5f3a9c0e12ab"): one token with a run of 5+ digits or a hex hash, or a short prefix and a number.
 * Such a value (a JSON-LD `name` or og:title some CMSs fill with the document id) gives way to the
 * next source.
 */
const IDENTIFIER_TITLE =
  /^(?:[\p{L}]{0,12}[-_:.]?\d{5,}[\w-]*|[a-z]{1,3}[-_]\d+|[0-9a-f]{8,}|[\w-]*\d{5,}[\w-]*)$/iu;

/** The candidate, unless it is empty or an identifier ({@link IDENTIFIER_TITLE}). */
export function realTitle(candidate: string | undefined): string | undefined {
  const text = candidate?.trim();
  if (!text || (!/\s/.test(text) && IDENTIFIER_TITLE.test(text))) return undefined;
  return candidate;
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const SEPARATOR = / [|\-–—\\/>»] /;

/**
 * The article title from the document's <title> when no metadata names it, after Readability's
 * `_getArticleTitle`: cut at the last " | ", " - ", " – ", " — ", " / ", " » " separator (or drop
 * the first part when what is left is under 3 words); for "Site: Title" keep what follows the
 * colon unless an <h1>/<h2> repeats the whole title; a title too short or too long gives way to the
 * page's only <h1>.
 */
export function titleFromDocument(doc: Document, documentTitle: string | undefined): string | undefined {
  const original = documentTitle ?? "";
  let title = original;
  let hierarchical = false;
  if (SEPARATOR.test(title)) {
    hierarchical = / [\\/>»] /.test(title);
    const separators = Array.from(original.matchAll(/ [|\-–—\\/>»] /g));
    title = original.slice(0, separators[separators.length - 1]?.index ?? original.length);
    if (wordCount(title) < 3) title = original.replace(/^[^|\-–—\\/>»]*[|\-–—\\/>»]/, "");
  } else if (title.includes(": ")) {
    const headings = Array.from(doc.querySelectorAll("h1, h2")).map((h) => (h.textContent ?? "").trim());
    if (!headings.includes(title.trim())) {
      title = original.slice(original.lastIndexOf(":") + 1);
      if (wordCount(title) < 3) title = original.slice(original.indexOf(":") + 1);
      else if (wordCount(original.slice(0, original.indexOf(":"))) > 5) title = original;
    }
  } else if (title.length > 150 || title.length < 15) {
    const h1s = doc.querySelectorAll("h1");
    if (h1s.length === 1) title = (h1s[0]?.textContent ?? "").trim();
  }
  title = title.trim().replace(/\s{2,}/g, " ");
  const words = wordCount(title);
  if (words <= 4 && (!hierarchical || words !== wordCount(original.replace(/[|\-–—\\/>»]+/g, "")) - 1))
    title = original;
  return title || undefined;
}

function dateFound(
  raw: string | undefined,
  origin: MetadataOrigin,
  warnings: string[],
  what: string,
): Found<string> | undefined {
  if (!raw) return undefined;
  const parsed: ParsedDate | undefined = parsePageDate(decodeEntities(raw));
  if (!parsed) {
    warnings.push(`${what} "${raw.slice(0, 40)}" (${origin}) is not a valid date; ignored`);
    return undefined;
  }
  return { value: parsed.iso, origin };
}

/** A date found in the URL path (/2024/03/22/, …-14-janvier-2020), the source of last resort. */
function dateFromUrl(url: string | undefined): string | undefined {
  const day = url ? dateInUrl(url)?.value : undefined;
  return day ? parsePageDate(day)?.iso : undefined;
}

/** Reads every metadata field from the pristine document (see the module comment for the order). */
export function readMetadata(doc: Document, pageUrl: string | undefined): PageMetadata {
  const warnings: string[] = [];
  const nodes = jsonLdNodes(doc, warnings);
  const jsonLdTypes = nodes.flatMap(typesOf);
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
  const pageNode = nodes.find((n) => typesOf(n).some((t) => /WebPage$/.test(t)));
  const webSite = nodes.find((n) => typesOf(n).includes("WebSite"));
  const organisation = nodes.find((n) => typesOf(n).some((t) => /Organization$/.test(t)));
  const meta = metaValues(doc);
  const m = (key: string) => {
    const list = meta.get(key);
    return list ? list[list.length - 1] : undefined;
  };
  const documentTitle =
    doc.getElementsByTagName("title")[0]?.textContent?.replace(/\s+/g, " ").trim() || undefined;
  const itemprops = firstByItemprop(doc);

  // Site name (needed to clean titles).
  const siteName = first(
    found(isObject(article?.publisher) ? str(article.publisher.name) : undefined, "json-ld"),
    found(m("og:site_name"), "opengraph"),
    found(str(webSite?.name), "json-ld"),
    found(m("application-name") ?? m("apple-mobile-web-app-title"), "meta"),
    found(str(organisation?.name), "json-ld"),
    found(siteNameFromTitle(documentTitle), "page"),
  );
  if (siteName) siteName.value = decodeEntities(siteName.value);

  // Title.
  let jsonLdTitle: string | undefined;
  if (article) {
    const name = realTitle(str(article.name));
    const headline = realTitle(str(article.headline));
    if (name && headline && name !== headline) {
      const reference = titleFromDocument(doc, documentTitle) ?? "";
      jsonLdTitle =
        textSimilarity(headline, reference) > 0.75 && !(textSimilarity(name, reference) > 0.75)
          ? headline
          : name;
    } else jsonLdTitle = name ?? headline;
  }
  const metaTitle = first(
    found(realTitle(m("dc:title") ?? m("dc.title") ?? m("dcterm:title") ?? m("dcterms.title")), "meta"),
    found(realTitle(m("og:title")), "opengraph"),
    found(realTitle(m("weibo:article:title") ?? m("weibo:webpage:title") ?? m("title")), "meta"),
    found(realTitle(m("twitter:title") ?? m("parsely-title") ?? m("sailthru.title")), "meta"),
  );
  const title = first(
    found(realTitle(jsonLdTitle), "json-ld"),
    metaTitle,
    found(realTitle(titleFromDocument(doc, documentTitle)), "page"),
  );
  if (title) title.value = stripSiteName(decodeEntities(title.value), siteName?.value);

  // Byline.
  const articleAuthor = m("article:author");
  const byline = first(
    found(cleanByline(personNames(article?.author)), "json-ld"),
    found(
      cleanByline(m("dc:creator") ?? m("dc.creator") ?? m("dcterm:creator") ?? m("dcterms.creator")),
      "meta",
    ),
    found(cleanByline(m("author")), "meta"),
    found(cleanByline(m("parsely-author")), "meta"),
    found(cleanByline(articleAuthor && !isUrl(articleAuthor) ? articleAuthor : undefined), "opengraph"),
    found(cleanByline(m("sailthru.author") ?? m("byl") ?? m("twitter:creator:name")), "meta"),
    found(cleanByline(pageByline(doc)), "page"),
    found(cleanByline(microdataAuthor(itemprops)), "microdata"),
  );

  // Dates.
  const published = first(
    dateFound(str(article?.datePublished), "json-ld", warnings, "datePublished"),
    dateFound(m("article:published_time"), "opengraph", warnings, "article:published_time"),
    dateFound(m("parsely-pub-date"), "meta", warnings, "parsely-pub-date"),
    dateFound(str(pageNode?.datePublished), "json-ld", warnings, "datePublished"),
    dateFound(
      m("og:published_time") ??
        m("published_time") ??
        m("datepublished") ??
        m("pubdate") ??
        m("publishdate") ??
        m("publish-date") ??
        m("publish_date") ??
        m("sailthru.date") ??
        m("dc.date.issued") ??
        m("dc.date") ??
        m("dc:date") ??
        m("dcterms.created") ??
        m("dcterms.date") ??
        m("date") ??
        m("article.published") ??
        m("cxenseparse:recs:publishtime"),
      "meta",
      warnings,
      "date meta",
    ),
    dateFound(microdataDate(itemprops, "datepublished"), "microdata", warnings, "datePublished"),
    dateFound(timeElementDate(doc), "page", warnings, "<time>"),
    found(visibleDate(doc), "page"),
    found(dateFromUrl(pageUrl), "url"),
  );
  const modified = first(
    dateFound(str(article?.dateModified), "json-ld", warnings, "dateModified"),
    dateFound(m("article:modified_time") ?? m("og:updated_time"), "opengraph", warnings, "modified time"),
    dateFound(
      m("dcterms.modified") ?? m("last-modified") ?? m("datemodified"),
      "meta",
      warnings,
      "modified meta",
    ),
    dateFound(microdataDate(itemprops, "datemodified"), "microdata", warnings, "dateModified"),
  );

  // Language.
  const language = first(
    found(normaliseLanguage(doc.documentElement?.getAttribute("lang") ?? undefined), "page"),
    found(normaliseLanguage(doc.documentElement?.getAttribute("xml:lang") ?? undefined), "page"),
    found(normaliseLanguage(m("content-language") ?? m("language") ?? m("dc.language")), "meta"),
    found(normaliseLanguage(m("og:locale")), "opengraph"),
    found(normaliseLanguage(str(article?.inLanguage)), "json-ld"),
  );

  // Canonical URL.
  const mainEntity = article?.mainEntityOfPage;
  const canonicalUrl = first(
    found(resolveUrl(canonicalLink(doc), pageUrl), "page"),
    found(resolveUrl(m("og:url"), pageUrl), "opengraph"),
    found(
      resolveUrl(
        str(article?.url) ?? (isObject(mainEntity) ? str(mainEntity["@id"]) : str(mainEntity)),
        pageUrl,
      ),
      "json-ld",
    ),
    found(resolveUrl(pageUrl, undefined), "url"),
  );

  const body = str(article?.articleBody);
  return {
    title,
    byline,
    published,
    modified,
    siteName,
    language,
    canonicalUrl,
    jsonLdTypes,
    ogType: m("og:type")?.toLowerCase(),
    jsonLdBody: body ? decodeEntities(body) : undefined,
    documentTitle,
    warnings,
  };
}

/** Class/id words of byline elements (Readability's list). */
const BYLINE_MARKER = /byline|author|dateline|writtenby|p-author/i;

/**
 * The first element, in document order, that marks itself as the byline (rel=author,
 * itemprop=author, or a byline/author class or id), as Readability finds it while scoring: its
 * [itemprop=name] child when it has one. Text of 100+ characters is a bio, not a byline.
 */
function pageByline(doc: Document): string | undefined {
  const body = doc.body;
  if (!body) return undefined;
  for (const el of allElements(body)) {
    const marker = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    const isByline =
      el.getAttribute("rel") === "author" ||
      (el.getAttribute("itemprop") ?? "").includes("author") ||
      BYLINE_MARKER.test(marker);
    if (!isByline) continue;
    if (/^(script|style|meta|link|img|svg|button|input|form)$/i.test(el.tagName)) continue;
    const text = (el.textContent ?? "").trim();
    if (!text || text.length >= MAX_BYLINE_CHARS) continue;
    const name = allElements(el).find((c) => (c.getAttribute("itemprop") ?? "").includes("name"));
    return ((name?.textContent ?? "").trim() || text).replace(/\s+/g, " ");
  }
  return undefined;
}

function canonicalLink(doc: Document): string | undefined {
  for (const link of Array.from(doc.getElementsByTagName("link"))) {
    if ((link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("canonical"))
      return link.getAttribute("href") ?? undefined;
  }
  return undefined;
}

/** The first element carrying each itemprop token (lower-cased), in one pass over the page. */
function firstByItemprop(doc: Document): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of allElements(doc)) {
    const props = el.getAttribute("itemprop");
    if (!props) continue;
    for (const prop of props.toLowerCase().split(/\s+/)) if (prop && !map.has(prop)) map.set(prop, el);
  }
  return map;
}

function microdataAuthor(itemprops: Map<string, Element>): string | undefined {
  const el = itemprops.get("author");
  if (!el) return undefined;
  const name = allElements(el).find((c) =>
    (c.getAttribute("itemprop") ?? "").toLowerCase().split(/\s+/).includes("name"),
  );
  const value =
    name?.getAttribute("content") ?? name?.textContent ?? el.getAttribute("content") ?? el.textContent;
  return value?.replace(/\s+/g, " ").trim();
}

function microdataDate(itemprops: Map<string, Element>, prop: string): string | undefined {
  const el = itemprops.get(prop);
  if (!el) return undefined;
  return (
    (el.getAttribute("content") ?? el.getAttribute("datetime") ?? el.textContent ?? "").trim() || undefined
  );
}

/** <time pubdate>, or the first <time datetime> inside an article, header or main element. */
function timeElementDate(doc: Document): string | undefined {
  const times = Array.from(doc.getElementsByTagName("time")).filter((t) => t.getAttribute("datetime"));
  const el =
    times.find((t) => t.hasAttribute("pubdate")) ??
    times.find((t) => t.closest("article, header, main") !== null);
  return el?.getAttribute("datetime") ?? undefined;
}

/** Class/id words of elements that show the publication date on the page. */
const DATE_MARKER =
  /(^|[\s_-])(date|dateline|time|published|pubdate|posted|post-?meta|entry-?meta|article-?meta|byline|meta)([\s_-]|$)/i;
/** Longest text of a date element: longer ones are paragraphs that happen to contain a date. */
const MAX_DATE_TEXT_CHARS = 80;

/**
 * A date shown on the page, for pages without date metadata: the first short element marked as a
 * date (class or id) whose text, once "Published:"/"Posted on" and a byline are cut off, parses.
 */
function visibleDate(doc: Document): string | undefined {
  if (!doc.body) return undefined;
  for (const el of allElements(doc.body)) {
    const marker = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (!DATE_MARKER.test(marker)) continue;
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (!text || text.length > MAX_DATE_TEXT_CHARS) continue;
    const candidates = [
      text,
      text.replace(/^.*?\b(published|posted|updated|date)\b\s*(on|:)?\s*/i, ""),
      /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2}/i.exec(
        text,
      )?.[0] ?? "",
    ];
    for (const candidate of candidates) {
      const parsed = candidate ? parsePageDate(candidate) : undefined;
      if (parsed) return parsed.iso;
    }
    // Dates in words of other languages: "14 janvier 2020", "14. März 2020", "22 марта 2024".
    try {
      const parsed = parseDateText(candidates[1] ?? text);
      if (parsed) return parsed.iso;
    } catch {
      // an impossible date shown on a page is no date
    }
  }
  return undefined;
}
