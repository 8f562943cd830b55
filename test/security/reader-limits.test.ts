import { describe, it } from "vitest";

/**
 * Issue 7, "limits", for the HTML and feed readers. They are being written in
 * src/ingest/readers/ on another branch; each case below is switched on (it.todo → it) when its
 * reader lands here. The text reader's limits (MAX_INPUT_BYTES, undecodable bytes) and the YAML
 * alias bomb are tested in ingest-robustness.test.ts and bad-content.test.ts.
 */

describe("HTML reader limits (todo: no HTML reader in this branch yet)", () => {
  // Build `<div>` × 100,000 nested; expect a report naming the depth limit, in < 5 s and < 200 MB RSS growth.
  it.todo("handles deeply nested HTML (100,000 levels) within bounded memory and time, with a clear report");
  // A sparse 11 MB .html file: refused by checkInputSize before parsing, like the text reader.
  it.todo("refuses an HTML page over MAX_INPUT_BYTES before parsing it");
});

describe("feed reader limits (todo: no feed reader in this branch yet)", () => {
  // <!DOCTYPE lolz [<!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;…"> …]>: the XML parser must not
  // expand entities (or must cap the expansion); expect a failed item naming the feed.
  it.todo("refuses a billion-laughs XML feed without expanding it, with a clear report");
  // 100,000 <item>s: expect a bounded number of articles (a named MAX_FEED_ITEMS) and a report of the rest.
  it.todo("handles a feed with 100,000 items within bounded memory and time, with a clear report");
  // An RSS feed over MAX_INPUT_BYTES: refused before parsing.
  it.todo("refuses a feed over MAX_INPUT_BYTES before parsing it");
});
