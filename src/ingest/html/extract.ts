import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Found, HtmlExtraction, HtmlExtractionOptions, MetadataOrigin, PageKind } from "./types.ts";

/**
 * PLACEHOLDER for the `readers` branch: the extraction engineer's `extractHtml` replaces this file
 * at merge. Minimal but real: metadata from JSON-LD, OpenGraph and <meta>, main content by
 * Readability, converted to simple markdown with absolute http(s)/mailto links and no raw HTML.
 */

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: Iterable<Node> };
type Element = Node & { getAttribute(name: string): string | null };

const found = <T>(value: T | undefined | null, origin: MetadataOrigin): Found<T> | undefined =>
  value === undefined || value === null || value === "" ? undefined : { value, origin };

function absolute(href: string | null, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function inline(node: Node, base: string | undefined): string {
  if (node.nodeType === 3) return (node.textContent ?? "").replace(/\s+/g, " ");
  if (node.nodeType !== 1) return "";
  const inner = [...node.childNodes].map((child) => inline(child, base)).join("");
  const name = node.nodeName.toLowerCase();
  if (name === "br") return " ";
  if (name === "a") {
    const href = absolute((node as Element).getAttribute("href"), base);
    return href && inner.trim() ? `[${inner.trim()}](${href})` : inner;
  }
  if ((name === "strong" || name === "b") && inner.trim()) return `**${inner.trim()}**`;
  if ((name === "em" || name === "i") && inner.trim()) return `*${inner.trim()}*`;
  return inner;
}

const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"]);

/** Markdown blocks and their plain text, depth first. */
function blocks(node: Node, base: string | undefined, out: { md: string; text: string }[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType !== 1) continue;
    const name = child.nodeName.toLowerCase();
    if (["script", "style", "noscript", "iframe", "form", "button"].includes(name)) continue;
    if (BLOCKS.has(name) && !(name === "li" && [...child.childNodes].some((c) => c.nodeName === "P"))) {
      const md = inline(child, base).trim();
      const text = (child.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!text) continue;
      const prefix = name.startsWith("h") ? `${"#".repeat(Number(name[1]))} ` : "";
      const lead = name === "li" ? "- " : name === "blockquote" ? "> " : prefix;
      out.push({ md: `${lead}${md}`, text });
    } else blocks(child, base, out);
  }
}

function jsonLd(document: { querySelectorAll(s: string): ArrayLike<Node> }): Record<string, unknown> {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data: unknown = JSON.parse(script.textContent ?? "");
      const list = Array.isArray(data)
        ? data
        : [data, ...(((data as { "@graph"?: unknown })?.["@graph"] as unknown[]) ?? [])];
      const article = list.find(
        (d): d is Record<string, unknown> =>
          typeof d === "object" &&
          d !== null &&
          /Article|Posting/.test(String((d as { "@type"?: unknown })["@type"])),
      );
      if (article) return article;
    } catch {
      // a broken JSON-LD block is ignored; other metadata remains
    }
  }
  return {};
}

function personName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(personName).filter(Boolean).join(", ") || undefined;
  if (value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string")
    return (value as { name: string }).name;
  return undefined;
}

/** A date-time string as ISO 8601 with offset, if it already is one (strict; never rolled over). */
function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  const date = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[1]) return undefined;
  const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : "00:00:00";
  const zone =
    !m[3] || m[3] === "Z" ? "+00:00" : m[3].includes(":") ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`;
  return `${m[1]}T${time}${zone}`;
}

/** Extracts the article from a page's HTML. Pure; never throws on odd markup. */
export function extractHtml(html: string, options: HtmlExtractionOptions = {}): HtmlExtraction {
  const { document } = parseHTML(
    /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content") ??
    undefined;
  const ld = jsonLd(document);
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  const base = absolute(canonicalHref, options.url) ?? options.url;
  const ogType = meta("og:type");
  const title =
    found(typeof ld.headline === "string" ? ld.headline : undefined, "json-ld") ??
    found(meta("og:title"), "opengraph") ??
    found(document.querySelector("title")?.textContent?.trim(), "page");
  const byline = found(personName(ld.author), "json-ld") ?? found(meta("author"), "meta");
  const published =
    found(isoOrUndefined(ld.datePublished), "json-ld") ??
    found(isoOrUndefined(meta("article:published_time")), "opengraph") ??
    found(isoOrUndefined(meta("date")), "meta");
  const modified =
    found(isoOrUndefined(ld.dateModified), "json-ld") ??
    found(isoOrUndefined(meta("article:modified_time")), "opengraph");
  const language = found(document.documentElement?.getAttribute("lang")?.trim(), "page");
  const siteName = found(meta("og:site_name"), "opengraph");
  const canonicalUrl =
    found(absolute(canonicalHref, options.url), "page") ??
    found(absolute(meta("og:url") ?? null, options.url), "opengraph") ??
    found(options.url, "url");

  let article: ReturnType<Readability["parse"]> = null;
  try {
    article = new Readability(document as unknown as Document).parse();
  } catch {
    article = null; // odd markup: fall back to the whole body below
  }
  const out: { md: string; text: string }[] = [];
  const root = article?.content
    ? parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body
    : document.body;
  if (root) blocks(root as unknown as Node, base, out);
  const titleText = title?.value.trim();
  const body = out.filter((b, i) => !(i === 0 && b.text === titleText));
  const isArticle =
    Boolean(ld.headline) || ogType === "article" || body.filter((b) => b.text.length > 80).length >= 2;
  const pageKind: PageKind = isArticle ? "article" : "other";
  return {
    markdown: body.map((b) => b.md).join("\n\n"),
    paragraphs: body.map((b) => b.text),
    title: title ?? found(article?.title ?? undefined, "page"),
    byline: byline ?? found(article?.byline ?? undefined, "page"),
    published,
    modified,
    siteName: siteName ?? found(article?.siteName ?? undefined, "page"),
    language,
    canonicalUrl,
    imageCaption: document.querySelector("figure figcaption")?.textContent?.trim() || undefined,
    imageCredit: undefined,
    pageKind,
    extractor: article ? "readability" : "none",
    warnings: article ? [] : ["no main content found"],
  };
}
