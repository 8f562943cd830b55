import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeedCutShortError, FeedError, feedReader } from "../../../src/ingest/readers/feed.ts";
import type { RawInput, ReadItem } from "../../../src/ingest/readers/types.ts";
import { itNeedsShared, sharedPath } from "../../helpers/shared.ts";
import { fixtureInput } from "./helpers.ts";

/**
 * Issue 13: a feed cut short (a download interrupted, a file saved half-way) yields every item
 * before the damage, and one failed item saying where the feed stops; a feed damaged anywhere
 * else is still refused whole with a FeedError.
 */

const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

/** Which item of its feed an input names ("#item-3"), whatever the file is called. */
const itemOf = (input: string) => input.replace(/^.*(?=#item-\d+$)/, "");

/** What an item is, for comparing a cut feed's items with the whole feed's. */
const shape = (item: ReadItem) =>
  item.kind === "document"
    ? {
        kind: item.kind,
        item: itemOf(item.document.input),
        title: item.document.title,
        text: item.document.paragraphs,
      }
    : item.kind === "follow"
      ? { kind: item.kind, item: itemOf(item.input), url: item.url, fallback: item.fallback }
      : { kind: item.kind, item: itemOf(item.input) };

/** Byte offsets of the last item (or entry) of a feed: where its start tag opens, where it closes. */
function lastItem(bytes: Uint8Array): { open: number; startTagEnd: number; closeEnd: number } | undefined {
  const text = latin1(bytes);
  const closes = [...text.matchAll(/<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g)];
  const close = closes.at(-1);
  if (!close) return undefined;
  const name = close[0].replace(/[</>\s]/g, "");
  const opens = [...text.slice(0, close.index).matchAll(new RegExp(`<${name}[\\s>]`, "g"))];
  const open = opens.at(-1)?.index;
  if (open === undefined) return undefined;
  return { open, startTagEnd: text.indexOf(">", open) + 1, closeEnd: close.index + close[0].length };
}

/**
 * Offsets inside the last item: two bytes into its start tag ("<i"), just after it, in the
 * middle, and one byte short of its end.
 */
function cutsInside({
  open,
  startTagEnd,
  closeEnd,
}: {
  open: number;
  startTagEnd: number;
  closeEnd: number;
}): number[] {
  return [...new Set([open + 2, startTagEnd, Math.floor((open + closeEnd) / 2), closeEnd - 1])];
}

function cut(raw: RawInput, at: number, name = `cut-${at}-${basename(raw.input)}`): RawInput {
  return { input: name, bytes: raw.bytes.subarray(0, at) };
}

/** Checks a cut feed against the whole one: the complete items the same, then one "cut short". */
function expectCutShort(whole: ReadItem[], items: ReadItem[], complete: number, input: string): void {
  expect(items.slice(0, -1).map(shape), input).toEqual(whole.slice(0, complete).map(shape));
  const last = items.at(-1);
  if (last?.kind !== "failed")
    throw new Error(`${input}: expected a failed item last, got ${JSON.stringify(last)}`);
  expect(last.input).toBe(input);
  expect(last.reason).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
  // Cut two bytes into a prefixed start tag ("<r" of "<rss:item"), the item has not visibly begun.
  expect(last.reason).toMatch(
    complete === 0 ? /cut short (?:inside|before) its first item/ : `cut short after item ${complete}`,
  );
  expect(last.error).toBeInstanceOf(FeedCutShortError);
  expect(last.error).not.toBeInstanceOf(FeedError);
}

describe("a feed cut short", () => {
  const full = fixtureInput("full.rss");
  const whole = feedReader.read(full);
  const item = lastItem(full.bytes);
  if (!item) throw new Error("full.rss has no items");

  it("yields the items before the damage and one failed item naming the file, when cut inside the last item", () => {
    expect(whole.map((i) => i.kind)).toEqual(["document", "follow"]);
    for (const at of cutsInside(item)) {
      const raw = cut(full, at);
      expectCutShort(whole, feedReader.read(raw), 1, raw.input);
    }
  });

  it("yields every item and says so when cut between items or just before the closing tags", () => {
    const text = latin1(full.bytes);
    const afterFirst = text.indexOf("</item>") + "</item>".length;
    const raw = cut(full, afterFirst + 1);
    expectCutShort(whole, feedReader.read(raw), 1, raw.input);
    const beforeChannelEnd = cut(full, text.indexOf("</channel>") + 4);
    expectCutShort(whole, feedReader.read(beforeChannelEnd), 2, beforeChannelEnd.input);
  });

  it("yields no item and one failed item with the reason when cut inside the first item", () => {
    const text = latin1(full.bytes);
    const firstClose = text.indexOf("</item>");
    for (const at of [text.indexOf("<item>") + 3, text.indexOf("<content:encoded>") + 200, firstClose + 3]) {
      const raw = cut(full, at);
      const items = feedReader.read(raw);
      expect(items).toHaveLength(1);
      expectCutShort(whole, items, 0, raw.input);
    }
  });

  it("reads Atom and RSS 1.0 (RDF) feeds cut short the same way, prefixed elements too", () => {
    const entry = (n: number) =>
      `<entry><title>Entry ${n}</title><link href="https://a.example/${n}"/><id>urn:e${n}</id><updated>2024-05-0${n}T09:00:00Z</updated><summary>Teaser ${n}</summary></entry>`;
    const atom = `<?xml version="1.0"?>\n<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>A</atom:title><atom:id>urn:f</atom:id><atom:updated>2024-05-01T09:00:00Z</atom:updated>${[1, 2, 3].map((n) => entry(n).replace(/<(\/?)(\w+)/g, "<$1atom:$2")).join("\n")}</atom:feed>`;
    const rdfItem = (n: number) =>
      `<item rdf:about="https://r.example/${n}"><title>Item ${n}</title><link>https://r.example/${n}</link><description>Teaser ${n}</description></item>`;
    const rdf = `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link><description>d</description><items><rdf:Seq>${[1, 2, 3].map((n) => `<rdf:li resource="https://r.example/${n}"/>`).join("")}</rdf:Seq></items></channel>${[1, 2, 3].map(rdfItem).join("\n")}</rdf:RDF>`;
    for (const [name, xml] of [
      ["prefixed.atom", atom],
      ["feed.rdf", rdf],
    ] as const) {
      const raw: RawInput = { input: name, bytes: new TextEncoder().encode(xml) };
      const all = feedReader.read(raw);
      expect(
        all.map((i) => i.kind),
        name,
      ).toEqual(["follow", "follow", "follow"]);
      const last = lastItem(raw.bytes);
      if (!last) throw new Error(name);
      for (const at of cutsInside(last)) {
        const cutRaw = cut(raw, at);
        expectCutShort(all, feedReader.read(cutRaw), 2, cutRaw.input);
      }
    }
  });

  it("still refuses with a FeedError a feed damaged before its end, and a JSON Feed cut short", () => {
    const text = new TextDecoder().decode(full.bytes);
    const damaged = text.replace(
      "</title>\n<link>https://www.example-news.com/2024/03/23",
      "\n<link>https://www.example-news.com/2024/03/23",
    );
    expect(damaged).not.toBe(text);
    const items = feedReader.read({ input: "damaged.rss", bytes: new TextEncoder().encode(damaged) });
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === "failed" && items[0].error).toBeInstanceOf(FeedError);
    const json = fixtureInput("feed.json");
    const jsonItems = feedReader.read(cut(json, Math.floor(json.bytes.length / 2), "cut.json"));
    expect(jsonItems).toHaveLength(1);
    expect(jsonItems[0]?.kind === "failed" && jsonItems[0].error).toBeInstanceOf(FeedError);
  });
});

const CORPUS = ["corpora", "feedparser", "wellformed"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

describe("real feeds cut short (feedparser's wellformed corpus)", () => {
  itNeedsShared(
    "every RSS, RDF and Atom file with items, cut inside its last item, yields the items before it and one 'cut short'",
    CORPUS,
    () => {
      let files = 0;
      let cuts = 0;
      let itemsKept = 0;
      const wrong: string[] = [];
      for (const file of filesUnder(sharedPath(...CORPUS))) {
        const raw: RawInput = { input: file, bytes: readFileSync(file) };
        const whole = feedReader.read(raw);
        if (whole.some((i) => i.kind === "failed" && i.error instanceof FeedError)) continue;
        const last = lastItem(raw.bytes);
        // Items the reader read, one per item element; files whose items are all in comments or
        // other odd places (no item read for the last element) are not cut.
        if (
          !last ||
          whole.length === 0 ||
          (whole[0]?.kind === "skipped" && / has no items/.test(whole[0].reason))
        )
          continue;
        files++;
        // The cut two bytes into the start tag is left to the tests above: three cuts keep this fast.
        for (const at of cutsInside(last).slice(1)) {
          cuts++;
          const cutRaw = cut(raw, at, `${file}@${at}`);
          const items = feedReader.read(cutRaw);
          try {
            expectCutShort(whole, items, whole.length - 1, cutRaw.input);
            itemsKept += items.length - 1;
          } catch (error) {
            wrong.push(`${cutRaw.input}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      }
      console.info(`feedparser corpus cut short: ${files} files, ${cuts} cuts, ${itemsKept} items kept`);
      expect(wrong).toEqual([]);
      expect(files).toBeGreaterThan(1000);
    },
    60_000,
  );

  itNeedsShared(
    "a real 15-entry Russian Atom feed cut anywhere in its entries keeps every entry before the cut",
    CORPUS,
    () => {
      const file = sharedPath(...CORPUS, "sanitize", "large_atom_feed_that_needs_css_sanitisation.xml");
      const raw: RawInput = { input: file, bytes: readFileSync(file) };
      const whole = feedReader.read(raw);
      expect(whole).toHaveLength(15);
      const text = latin1(raw.bytes);
      const closes = [...text.matchAll(/<\/entry>/g)].map((m) => (m.index ?? 0) + "</entry>".length);
      // A cut in the middle of entries 1, 5, 10 and 15.
      for (const n of [1, 5, 10, 15]) {
        const start = n === 1 ? text.indexOf("<entry>") : (closes[n - 2] ?? 0);
        const end = closes[n - 1] ?? 0;
        const at = Math.floor((start + end) / 2);
        const cutRaw = cut(raw, at, `large-atom@${at}`);
        expectCutShort(whole, feedReader.read(cutRaw), n - 1, cutRaw.input);
      }
    },
    20_000,
  );
});
