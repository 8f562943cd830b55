/**
 * Raw-XML helpers for the feed reader, without a second XML parser: where each item (or entry)
 * of an RSS/RDF/Atom document starts and ends, the text of an element feedsmith does not read
 * (yandex:full-text, turbo:content), and the well-formed prefix of a feed cut short.
 *
 * The scan skips comments, CDATA sections, processing instructions and declarations, so an
 * "<item>" inside escaped content or a comment is never taken for an item.
 */

/** One item element in the raw XML: offsets of its start tag and just after its end tag. */
export interface RawItem {
  start: number;
  /** Offset just after `</item>`; undefined when the item never closes (the text ends first). */
  end?: number;
}

/** Item and entry elements, any prefix, and the constructs whose content is not markup. */
const ITEM_TOKENS = /<!\[CDATA\[|<!--|<\?|<(\/?)((?:[\w.-]+:)?(?:item|entry))(?=[\s/>])/g;

/** The end of a construct that starts at `at` (a comment, CDATA, PI), or -1 when it never ends. */
function skipSpecial(text: string, at: number, opener: string): number {
  const closer = opener === "<!--" ? "-->" : opener === "<?" ? "?>" : "]]>";
  const end = text.indexOf(closer, at + opener.length);
  return end < 0 ? -1 : end + closer.length;
}

/**
 * The item (RSS, RDF) or entry (Atom) elements of a feed, in document order. Items do not nest;
 * an Atom feed's entries and an RSS feed's items are told apart by `kind`.
 */
export function rawItems(text: string, kind: "item" | "entry"): RawItem[] {
  const items: RawItem[] = [];
  let open: RawItem | undefined;
  ITEM_TOKENS.lastIndex = 0;
  for (let match = ITEM_TOKENS.exec(text); match; match = ITEM_TOKENS.exec(text)) {
    const name = match[2];
    if (name === undefined) {
      const end = skipSpecial(text, match.index, match[0]);
      if (end < 0) break;
      ITEM_TOKENS.lastIndex = end;
      continue;
    }
    if (!name.endsWith(kind)) continue;
    const tagEnd = text.indexOf(">", match.index);
    if (tagEnd < 0) {
      // The text ends inside a start tag: an item begun, never finished.
      if (!match[1] && !open) items.push({ start: match.index });
      break;
    }
    ITEM_TOKENS.lastIndex = tagEnd + 1;
    if (match[1]) {
      if (open) {
        open.end = tagEnd + 1;
        open = undefined;
      }
    } else if (text[tagEnd - 1] === "/") items.push({ start: match.index, end: tagEnd + 1 });
    else {
      open = { start: match.index };
      items.push(open);
    }
  }
  return items;
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML character data decoded: the five XML entities and character references; CDATA kept as is. */
export function xmlText(raw: string): string {
  let out = "";
  let at = 0;
  while (at < raw.length) {
    const cdata = raw.indexOf("<![CDATA[", at);
    const plain = cdata < 0 ? raw.slice(at) : raw.slice(at, cdata);
    out += plain.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      const named = XML_ENTITIES[lower];
      if (named) return named;
      const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
    if (cdata < 0) break;
    const end = raw.indexOf("]]>", cdata + 9);
    out += raw.slice(cdata + 9, end < 0 ? raw.length : end);
    at = end < 0 ? raw.length : end + 3;
  }
  return out;
}

/** The prefixes a document binds to a namespace URI (http and https, with or without a final slash). */
export function prefixesFor(text: string, uri: string): string[] {
  const bare = uri.replace(/^https?:\/\//, "").replace(/\/$/, "");
  const found = new Set<string>();
  const pattern = /xmlns:([\w.-]+)\s*=\s*["']\s*https?:\/\/([^"'\s]*?)\/?\s*["']/gi;
  for (const match of text.matchAll(pattern))
    if (match[1] && match[2]?.toLowerCase() === bare) found.add(match[1]);
  return [...found];
}

/**
 * The text of the first `<prefix:local>` element (any of `prefixes`) inside `segment`, decoded,
 * CDATA unwrapped; undefined when absent or empty.
 */
export function elementText(segment: string, prefixes: readonly string[], local: string): string | undefined {
  for (const prefix of prefixes) {
    const name = `${prefix}:${local}`;
    let from = 0;
    for (;;) {
      const start = segment.indexOf(`<${name}`, from);
      if (start < 0) break;
      from = start + name.length + 1;
      const after = segment[start + name.length + 1];
      if (after !== ">" && after !== "/" && !/\s/.test(after ?? "")) continue;
      const tagEnd = segment.indexOf(">", start);
      if (tagEnd < 0 || segment[tagEnd - 1] === "/") continue;
      const close = closingTag(segment, tagEnd + 1, name);
      if (close < 0) continue;
      const text = xmlText(segment.slice(tagEnd + 1, close)).trim();
      if (text) return text;
    }
  }
  return undefined;
}

/** Where `</name>` starts after `from`, skipping CDATA sections (which may hold anything). */
function closingTag(text: string, from: number, name: string): number {
  let at = from;
  for (;;) {
    const close = text.indexOf(`</${name}`, at);
    const cdata = text.indexOf("<![CDATA[", at);
    if (close < 0) return -1;
    if (cdata < 0 || cdata > close) return close;
    const end = text.indexOf("]]>", cdata + 9);
    if (end < 0) return -1;
    at = end + 3;
  }
}

/** The text ends inside an item's (or entry's) start tag: "<it", "<entry", "<rss:item". */
const PARTIAL_ITEM_TAG = /<(?:[\w.-]+:)?(?:i(?:t(?:em?)?)?|e(?:n(?:t(?:ry?)?)?)?)$/;

/** What is known about a feed whose XML ends before its root element does. */
export interface CutShort {
  /** The document up to the end of its last complete item, with the open elements closed. */
  prefix: string;
  /** Complete items (or entries) before the cut. */
  complete: number;
  /** Whether the text ends inside an item (rather than between items or after the last). */
  insideItem: boolean;
}

/**
 * When an RSS/RDF/Atom document ends before its root element's end tag (a file cut short), its
 * well-formed prefix: everything up to the last complete item, with the elements still open there
 * (channel, feed, rss, rdf:RDF…) closed. Undefined when the document is complete (its root's end
 * tag follows its last item: damage, if any, is elsewhere), or is not an RSS/RDF/Atom document.
 */
export function cutShort(text: string): CutShort | undefined {
  const root = rootElement(text);
  if (!root) return undefined;
  // A complete feed ends with its root's end tag; look near the end first (cheap, the usual case).
  const rootEnd = new RegExp(`</${root.name.replace(/[.]/g, "\\.")}\\s*>`);
  if (rootEnd.test(text.slice(-4096))) return undefined;
  const items = rawItems(text, root.local === "feed" ? "entry" : "item");
  let complete = 0;
  while (complete < items.length && items[complete]?.end !== undefined) complete++;
  const last = complete > 0 ? items[complete - 1]?.end : undefined;
  if (rootEnd.test(text.slice(last ?? root.index))) return undefined;
  // A cut before any item: the prefix is whatever opened before the first item started, if any,
  // without a start tag the text ends in the middle of.
  const stop = last ?? items[0]?.start ?? text.length;
  const prefix = text.slice(0, stop).replace(/<[^<>]*$/, "");
  return {
    prefix: prefix + closeOpenElements(prefix),
    complete,
    // Inside an item: one has started, or the text stops in the middle of an item's start tag.
    insideItem: items.length > complete || PARTIAL_ITEM_TAG.test(text.slice(-64)),
  };
}

/** The document's root element, when it is rss, feed or RDF (any prefix): its offset and local name. */
function rootElement(text: string): { index: number; name: string; local: string } | undefined {
  let at = text.indexOf("<");
  while (at >= 0) {
    const next = text[at + 1];
    if (next === "?" || next === "!") {
      const end =
        text.startsWith("<!--", at) || next === "?"
          ? skipSpecial(text, at, next === "?" ? "<?" : "<!--")
          : text.indexOf(">", at) + 1 || -1;
      if (end < 0) return undefined;
      at = text.indexOf("<", end);
      continue;
    }
    const match = /^<((?:[\w.-]+:)?([\w.-]+))[\s>/]/.exec(text.slice(at, at + 200));
    const [name, local] = [match?.[1], match?.[2]];
    return name && (local === "rss" || local === "feed" || local === "RDF")
      ? { index: at, name, local }
      : undefined;
  }
  return undefined;
}

/** End tags for the elements still open at the end of `xml` (innermost first). */
function closeOpenElements(xml: string): string {
  const open: string[] = [];
  const tokens = /<!\[CDATA\[|<!--|<\?|<!|<(\/?)([\w.:-]+)/g;
  for (let match = tokens.exec(xml); match; match = tokens.exec(xml)) {
    const name = match[2];
    if (name === undefined) {
      const opener = match[0];
      const end =
        opener === "<!" ? xml.indexOf(">", match.index) + 1 || -1 : skipSpecial(xml, match.index, opener);
      if (end < 0) break;
      tokens.lastIndex = end;
      continue;
    }
    const tagEnd = tagEndAt(xml, match.index);
    if (tagEnd < 0) break;
    tokens.lastIndex = tagEnd + 1;
    if (match[1]) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else if (xml[tagEnd - 1] !== "/") open.push(name);
  }
  return open
    .reverse()
    .map((name) => `</${name}>`)
    .join("");
}

/** The `>` ending the tag that starts at `at`, quoted attribute values skipped; -1 if none. */
function tagEndAt(xml: string, at: number): number {
  let quote: string | undefined;
  for (let i = at + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i;
  }
  return -1;
}
