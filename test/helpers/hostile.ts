import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify as stringifyYaml } from "yaml";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { makeArticleId } from "../../src/content/ids.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { type ArticleFrontMatterInput, ArticleFrontMatterSchema } from "../../src/content/schema.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { sharedPath } from "./shared.ts";

/**
 * Hostile inputs: every payload of the XSS and naughty-string corpora in `../shared/corpora`,
 * placed in every field an input can reach. Input kinds are a table: a new reader (HTML page,
 * feed item) adds a row whose `make` turns a payload into its kind of input, and the security
 * tests pick it up. Kinds without a reader yet carry a `todo` note and are skipped with it; a
 * kind runs a deterministic `sample` of the payloads (see `third`).
 */

/** Where the corpora live, relative to `../shared`. */
export const DOMPURIFY = ["corpora", "dompurify", "payloads.json"];
export const BLNS = ["corpora", "blns", "blns.json"];

export interface Payload {
  corpus: "dompurify" | "blns";
  index: number;
  text: string;
}

/** Every payload of both corpora, duplicates included, in corpus order. */
export function loadPayloads(): Payload[] {
  const dompurify = JSON.parse(readFileSync(sharedPath(...DOMPURIFY), "utf8")) as { payload: string }[];
  const blns = JSON.parse(readFileSync(sharedPath(...BLNS), "utf8")) as string[];
  return [
    ...dompurify.map((p, index) => ({ corpus: "dompurify" as const, index, text: p.payload })),
    ...blns.map((text, index) => ({ corpus: "blns" as const, index, text })),
  ];
}

/** Fields of an article that input can reach. */
export type HostileField =
  | "title"
  | "body"
  | "summary"
  | "quote"
  | "quote-speaker"
  | "byline"
  | "link-url"
  | "image-caption"
  | "image-credit"
  | "url"
  | "update-note"
  | "cited"
  | "source-name"
  | "provenance-input";

export type ArticleDraft = ArticleFrontMatterInput & { body: string };

/** One hostile input, ready to be put where its kind goes. */
export type HostileInput =
  /** A raw capture file, to go through the real ingest pipeline. */
  | { kind: "text-capture"; payload: Payload; fileName: string; text: string }
  /**
   * A saved HTML page or a feed file, ingested through the real pipeline without --source: its
   * outlet is resolved from its URL and created (in the batch's own registry) from its site name.
   */
  | {
      kind: "page-or-feed";
      inputKind: "HTML page" | "feed item";
      payload: Payload;
      fileName: string;
      text: string;
    }
  /** An article file written by serializeArticle, for fields a capture cannot reach. */
  | {
      kind: "article-file";
      payload: Payload;
      article: ArticleDraft;
      /** An outlet for the registry, so the source name carries the payload too. */
      source: { id: string; name: string };
    };

export interface InputKind {
  name: string;
  fields: readonly HostileField[];
  /** Why the kind cannot run yet; the tests skip it with this note. */
  todo?: string;
  /** Turns one payload (of all of them, for kinds that group) into an input of this kind. */
  make?: (payload: Payload, all: readonly Payload[]) => HostileInput;
  /** The payloads this kind runs, when not all of them (a deterministic subset, to bound the runtime). */
  sample?: (payload: Payload) => boolean;
}

/** The day every hostile article is dated: one digest issue per batch. */
export const HOSTILE_DAY = "2024-05-01";
/** The outlet hostile captures are ingested as. */
export const HOSTILE_CAPTURE_SOURCE = "moscow-times";

const label = (p: Payload) => `${p.corpus} ${p.index}`;
/** A capture line cannot hold a line break; a title or credit is one line. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, " ");
const nonBlank = (text: string, fallback: string) => (text.trim() === "" ? fallback : text);

/** How much of a payload fits in a capture headline (the extractor takes headlines up to 250 characters). */
const HEADLINE_PAYLOAD_LENGTH = 200;

/** A text capture with the payload as headline, lead (→ summary), a body paragraph and a quote. */
function textCapture(payload: Payload): HostileInput {
  const line = oneLine(payload.text);
  const text = [
    // A headline longer than the extractor's limit is (rightly) refused; the full payload is below.
    `Hostile capture ${label(payload)}: ${line.slice(0, HEADLINE_PAYLOAD_LENGTH)}`,
    "",
    `Lead of ${label(payload)}: ${line}`,
    "",
    payload.text,
    "",
    `“${line} is what hostile speaker ${label(payload)} wanted printed,” the hostile source said.`,
    "",
    `Last paragraph of ${label(payload)}.`,
    "",
  ].join("\n");
  return { kind: "text-capture", payload, fileName: `${payload.corpus}-${payload.index}.txt`, text };
}

/** An article URL carrying the payload, when the schema accepts one (it only takes http(s) URLs). */
function hostileUrl(payload: Payload): string | undefined {
  const candidate = `https://example.org/${payload.corpus}/${payload.index}/${payload.text}`;
  return ArticleFrontMatterSchema.shape.url.safeParse(candidate).success ? candidate : undefined;
}

/**
 * Payloads per hostile outlet: each outlet's name is its payloads joined, so every payload is in a
 * source name while the site gets one source page per ten articles, not one per article.
 */
export const PAYLOADS_PER_SOURCE = 10;

/** An article file with the payload in every field a capture cannot reach. */
function articleFile(payload: Payload, all: readonly Payload[]): HostileInput {
  const title = nonBlank(payload.text, `(blank payload ${label(payload)})`);
  const group = Math.floor(all.indexOf(payload) / PAYLOADS_PER_SOURCE);
  const members = all.slice(group * PAYLOADS_PER_SOURCE, (group + 1) * PAYLOADS_PER_SOURCE);
  const source = {
    id: `hostile-${group}`,
    name: `Outlet ${group}: ${members.map((p) => p.text).join(" | ")}`,
  };
  const url = hostileUrl(payload);
  const some = nonBlank(payload.text, "x");
  const article: ArticleDraft = {
    id: makeArticleId({ title: `${label(payload)} ${title}`, source: source.id, day: HOSTILE_DAY }),
    title,
    date: `${HOSTILE_DAY}T09:00:00+00:00`,
    date_source: "cli",
    update_note: some,
    source: source.id,
    ...(url ? { url } : {}),
    byline: some,
    language: "en",
    topics: [],
    summary: some,
    quotes: [{ text: some, speaker: some }],
    cited: [some],
    image_caption: some,
    image_credit: some,
    provenance: {
      input: some,
      sha256: "0".repeat(64),
      extractor: "hostile-fixture",
      ingested_at: `${HOSTILE_DAY}T09:00:00+00:00`,
      tool_version: "0.0.0",
    },
    body: [
      `Article file ${label(payload)}.`,
      payload.text,
      `[payload link ${label(payload)}](${payload.text})`,
      `[angle link ${label(payload)}](<${oneLine(payload.text)}>)`,
    ].join("\n\n"),
  };
  return { kind: "article-file", payload, article, source };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** XML 1.0 cannot carry C0 controls (but tab and line breaks), lone surrogates, U+FFFE/U+FFFF. */
const xmlChars = (text: string) =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
const escapeXml = (text: string) => escapeHtml(xmlChars(text));
/** Text in a CDATA section: "]]>" split across two sections. */
const cdata = (text: string) => `<![CDATA[${xmlChars(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** Payloads per outlet of a page or feed kind (one host per group; its site name joins them). */
const group = (payload: Payload, all: readonly Payload[]) => {
  const index = Math.floor(all.indexOf(payload) / PAYLOADS_PER_SOURCE);
  const members = all.slice(index * PAYLOADS_PER_SOURCE, (index + 1) * PAYLOADS_PER_SOURCE);
  return { index, members };
};

/** Filler prose: an article needs body text (feeds: over FULL_TEXT_MIN_CHARS of it, to be read as full text). */
const FILLER = (p: Payload) =>
  `This paragraph of hostile item ${label(p)} is ordinary reporting text, long enough for the extractor and the feed reader to treat the item as a full article rather than a teaser. `.repeat(
    2,
  );

/** The article URL of a page or feed item: the payload in its path when it can be a URL. */
const itemUrl = (host: string, payload: Payload) =>
  (hostileUrl(payload) ?? `https://example.org/${payload.corpus}/${payload.index}/`).replace(
    "https://example.org/",
    `https://${host}/`,
  );

/**
 * A saved HTML page with the payload in the title (<title>, og:title, JSON-LD headline), byline
 * (meta author, JSON-LD author, visible byline), a quote, a link href, an image caption and
 * credit, the canonical URL (og:url, link rel=canonical) and the site name (og:site_name, which
 * names the outlet ingest creates), and in the body twice: escaped as text, and raw, as markup
 * (last, so markup that swallows the rest of the page cannot hide the other fields).
 */
function htmlPage(payload: Payload, all: readonly Payload[]): HostileInput {
  const { index, members } = group(payload, all);
  const host = `page-${index}.hostile.example`;
  const url = itemUrl(host, payload);
  const siteName = `Hostile pages ${index}: ${members.map((p) => p.text).join(" | ")}`;
  const title = `Hostile page ${label(payload)}: ${oneLine(payload.text).slice(0, HEADLINE_PAYLOAD_LENGTH)}`;
  const ld = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: title,
    author: { "@type": "Person", name: payload.text },
    datePublished: `${HOSTILE_DAY}T09:00:00Z`,
  }).replace(/</g, "\\u003c");
  const e = escapeHtml(payload.text);
  const text = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${escapeHtml(siteName)}">
<meta property="og:url" content="${escapeHtml(url)}">
<link rel="canonical" href="${escapeHtml(url)}">
<meta name="author" content="${e}">
<script type="application/ld+json">${ld}</script>
</head><body><article>
<h1>${escapeHtml(title)}</h1>
<p class="byline">By ${e}</p>
<p>${FILLER(payload)}</p>
<p>Escaped paragraph of ${label(payload)}: ${e}</p>
<blockquote><p>“${e} is what hostile speaker ${label(payload)} wanted printed,” the hostile source said.</p></blockquote>
<p>Link paragraph of ${label(payload)}: <a href="${e}">payload link ${label(payload)}</a>, and more words after it.</p>
<figure><img src="https://${host}/photo.jpg" alt="${e}"><figcaption>${e} Photo: ${e}</figcaption></figure>
<p>${FILLER(payload)}</p>
<p>Raw paragraph of ${label(payload)}: ${payload.text}</p>
</article></body></html>
`;
  return {
    kind: "page-or-feed",
    inputKind: "HTML page",
    payload,
    fileName: `page-${payload.corpus}-${payload.index}.html`,
    text,
  };
}

/**
 * A feed with one item: RSS 2.0 for even positions, Atom for odd ones. The payload is in the item's
 * title, full content (raw markup, escaped text and a link href; over FULL_TEXT_MIN_CHARS so it is
 * ingested, not skipped as a teaser), description/summary, author (dc:creator / atom:author), link,
 * and the channel title (which names the outlet ingest creates).
 */
function feedItem(payload: Payload, all: readonly Payload[]): HostileInput {
  const { index, members } = group(payload, all);
  const host = `feed-${index}.hostile.example`;
  const url = itemUrl(host, payload);
  const channel = `Hostile feed ${index}: ${members.map((p) => p.text).join(" | ")}`;
  const title = `Hostile item ${label(payload)}: ${oneLine(payload.text).slice(0, HEADLINE_PAYLOAD_LENGTH)}`;
  const e = escapeHtml(payload.text);
  const content = [
    `<p>${FILLER(payload)}</p>`,
    `<p>Escaped paragraph of ${label(payload)}: ${e}</p>`,
    `<p>Link paragraph of ${label(payload)}: <a href="${e}">payload link ${label(payload)}</a>, and more words after it.</p>`,
    `<p>${FILLER(payload)}</p>`,
    `<p>Raw paragraph of ${label(payload)}: ${payload.text}</p>`,
  ].join("\n");
  const summary = `Teaser of ${label(payload)}: ${payload.text}`;
  const atom = all.indexOf(payload) % 2 === 1;
  const text = atom
    ? `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>${escapeXml(channel)}</title><id>https://${host}/</id><updated>${HOSTILE_DAY}T09:00:00Z</updated>
<entry><title type="text">${escapeXml(title)}</title><link rel="alternate" href="${escapeXml(url)}"/>
<id>urn:hostile:${payload.corpus}:${payload.index}</id><published>${HOSTILE_DAY}T09:00:00Z</published><updated>${HOSTILE_DAY}T09:00:00Z</updated>
<author><name>${escapeXml(payload.text)}</name></author>
<summary type="text">${escapeXml(summary)}</summary>
<content type="html">${escapeXml(content)}</content></entry>
</feed>
`
    : `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${escapeXml(channel)}</title><link>https://${host}/</link><description>hostile feed</description><language>en</language>
<item><title>${escapeXml(title)}</title><link>${escapeXml(url)}</link><guid isPermaLink="false">urn:hostile:${payload.corpus}:${payload.index}</guid>
<pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate><dc:creator>${escapeXml(payload.text)}</dc:creator>
<description>${escapeXml(summary)}</description>
<content:encoded>${cdata(content)}</content:encoded></item>
</channel></rss>
`;
  return {
    kind: "page-or-feed",
    inputKind: "feed item",
    payload,
    fileName: `feed-${payload.corpus}-${payload.index}.${atom ? "atom" : "rss"}`,
    text,
  };
}

/**
 * Every kind runs every DOMPurify payload (the XSS corpus); the naughty strings (odd text, not
 * injections) are dealt out a third to each group of kinds, so every one of them still reaches
 * the renderers (article pages, listings, feeds) through one kind: captures take those whose
 * index is 0 mod 3, article files 1, HTML pages and feed items 2. This keeps hostile-content's
 * Chromium pass within a few minutes (every input is a page to visit).
 */
const third = (k: 0 | 1 | 2) => (p: Payload) => p.corpus === "dompurify" || p.index % 3 === k;

/** The table of input kinds: one row per reader, plus article files for fields no reader reaches. */
export const INPUT_KINDS: readonly InputKind[] = [
  {
    name: "text capture",
    fields: ["title", "body", "summary", "quote", "quote-speaker"],
    make: textCapture,
    sample: third(0),
  },
  {
    name: "article file (serializeArticle)",
    fields: [
      "title",
      "body",
      "summary",
      "quote",
      "quote-speaker",
      "byline",
      "link-url",
      "image-caption",
      "image-credit",
      "url",
      "update-note",
      "cited",
      "source-name",
      "provenance-input",
    ],
    make: articleFile,
    sample: third(1),
  },
  {
    name: "HTML page",
    fields: [
      "title",
      "body",
      "summary",
      "quote",
      "byline",
      "link-url",
      "image-caption",
      "image-credit",
      "url",
      "source-name",
    ],
    make: htmlPage,
    sample: third(2),
  },
  {
    name: "feed item",
    fields: ["title", "body", "summary", "byline", "link-url", "url", "source-name"],
    make: feedItem,
    sample: third(2),
  },
];

/** Every payload in every runnable input kind, plus a note per kind that is skipped. */
export function hostileInputs(payloads: readonly Payload[]): { inputs: HostileInput[]; skipped: string[] } {
  const inputs: HostileInput[] = [];
  const skipped: string[] = [];
  for (const kind of INPUT_KINDS) {
    if (!kind.make) {
      skipped.push(`${kind.name}: ${kind.todo ?? "no reader"}`);
      continue;
    }
    const sampled = kind.sample ? payloads.filter(kind.sample) : payloads;
    for (const payload of sampled) inputs.push(kind.make(payload, sampled));
  }
  return { inputs, skipped };
}

/** Writes article-file inputs into `articlesDir` (where the build expects them). */
export function writeArticleInputs(inputs: readonly HostileInput[], articlesDir: string): void {
  for (const input of inputs) {
    if (input.kind !== "article-file") continue;
    const file = join(articlesDir, articleFilePath(input.article));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeArticle(input.article), { flag: "wx" });
  }
}

/**
 * A registry folder for a build: the project's topics, places, watches and site settings, and its
 * sources plus one outlet per article-file input whose name is the payload.
 */
export function writeHostileRegistry(inputs: readonly HostileInput[], registryDir: string): void {
  for (const name of ["topics.yaml", "places.yaml", "watches.yaml", "site.yaml"])
    writeFileSync(join(registryDir, name), readFileSync(join(PROJECT_ROOT, "registry", name)));
  const own = readFileSync(join(PROJECT_ROOT, "registry", "sources.yaml"), "utf8");
  const extra = new Map<string, { id: string; name: string; language: string }>();
  for (const input of inputs)
    if (input.kind === "article-file") extra.set(input.source.id, { ...input.source, language: "en" });
  const extraYaml =
    extra.size === 0 ? "" : stringifyYaml([...extra.values()], { lineWidth: 0 }).replace(/^/gm, "  ");
  writeFileSync(join(registryDir, "sources.yaml"), `${own.trimEnd()}\n${extraYaml}`);
}
