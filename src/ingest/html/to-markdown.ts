/**
 * Extracted content (a DOM subtree) → clean markdown and plain-text paragraphs.
 *
 * The markdown is safe to hand to the site's renderer: no raw HTML is ever emitted; every text
 * character that markdown would read as markup is backslash-escaped; links are absolute and only
 * http(s)/mailto (other links become their text); images are dropped. Headings, paragraphs, lists,
 * blockquotes, links and emphasis are kept.
 */

export interface LeadFigure {
  caption: string | undefined;
  credit: string | undefined;
}

export interface MarkdownResult {
  markdown: string;
  paragraphs: string[];
  /** The caption and credit of a figure that comes before any body text. */
  leadFigure: LeadFigure | undefined;
}

interface Block {
  kind: "p" | "h" | "li" | "pre";
  markdown: string;
  text: string;
  level: number;
  quote: number;
  ordered: boolean;
  index: number;
}

/** Elements whose content is never body text, but for a button inside a heading (an accordion's
 * question: "How much do sleeping bags cost?"), whose label is the heading's text. */
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "canvas",
  "svg",
  "math",
  "img",
  "picture",
  "video",
  "audio",
  "source",
  "track",
  "map",
  "button",
  "input",
  "select",
  "textarea",
  "form",
  "nav",
  "head",
  "link",
  "meta",
]);

const HEADINGS = "h1, h2, h3, h4, h5, h6";

/** Elements that start and end a block of text. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Characters escaped wherever they appear in text (CommonMark's inline markup plus & for entities). */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~!#{}]/g;

/** Escapes text so that markdown shows it literally. */
export function escapeMarkdownText(text: string): string {
  return text.replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** Escapes what would start a block construct at the beginning of a line (lists, quotes, headings, rules). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+=>])/, "$1\\$2").replace(/^(\s*\d{1,9})([.)])/, "$1\\$2");
}

const collapse = (text: string) => text.replace(/[\s\u00a0]+/g, " ");

function safeHref(href: string | null, base: string | undefined): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (trimmed.startsWith("#")) return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "mailto:") return undefined;
    // Parentheses, spaces and angle brackets would end or break the link destination.
    return url.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}

class Builder {
  readonly blocks: Block[] = [];
  private md = "";
  private text = "";
  quote = 0;
  private lists: Array<{ ordered: boolean; index: number }> = [];
  private pendingHeading = 0;
  private inPre = false;
  leadFigure: LeadFigure | undefined;
  private sawText = false;

  constructor(private readonly base: string | undefined) {}

  flush(kind: Block["kind"] = "p", level = 0): void {
    const text = this.inPre ? this.text.trim() : collapse(this.text).trim();
    const markdown = this.md.replace(/[ \t]+/g, " ").trim();
    if (text) {
      const list = this.lists[this.lists.length - 1];
      this.blocks.push({
        kind,
        markdown,
        text,
        level,
        quote: this.quote,
        ordered: list?.ordered ?? false,
        index: list ? list.index : 0,
      });
      this.sawText = true;
    }
    this.md = "";
    this.text = "";
  }

  walk(node: Node): void {
    if (node.nodeType === 3) {
      const raw = node.nodeValue ?? "";
      const value = this.inPre ? raw : collapse(raw);
      this.text += value;
      this.md += escapeMarkdownText(value);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag) && !(tag === "button" && el.closest(HEADINGS))) return;
    if (el.getAttribute("hidden") !== null) return;
    if (el.getAttribute("aria-hidden") === "true" && !isCollapsedText(el)) return;

    if (tag === "figure") {
      this.flush();
      if (!this.sawText && !this.leadFigure) this.leadFigure = figureCaption(el);
      return;
    }
    if (tag === "br") {
      this.text += "\n";
      this.md += "\n";
      return;
    }
    if (tag === "hr") {
      this.flush();
      return;
    }
    if (/^h[1-6]$/.test(tag)) {
      this.flush();
      this.pendingHeading = Number(tag[1]);
      this.children(el);
      this.flush("h", this.pendingHeading);
      this.pendingHeading = 0;
      return;
    }
    if (tag === "ul" || tag === "ol") {
      this.flush();
      this.lists.push({ ordered: tag === "ol", index: 0 });
      this.children(el);
      this.flush();
      this.lists.pop();
      return;
    }
    if (tag === "li") {
      this.flush();
      const list = this.lists[this.lists.length - 1];
      if (list) list.index += 1;
      this.children(el);
      this.flush(list ? "li" : "p");
      return;
    }
    if (tag === "blockquote") {
      this.flush();
      this.quote += 1;
      this.children(el);
      this.flush();
      this.quote -= 1;
      return;
    }
    if (tag === "pre") {
      this.flush();
      this.inPre = true;
      this.children(el);
      this.flush("pre");
      this.inPre = false;
      return;
    }
    if (tag === "td" || tag === "th") {
      this.children(el);
      this.text += " ";
      this.md += " \\| ";
      return;
    }
    if (tag === "a") {
      const href = safeHref(el.getAttribute("href"), this.base);
      const before = this.md;
      const beforeText = this.text;
      this.md = "";
      this.text = "";
      this.children(el);
      const inner = this.md;
      const innerText = this.text;
      this.md = before;
      this.text = beforeText + innerText;
      if (href && inner.trim()) {
        const lead = /^\s*/.exec(inner)?.[0] ?? "";
        const trail = /\s*$/.exec(inner)?.[0] ?? "";
        this.md += `${lead}[${inner.trim().replace(/\n/g, " ")}](${href})${trail}`;
      } else this.md += inner;
      return;
    }
    const marker =
      tag === "em" || tag === "i" || tag === "cite"
        ? "*"
        : tag === "strong" || tag === "b"
          ? "**"
          : undefined;
    if (marker && !this.pendingHeading) {
      const before = this.md;
      this.md = "";
      this.children(el);
      const inner = this.md;
      this.md = before;
      if (inner.trim() && !inner.includes("\n")) {
        const lead = /^\s*/.exec(inner)?.[0] ?? "";
        const trail = /\s*$/.exec(inner)?.[0] ?? "";
        this.md += `${lead}${marker}${inner.trim()}${marker}${trail}`;
      } else this.md += inner;
      return;
    }
    const block = BLOCK.has(tag);
    if (block) this.flush();
    this.children(el);
    if (block) this.flush();
    if (tag === "tr") this.flush();
  }

  private children(el: Element): void {
    let previous: Node | undefined;
    for (const child of Array.from(el.childNodes)) {
      if (previous && gluedWords(previous, child, this.text)) {
        this.text += " ";
        this.md += " ";
      }
      this.walk(child);
      previous = child;
    }
  }
}

/**
 * Two inline elements side by side with no space between them, laid out apart by the page's style:
 * the second starts a new capitalised word ("<span>YETI</span><span>Rambler</span>", a card's brand
 * and name), follows a label's colon or a full stop ("<span>Item number:</span><span>4049…</span>"),
 * or is a number after a word ("<span>Size</span><span>10</span>"). Without a space, they read as
 * one word. Sub- and superscripts stay joined (H₂O).
 */
function gluedWords(previous: Node, next: Node, textSoFar: string): boolean {
  if (previous.nodeType !== 1 || next.nodeType !== 1) return false;
  const tag = (next as Element).tagName.toLowerCase();
  if (BLOCK.has(tag) || SKIP.has(tag) || BLOCK.has((previous as Element).tagName.toLowerCase())) return false;
  if (/^su[bp]$/.test(tag)) return false;
  const end = /[\p{L}\p{N}:;,.!?)]$/u.exec(textSoFar)?.[0];
  if (!end) return false;
  const start = /^[\p{L}\p{N}]/u.exec(next.textContent ?? "")?.[0];
  if (!start) return false;
  if (/\p{Lu}/u.test(start)) return true;
  return /\p{N}/u.test(start) && !/\p{N}/u.test(end);
}

/** Shortest paragraph that marks an aria-hidden element as collapsed text rather than decoration. */
const MIN_COLLAPSED_PARAGRAPH_CHARS = 80;

/** An aria-hidden element that holds a paragraph is a collapsed section ("Read more", a tab, an
 * accordion) that the reader opens, not an icon or a screen-reader duplicate. */
function isCollapsedText(el: Element): boolean {
  return Array.from(el.querySelectorAll("p")).some(
    (p) => collapse(p.textContent ?? "").trim().length >= MIN_COLLAPSED_PARAGRAPH_CHARS,
  );
}

/** Caption and credit of a figure: the figcaption's text, with a credit element or a trailing
 * "Photo: …" / "… / Reuters" split off. */
function figureCaption(figure: Element): LeadFigure | undefined {
  const figcaption = figure.querySelector("figcaption");
  if (!figcaption) return undefined;
  const creditEl = figcaption.querySelector('[class*="credit" i], [class*="copyright" i], small, cite');
  const credit = creditEl ? collapse(creditEl.textContent ?? "").trim() : undefined;
  let caption = collapse(figcaption.textContent ?? "").trim();
  if (credit)
    caption = caption
      .replace(credit, "")
      .replace(/[\s.,;:|–—-]+$/, "")
      .trim();
  let finalCredit = credit || undefined;
  if (!finalCredit) {
    const m = /^(.*?)[\s.]*\(?(?:Photo|Photograph|Image|Фото|Фото:)\s*(?:by|:)?\s*([^()]{2,80})\)?$/i.exec(
      caption,
    );
    if (m?.[1] && m[2]) {
      caption = m[1].trim();
      finalCredit = m[2].trim();
    }
  }
  return {
    caption: caption || undefined,
    credit:
      finalCredit
        ?.replace(/^[\s(©:–—-]+|[\s)]+$/g, "")
        .replace(/^(photo|photograph|image|picture|фото)\s*(by\b|:)?\s*/i, "") || undefined,
  };
}

/** Converts `root`'s content to markdown and paragraphs; links resolve against `baseUrl`. */
export function toMarkdown(root: Element, baseUrl: string | undefined): MarkdownResult {
  const builder = new Builder(baseUrl);
  builder.walk(root);
  builder.flush();
  const lines: string[] = [];
  let previous: Block | undefined;
  for (const block of builder.blocks) {
    const quotePrefix = "> ".repeat(block.quote);
    let body: string;
    if (block.kind === "h")
      body = `${"#".repeat(Math.min(block.level, 6))} ${block.markdown.replace(/\n/g, " ")}`;
    else if (block.kind === "li") {
      const marker = block.ordered ? `${block.index}.` : "-";
      body = `${marker} ${escapeLineStart(block.markdown).replace(/\n/g, " ")}`;
    } else
      body = block.markdown
        .split("\n")
        .map((line) => escapeLineStart(line.trim()))
        .filter(Boolean)
        .join("\\\n");
    const text = body
      .split("\n")
      .map((line) => quotePrefix + line)
      .join("\n");
    const tight = previous?.kind === "li" && block.kind === "li" && previous.quote === block.quote;
    lines.push(tight ? "\n" : previous ? "\n\n" : "", text);
    previous = block;
  }
  return {
    markdown: lines.join("").trim(),
    paragraphs: builder.blocks.map((b) => b.text.replace(/\s*\n\s*/g, b.kind === "pre" ? "\n" : " ").trim()),
    leadFigure: builder.leadFigure,
  };
}
